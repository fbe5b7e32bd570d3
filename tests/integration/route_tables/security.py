"""Password reset and the administrators' e-mail action."""

from app.extensions import db
from tests.integration.route_calls import ADMIN, PUBLIC, Call, post


def build_world(w) -> None:
    from app.accounts import operations as accounts
    from app.accounts import password_reset

    claimer = accounts.create_user("rita", "rita@example.com", "a long and unusual passphrase 7")
    db.session.flush()
    w.reset_token = password_reset.make_token(claimer)


ROUTES = {
    ("GET", "/password/forgot"): Call(PUBLIC),
    ("POST", "/password/forgot"): post(PUBLIC, data=lambda w: {"email": "olivia@example.com"}),
    ("GET", "/password/reset/<token>"): Call(PUBLIC, {"token": "reset_token"}),
    ("POST", "/password/reset/<token>"): post(PUBLIC, {"token": "reset_token"}, lambda w: {
        "new_password": "another long and unusual passphrase"}),
    ("GET", "/admin/users/<int:user_id>/email"): Call(ADMIN, {"user_id": "target"}),
    ("POST", "/admin/users/<int:user_id>/email"): post(ADMIN, {"user_id": "target"}, lambda w: {
        "email": "tina.new@example.com"}),
}
