"""A software security key for the tests: an ES256 key pair made here, answering WebAuthn options as a browser and
its authenticator would (attestation "none"), with knobs to answer wrongly (another origin, another RP id, another
challenge, a counter going backwards), and the script's part on the rendered pages: fetch the options, put the
answer in the form's hidden field, press the button."""

import hashlib
import json
import os
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2 import cbor
from fido2.cose import ES256

USER_PRESENT, ATTESTED = 0x01, 0x40
ORIGIN, RP_ID = "http://localhost", "localhost"  # the test client's host


def b64url(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftKey:
    def __init__(self):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0

    def create(self, options: dict, origin: str = ORIGIN, rp_id: str = RP_ID, challenge: str | None = None) -> str:
        """The JSON of `PublicKeyCredential.toJSON()` after navigator.credentials.create(options)."""
        public = options["publicKey"]
        client_data = self._client_data("webauthn.create", challenge or public["challenge"], origin)
        cose = cbor.encode(dict(ES256.from_cryptography_key(self.private.public_key())))
        credential = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + cose
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([USER_PRESENT | ATTESTED]) + \
            struct.pack(">I", self.counter) + credential
        attestation = cbor.encode({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return json.dumps({"id": b64url(self.credential_id), "rawId": b64url(self.credential_id),
                           "type": "public-key", "authenticatorAttachment": "cross-platform",
                           "response": {"clientDataJSON": b64url(client_data), "attestationObject": b64url(attestation),
                                        "transports": ["usb"]},
                           "clientExtensionResults": {}})

    def get(self, options: dict, origin: str = ORIGIN, rp_id: str = RP_ID, challenge: str | None = None,
            counter: int | None = None) -> str:
        """The JSON of `PublicKeyCredential.toJSON()` after navigator.credentials.get(options); the counter moves
        on by one unless `counter` is given."""
        public = options["publicKey"]
        self.counter = self.counter + 1 if counter is None else counter
        client_data = self._client_data("webauthn.get", challenge or public["challenge"], origin)
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([USER_PRESENT]) + struct.pack(">I", self.counter)
        signature = self.private.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return json.dumps({"id": b64url(self.credential_id), "rawId": b64url(self.credential_id),
                           "type": "public-key", "authenticatorAttachment": "cross-platform",
                           "response": {"clientDataJSON": b64url(client_data), "authenticatorData": b64url(auth_data),
                                        "signature": b64url(signature)},
                           "clientExtensionResults": {}})

    @staticmethod
    def _client_data(kind: str, challenge: str, origin: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}).encode()


def fetch_options(page, attribute: str) -> dict:
    """What static/js/passkeys.js does first: POST to the URL in the form's data attribute, with the page's CSRF
    token in the header."""
    node = page.tree.css_first(f"form[{attribute}]")
    assert node is not None, f"no form with {attribute} on {page.url}"
    token = page.tree.css_first('meta[name="csrf-token"]')
    response = page.browser.client.post(node.attributes[attribute], headers={
        "Accept": "application/json", "X-CSRFToken": token.attributes["content"] if token else ""})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def fill_answer(form, answer: str):
    """The script's last step: the answer in the hidden "credential" field (no person types there)."""
    next(c for c in form.controls if c.name == "credential").value = answer
    return form
