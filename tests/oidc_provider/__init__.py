"""The OpenID provider the sign-in tests run against: panva's oidc-provider (OpenID Certified), started on a free
loopback port with the clients and accounts a test gives it, and a person's browser on its own pages."""

import json
import os
import socket
import subprocess  # nosec B404 - starts the test provider
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from selectolax.lexbor import LexborHTMLParser

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "provider.mjs"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install() -> None:
    """npm ci from the lock file, when `make test` has not done it."""
    if not (HERE / "node_modules" / "oidc-provider").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)  # nosec


class Provider:
    def __init__(self, clients: list[dict], accounts: dict):
        install()
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.accounts_file = Path(tempfile.mkstemp(suffix=".json")[1])
        self.set_accounts(accounts)
        env = {**os.environ, "OIDC_PORT": str(self.port), "OIDC_CLIENTS": json.dumps(clients),
               "OIDC_ACCOUNTS_FILE": str(self.accounts_file)}
        self.process = subprocess.Popen(["node", str(SCRIPT)], cwd=HERE, env=env, stdout=subprocess.PIPE,  # nosec
                                        stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 30
        for line in self.process.stdout:
            if line.startswith("listening"):
                break
            if time.monotonic() > deadline:
                break
        else:
            raise RuntimeError("the OpenID provider did not start")

    def set_accounts(self, accounts: dict) -> None:
        self.accounts_file.write_text(json.dumps(accounts))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.accounts_file.unlink(missing_ok=True)

    def metadata(self) -> dict:
        return requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=5).json()


class Person:
    """Someone's browser on the provider's own pages: its cookies (the provider's session) kept."""

    def __init__(self, provider: Provider):
        self.provider = provider
        self.http = requests.Session()

    def sign_in(self, authorize_url: str, login: str, returns_to: str) -> str:
        """Follow the authorization request through the provider's log-in and consent pages until the provider
        sends the browser back to `returns_to`; returns that address (with the code and state)."""
        url, method, data = authorize_url, "GET", None
        for _ in range(12):
            response = self.http.request(method, url, data=data, allow_redirects=False, timeout=10)
            if response.is_redirect:
                url, method, data = urljoin(url, response.headers["Location"]), "GET", None
                if url.startswith(returns_to):
                    return url
                continue
            form = LexborHTMLParser(response.text).css_first("form")
            assert form is not None, \
                f"the provider shows no form at {url}: {response.status_code} {response.text[:500]}"
            fields = {node.attributes.get("name"): node.attributes.get("value") or ""
                      for node in form.css("input") if node.attributes.get("name")}
            if "login" in fields:
                fields.update(login=login, password="any password")
            url, method, data = urljoin(url, form.attributes.get("action") or url), "POST", fields
        raise AssertionError("the provider never sent the browser back")

    def confirm_logout(self, end_session_url: str) -> str:
        """The provider's log-out page asks to confirm; returns where it sends the browser afterwards."""
        response = self.http.get(end_session_url, timeout=10)
        form = LexborHTMLParser(response.text).css_first("form")
        assert form is not None, response.text[:500]
        fields = {node.attributes.get("name"): node.attributes.get("value") or ""
                  for node in form.css("input") if node.attributes.get("name")}
        fields["logout"] = "yes"
        response = self.http.post(urljoin(end_session_url, form.attributes.get("action")), data=fields,
                                  allow_redirects=False, timeout=10)
        return response.headers["Location"]

    def is_signed_in_at_provider(self, authorize_url: str, returns_to: str) -> bool:
        """Whether the provider sends the browser straight back (its session lives) or asks for a login."""
        url = authorize_url
        for _ in range(6):
            response = self.http.get(url, allow_redirects=False, timeout=10)
            if not response.is_redirect:
                return "name=\"login\"" not in response.text
            url = urljoin(url, response.headers["Location"])
            if url.startswith(returns_to):
                return True
        return False


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
