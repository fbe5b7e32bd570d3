"""A visitor's browser against the cluster: one cookie jar, requests sent to a chosen app server (or through the
load balancer), forms submitted as the page renders them."""

import re

import requests

from tests.integration.rendered_forms import RenderedForm, rendered_forms

BALANCER = None  # pass as `server` to go through the load balancer instead of one app server


class Browser:
    def __init__(self, cluster, address: str = "127.0.0.1"):
        self.cluster = cluster
        self.http = requests.Session()
        # The address the visitor comes from, as the load balancer reports it (the app trusts one proxy hop):
        # each test's visitors have networks of their own, so per-address limits and counts stay apart.
        self.http.headers["X-Forwarded-For"] = address
        self.http.headers["Accept-Language"] = "en"

    def url(self, server: int | None, path: str) -> str:
        base = self.cluster.url if server is None else self.cluster.app_server_url(server)
        return path if path.startswith("http") else base + path

    def get(self, server: int | None, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.url(server, path), timeout=30, **kwargs)

    def post(self, server: int | None, path: str, **kwargs) -> requests.Response:
        return self.http.post(self.url(server, path), timeout=30, **kwargs)

    def submit(self, server: int | None, page: str, field: str, typed: dict | None = None, action: str = "",
               **kwargs) -> requests.Response:
        """Open `page` on `server`, and send the form there that has `field` (and posts to an address containing
        `action`), with what a person typed."""
        response = self.get(server, page)
        assert response.status_code == 200, (page, response.status_code)
        form = form_having(response.text, field, action)
        # A file field sends its file part (kwargs' `files`) instead of the empty text the form renders.
        data = {name: value for name, value in {**form.fields, **(typed or {})}.items()
                if name not in kwargs.get("files", {})}
        target = form.action or page
        if form.method == "get":
            return self.get(server, target, params=data, **kwargs)
        return self.post(server, target, data=data, **kwargs)

    def log_in(self, server: int | None, login: str, password: str) -> None:
        response = self.submit(server, "/login", "password", {"login": login, "password": password},
                               allow_redirects=False)
        assert response.status_code == 302, response.text[:500]

    def ask(self, server: int | None, title: str, body: str, tags: str = "aurora-one",
            **kwargs) -> requests.Response:
        """Ask a question; the response is the redirect to its page."""
        response = self.submit(server, "/questions/ask", "title", {"title": title, "body": body, "tags": tags,
                                                                   "language": "en"},
                               allow_redirects=False, **kwargs)
        assert response.status_code == 302, (response.status_code, errors_on(response.text))
        return response

    def signed_in(self, server: int | None) -> bool:
        """Whether the settings page opens (a visitor signed out is sent to the log-in page)."""
        response = self.get(server, "/settings", allow_redirects=False)
        assert response.status_code in (200, 302), response.status_code
        return response.status_code == 200


def form_having(html: str, field: str, action: str = "") -> RenderedForm:
    matching = [form for form in rendered_forms(html) if field in form.fields and action in form.action]
    assert len(matching) == 1, (f"{len(matching)} forms with a field {field!r} and an action containing {action!r}",
                                [(form.action, list(form.fields)) for form in rendered_forms(html)])
    return matching[0]


def errors_on(html: str) -> list[str]:
    """The error messages a page shows (to say why a form was refused)."""
    return re.findall(r'<p class="error"[^>]*>([^<]*)', html) + re.findall(r'role="alert"[^>]*>\s*([^<]*)', html)
