"""A hostile middle between Sportello and the provider, for the ID-token cases: it serves the provider's discovery
document naming itself as the token endpoint, forwards the token request to the provider, and hands back the
answer with the ID token changed by `tamper` (another client's token, a forged signature, "alg": "none")."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from joserfc import jwt
from joserfc.jwk import RSAKey


class TamperingProxy:
    def __init__(self, issuer: str, tamper):
        self.issuer, self.tamper = issuer, tamper
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path != "/.well-known/openid-configuration":
                    return self._send(404, {})
                metadata = requests.get(f"{proxy.issuer}/.well-known/openid-configuration", timeout=5).json()
                metadata["token_endpoint"] = f"{proxy.url}/token"
                self._send(200, metadata)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type")}
                answer = requests.post(f"{proxy.issuer}/token", data=body, headers=headers, timeout=5)
                token = answer.json()
                if answer.ok and "id_token" in token:
                    token["id_token"] = proxy.tamper(token["id_token"])
                self._send(answer.status_code, token)

            def _send(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def claims_of(id_token: str) -> dict:
    payload = id_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def signed_by_another_key(id_token: str) -> str:
    """The same claims and key id, signed with a key the provider never published."""
    return jwt.encode({"alg": "RS256", "kid": "test-signing-key"}, claims_of(id_token), RSAKey.generate_key(2048))


def unsigned(id_token: str) -> str:
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims_of(id_token))}."
