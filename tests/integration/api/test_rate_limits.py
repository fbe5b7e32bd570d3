"""Rate limits: the web forms' limits on writes (counted per member), a configurable limit on reads, and
429 answers in JSON with Retry-After."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Question


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "API_READ_RATE_LIMIT": "3/minute"}


def test_reads_are_limited_per_address(api):
    statuses = [api.get("/tags").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/tags")
    assert refused.json["error"]["code"] == "rate_limited" and int(refused.headers["Retry-After"]) > 0


def test_writes_have_the_forms_limit_per_member(api, tags, make_user, make_token):
    olivia, hugo = make_token(make_user("olivia")), make_token(make_user("hugo"))
    # Asking is limited to 20 a minute, as on the ask page; refused attempts count too.
    statuses = [api.post("/questions", token=olivia, json={"title": "too short"}).status_code for _ in range(21)]
    assert statuses == [422] * 20 + [429]
    refused = api.post("/questions", token=olivia, json={"title": "The steam wand drips after I close it",
                                                         "tags": ["aurora-one"],
                                                         "body": "It keeps dripping water for minutes after use."})
    assert refused.status_code == 429 and refused.json["error"]["code"] == "rate_limited"
    assert db.session.scalar(select(func.count()).select_from(Question)) == 0
    # Another member's script, from the same address, has its own allowance.
    assert api.post("/questions", token=hugo, json={"title": "The steam wand drips after I close it",
                                                    "tags": ["aurora-one"],
                                                    "body": "It keeps dripping water for minutes after use."}
                    ).status_code == 201
