"""Predicates that can say why not, and the guards derived from them: a guard raises exactly when its predicate
is false, with the predicate's own reason (as Discourse's Guardian derives `ensure_can_x!` from `can_x?`)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, ParamSpec, Protocol, TypeVar

from typing_extensions import TypeIs

from app.errors import DomainError, NotAllowed
from app.i18n import lazy_gettext as _l

P = ParamSpec("P")


class Authenticated(Protocol):
    @property
    def is_authenticated(self) -> bool: ...


U = TypeVar("U", bound=Authenticated)


@dataclass(slots=True)  # not frozen: a frozen init costs several times more, and templates make many
class Refusal:
    """A predicate's no and its reason: false where the predicate is tested, the error its guard raises."""

    error: type[DomainError]
    # A translated message, or a function making it: templates ask predicates dozens of times a page and show
    # none of the reasons, so a reason that costs a look-up (a privilege's threshold) is made only when needed.
    message: object

    def __bool__(self) -> bool:
        return False

    @property
    def reason(self):
        return self.message() if callable(self.message) else self.message

    def exception(self) -> DomainError:
        return self.error(self.reason)


Verdict = Literal[True] | Refusal

SIGNED_OUT = Refusal(NotAllowed, _l("You need to log in to do that."))


def signed_in(user: U | None) -> TypeIs[U]:
    # Outside a request (an e-mail rendered by a command or an operation) `current_user` is a proxy to None: the
    # proxy is not None, but it is false. A User row is always authenticated, so for `User | None` this is exactly
    # "a User" (Flask-Login's anonymous user reaches here only through the untyped `current_user`).
    return user is not None and bool(user) and user.is_authenticated


def guard(predicate: Callable[P, bool | Refusal],
          otherwise: Refusal | Callable[P, Refusal] | None = None) -> Callable[P, None]:
    """The guard of `predicate`: raises when it is false, with the Refusal it returned, else with `otherwise` (a
    Refusal, or one made from the same arguments) for predicates that answer only yes or no."""

    def require(*args: P.args, **kwargs: P.kwargs) -> None:
        verdict = predicate(*args, **kwargs)
        if verdict:
            return
        refusal = verdict if isinstance(verdict, Refusal) else otherwise
        if callable(refusal):
            refusal = refusal(*args, **kwargs)
        if not isinstance(refusal, Refusal):
            raise TypeError(f"{predicate.__name__} said no without a reason")
        raise refusal.exception()

    name = predicate.__name__.removeprefix("can_").removeprefix("is_")
    require.__name__ = require.__qualname__ = "require" if name == "has" else f"require_{name}"
    require.__doc__ = f"Raise the refusal when `{predicate.__name__}` is false."
    require.predicate = predicate  # type: ignore[attr-defined]  # the pair, for the tests that walk them
    return require
