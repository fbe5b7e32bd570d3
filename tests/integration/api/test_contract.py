"""The contract: schemathesis generates requests from /api/v1/openapi.json (valid ones, then invalid ones)
and sends them to the app through WSGI, with a moderator's token (every privilege: writes go deepest) and a
new member's token. No response may be a server error, and each must have a documented status, content type,
headers and body schema; invalid requests must be refused.

Bounded for CI: API_CONTRACT_EXAMPLES examples per operation and mode (default 25), derandomised so that a
run is repeatable."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.extensions import db
from app.questions import official_answers
from app.questions import operations as posts

EXAMPLES = int(os.environ.get("API_CONTRACT_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture
def world(app, tags, make_user, make_token):
    owner, helper = make_user("olivia"), make_user("hugo")
    mod = make_user("marta", role="moderator")
    question = posts.ask_question(owner, "The machine shows error E04 after descaling",
                                  "The red light blinks three times and the pump stops. What can I do?",
                                  "aurora-one", "en")
    answer = posts.post_answer(helper, question, "Run the descaling cycle again and then hold power for 5 s.")
    posts.accept_answer(owner, answer)
    official_answers.mark_official(mod, answer)
    posts.add_comment(owner, answer, "Thank you, that worked!")
    db.session.commit()
    return {"ids": {"question_id": question.id, "answer_id": answer.id, "post_id": answer.id,
                    "user_id": helper.id, "slug": "helper"},
            "moderator": make_token(mod), "member": make_token(make_user("sam"))}


def _run(operation, strategy, token: str, checks: list) -> None:
    @given(case=strategy)
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def check(case):
        # identity: the WSGI transport hands over gzip-compressed bytes as they are (an HTTP client unpacks them)
        case.call_and_validate(headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"},
                               checks=checks)

    check()


def test_the_api_keeps_its_openapi_contract(app, world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        names = {parameter.name for parameter in operation.path_parameters}
        known = {name: value for name, value in world["ids"].items() if name in names}
        # Valid requests on the rows that exist, and on ids generated at random (mostly 404s).
        _run(operation, operation.as_strategy(GenerationMode.POSITIVE, path_parameters=known or None),
             world["moderator"], CHECKS)
        if known:
            _run(operation, operation.as_strategy(GenerationMode.POSITIVE), world["member"], CHECKS)
        # Invalid ones must be refused with a documented error (where there is anything to get wrong).
        if operation.path_parameters or operation.query or operation.body:
            _run(operation, operation.as_strategy(GenerationMode.NEGATIVE), world["member"],
                 [*CHECKS, negative_data_rejection])
