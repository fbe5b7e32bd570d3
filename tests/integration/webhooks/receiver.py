"""A help desk on loopback that receives webhook deliveries, as a brand's would: it records every request, and
checks signatures as docs/webhooks.md tells receivers to. The webhook tests and the cluster's drill of a server
killed mid-delivery use it."""

import hashlib
import hmac
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """Records every request and answers with the next planned status (then 200).

    Cleared, `answering` makes it a slow help desk: each request waits until it is set again (at most 5 s). The
    first `hang_first` requests are never answered: their senders wait until they give up or are killed."""

    def __init__(self, hang_first: int = 0):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        self.answering = threading.Event()
        self.answering.set()
        self.closed = threading.Event()
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with lock:
                    receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                    hangs = len(receiver.requests) <= hang_first
                if hangs:
                    receiver.closed.wait()
                    return
                receiver.answering.wait(5)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"busy, try later" if status >= 400 else b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/sportello?source=forum"

    def events(self) -> list[str]:
        return [r["headers"]["X-Sportello-Event"] for r in self.requests]

    def close(self):
        self.closed.set()
        self.answering.set()
        self.server.shutdown()
        self.server.server_close()


def verify(request: dict, secret: str) -> bool:
    """What a receiver does (docs/webhooks.md): recompute the signature over '<timestamp>.<body>'."""
    timestamp = request["headers"]["X-Sportello-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + request["body"], hashlib.sha256).hexdigest()
    return hmac.compare_digest(request["headers"]["X-Sportello-Signature"], f"sha256={expected}")
