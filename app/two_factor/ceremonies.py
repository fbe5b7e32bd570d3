"""WebAuthn ceremonies with Yubico's fido2 library: the relying party (this site's origin and RP id, from the
configuration, in one place), the options a browser's `navigator.credentials` call takes, and the checks of its
answer. Every refusal is an `Answer` error naming what was wrong, in words a member can act on.

User verification is "discouraged": the key is the second factor, after a password (the first); asking for its PIN
or fingerprint as well would shut out keys that have neither and add nothing the password does not give."""

import hashlib
import json
from typing import Literal, overload
from urllib.parse import urlsplit

from fido2.server import Fido2Server
from fido2.utils import websafe_encode
from fido2.webauthn import (
    AttestationConveyancePreference,
    AttestedCredentialData,
    AuthenticationResponse,
    AuthenticatorData,
    CollectedClientData,
    PublicKeyCredentialDescriptor,
    PublicKeyCredentialRpEntity,
    PublicKeyCredentialType,
    PublicKeyCredentialUserEntity,
    RegistrationResponse,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)
from flask import current_app

from app.i18n import lazy_gettext as _l
from app.urls import public_origin

USER_VERIFICATION = UserVerificationRequirement.DISCOURAGED
MAX_ANSWER = 16_000  # characters of a browser's answer: a real one is under 2,000

NO_ANSWER = _l("Adding or using a security key needs JavaScript in your browser. You can use a code from your "
               "authenticator app instead.")
UNREADABLE = _l("Your browser's answer could not be read. Try again, or use a code from your authenticator app.")
OTHER_SITE = _l("The security key answered for another site's address, not this one. Open this site at its own "
                "address and try again.")
STALE = _l("This request has expired or was used already. Press the button again.")
NOT_YOURS = _l("This security key is not one of those added to this account. Use one you added in your settings, "
               "or a code from your authenticator app.")
CLONED = _l("This security key's counter went backwards: it may have been copied. Use a code from your "
            "authenticator app, then remove the key in your settings and add it again.")
NOT_CHECKED = _l("The security key's answer could not be checked. Try again, or use a code from your "
                 "authenticator app.")


class Refused(Exception):
    """A ceremony's answer refused; `message` says why (one of the messages above)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def origin() -> str:
    """The one origin a browser may sign for: SITE_URL in production (required there), else this request's."""
    return public_origin()


def rp_id() -> str:
    """The RP id keys are bound to: WEBAUTHN_RP_ID (a parent domain, so keys survive a move between
    subdomains), or the origin's host name."""
    return current_app.config["WEBAUTHN_RP_ID"] or urlsplit(origin()).hostname or ""


def _server() -> Fido2Server:
    expected = origin()
    return Fido2Server(PublicKeyCredentialRpEntity(id=rp_id(), name=current_app.config["SITE_NAME"]),
                       attestation=AttestationConveyancePreference.NONE,
                       verify_origin=lambda sent: sent == expected)


def registration_options(user_handle: bytes, username: str, display_name: str,
                         existing: list[bytes]) -> tuple[dict, str]:
    """The options of navigator.credentials.create, and the challenge they carry (base64url)."""
    options, state = _server().register_begin(
        PublicKeyCredentialUserEntity(id=user_handle, name=username, display_name=display_name or username),
        credentials=_descriptors(existing), resident_key_requirement=ResidentKeyRequirement.DISCOURAGED,
        user_verification=USER_VERIFICATION)
    return dict(options), state["challenge"]


def sign_in_options(allowed: list[bytes]) -> tuple[dict, str]:
    """The options of navigator.credentials.get for these credentials, and their challenge."""
    options, state = _server().authenticate_begin(_descriptors(allowed), user_verification=USER_VERIFICATION)
    return dict(options), state["challenge"]


def _descriptors(credential_ids: list[bytes]) -> list[AttestedCredentialData | PublicKeyCredentialDescriptor]:
    return [PublicKeyCredentialDescriptor(type=PublicKeyCredentialType.PUBLIC_KEY, id=credential_id)
            for credential_id in credential_ids]


@overload
def parse(answer: str, kind: Literal["register"]) -> RegistrationResponse: ...
@overload
def parse(answer: str, kind: Literal["sign_in"]) -> AuthenticationResponse: ...
def parse(answer: str, kind: str) -> RegistrationResponse | AuthenticationResponse:
    """A browser's answer as sent (the JSON of `PublicKeyCredential.toJSON()`)."""
    if not answer:
        raise Refused(NO_ANSWER)
    if len(answer) > MAX_ANSWER:
        raise Refused(UNREADABLE)
    try:
        data = json.loads(answer)
        return (RegistrationResponse if kind == "register" else AuthenticationResponse).from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise Refused(UNREADABLE) from None


def _check_client(client_data: CollectedClientData, auth_data: AuthenticatorData, challenge: str) -> None:
    """What the library also checks, checked first so that each refusal says what was wrong."""
    if client_data.origin != origin() or auth_data.rp_id_hash != hashlib.sha256(rp_id().encode()).digest():
        raise Refused(OTHER_SITE)
    if websafe_encode(client_data.challenge) != challenge:
        raise Refused(STALE)


def verify_registration(response: RegistrationResponse, challenge: str) -> AttestedCredentialData:
    """The new key's credential (id and public key) once its answer is checked against `challenge`."""
    _check_client(response.response.client_data, response.response.attestation_object.auth_data, challenge)
    try:
        auth_data = _server().register_complete(_state(challenge), response)
    except ValueError:
        raise Refused(NOT_CHECKED) from None
    if auth_data.credential_data is None:
        raise Refused(NOT_CHECKED)
    return auth_data.credential_data


def verify_sign_in(response: AuthenticationResponse, challenge: str, credential: bytes, sign_count: int) -> int:
    """The key's new signature counter once its answer (signed by `credential`) is checked against `challenge`;
    a counter that does not move forward refuses the answer, unless the key keeps none (always 0)."""
    auth_data = response.response.authenticator_data
    _check_client(response.response.client_data, auth_data, challenge)
    try:
        _server().authenticate_complete(_state(challenge), [AttestedCredentialData(credential)], response)
    except ValueError:
        raise Refused(NOT_CHECKED) from None
    if (auth_data.counter or sign_count) and auth_data.counter <= sign_count:
        raise Refused(CLONED)
    return auth_data.counter


def _state(challenge: str) -> dict:
    return {"challenge": challenge, "user_verification": USER_VERIFICATION}

