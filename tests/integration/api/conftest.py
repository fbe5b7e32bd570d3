"""API test helpers: tokens, and a client whose every response is checked against the OpenAPI document
(documented status, JSON body matching the documented schema)."""

import re

import jsonschema_rs
import pytest

from app.api import openapi
from app.api import operations as tokens
from app.extensions import db

PREFIX = "/api/v1"


@pytest.fixture
def make_token(app):
    def make(user, name="help desk sync") -> str:
        _row, secret = tokens.create_token(user, name)
        db.session.commit()
        return secret

    return make


class Contract:
    """The document's operations by method and path pattern, and a validator per schema."""

    def __init__(self, document: dict):
        self.document = document
        self.operations = []
        for path, methods in document["paths"].items():
            pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
            for method, operation in methods.items():
                self.operations.append((method.upper(), pattern, operation))

    def find(self, method: str, path: str):
        for known_method, pattern, operation in self.operations:
            if known_method == method and pattern.match(path):
                return operation
        return None

    def schema_of(self, operation: dict, status: int) -> dict:
        response = operation["responses"][str(status)]
        if "$ref" in response:
            response = self.document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        return response["content"]["application/json"]["schema"]

    def check(self, method: str, path: str, response) -> None:
        operation = self.find(method, path.split("?")[0])
        if operation is None:  # an address the API does not have: still a JSON error
            assert response.status_code in (404, 405), (method, path, response.status_code)
            self.validate({"$ref": "#/components/schemas/Error"}, response.json)
            return
        assert str(response.status_code) in operation["responses"], \
            f"{method} {path} answered {response.status_code}, which is not documented: {response.get_data(True)}"
        assert response.mimetype == "application/json", (method, path, response.mimetype)
        self.validate(self.schema_of(operation, response.status_code), response.json)

    def validate(self, schema: dict, instance) -> None:
        root = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema,
                "components": self.document["components"]}
        validator = jsonschema_rs.validator_for(root, validate_formats=True)
        errors = [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(instance)]
        assert not errors, "the response does not match its schema:\n" + "\n".join(errors[:10])


class Api:
    def __init__(self, client, contract: Contract):
        self.client, self.contract = client, contract

    def call(self, method: str, path: str, token: str | None = None, json=None, **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = self.client.open(PREFIX + path, method=method, json=json, headers=headers, **kwargs)
        self.contract.check(method, path, response)
        return response

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.call("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.call("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.call("DELETE", path, **kwargs)


@pytest.fixture
def contract(app):
    with app.test_request_context():
        return Contract(openapi.document())


@pytest.fixture
def api(client, contract):
    return Api(client, contract)
