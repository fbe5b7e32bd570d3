"""The brand's generated stylesheet: public, like the static files."""

from tests.integration.route_calls import PUBLIC, Call

ROUTES = {
    ("GET", "/brand.css"): Call(PUBLIC),
}
