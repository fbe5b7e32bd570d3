"""Route tables of the areas that extend the enumeration in test_routes_enumerated.py.

Each module here may define:
    ROUTES              {(method, rule): Call} in the same form as the main table;
    build_world(w)      adds the rows its routes act on (ids as attributes of `w`), inside the world's
                        transaction;
    DESCRIBED_ELSEWHERE {(method, rule)} routes that another enumerating test covers (e.g. the JSON API,
                        whose calls carry a token instead of a session and a CSRF token).
"""

import importlib
import pkgutil


def _modules():
    return [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]


def routes() -> dict:
    merged = {}
    for module in _modules():
        merged.update(getattr(module, "ROUTES", {}))
    return merged


def world_builders() -> list:
    return [module.build_world for module in _modules() if hasattr(module, "build_world")]


def described_elsewhere() -> set:
    return set().union(*(getattr(module, "DESCRIBED_ELSEWHERE", ()) for module in _modules()))
