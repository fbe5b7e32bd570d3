"""How a route is called and who may call it: shared by the route enumeration and the tables that extend it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

PUBLIC, MEMBER, OWNER, PRIVILEGE, MODERATOR, ADMIN = "public", "member", "owner", "privilege", "moderator", "admin"
# Who makes the valid request, and who must be refused, for each access level (names of World actors).
ALLOWED = {PUBLIC: "anon", MEMBER: "member", OWNER: "owner", PRIVILEGE: "veteran", MODERATOR: "mod",
           ADMIN: "admin"}
REFUSED = {PUBLIC: (), MEMBER: (), OWNER: ("member",), PRIVILEGE: ("member",), MODERATOR: ("member", "veteran"),
           ADMIN: ("member", "veteran", "mod")}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
MARKER = 987654  # a number no legitimate action stores
OLD_DATE = "2001-02-03 04:05:06"


@dataclass(frozen=True)
class Call:
    """How to call one route (rule + method)."""

    access: str
    values: dict = field(default_factory=dict)  # URL argument -> World attribute
    data: Callable[[SimpleNamespace], dict] = lambda w: {}  # a valid form body
    query: str | Callable[[SimpleNamespace], str] = ""
    actor: str | None = None  # who makes the valid request (default: ALLOWED[access])
    refused: tuple | None = None  # who must be refused (default: REFUSED[access])
    refused_status: int = 403  # 404 where the target's existence is private
    ok: int = 200  # status of the valid request (POST: 302 unless said otherwise)
    changes: bool | None = True  # POST: the valid request changes the database (None: either way)


def post(access: str, values: dict | None = None, data=lambda w: {}, ok: int = 302, **kwargs) -> Call:
    return Call(access, values or {}, data, ok=ok, **kwargs)
