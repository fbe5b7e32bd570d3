"""Who answered "Was this helpful?", as far as the count needs to know: a keyed hash of their network, browser and
the day, whose key is derived from SECRET_KEY and that day (so yesterday's hashes cannot be linked to today's,
and none can be reversed without the key); the page's form token; and the requests that are not counted."""

import hashlib
import hmac
import re
from datetime import date

from flask import current_app, request

from app.client_network import client_network

# Crawlers and scripts that say what they are. A browser pretending otherwise still needs the page's form token,
# and counts once a day at most.
CRAWLERS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|facebookexternalhit|mediapartners|bingpreview|embedly|quora link|"
    r"python-|curl/|wget/|httpx|go-http-client|java/|libwww|okhttp|scrapy",
    re.IGNORECASE)


def _key(purpose: str) -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), purpose.encode(), hashlib.sha256).digest()


def visitor_key(day: date) -> str:
    """The reader of this request on `day`, as a 64-character hash: their network and browser, keyed for the day."""
    who = f"{client_network()}\n{request.user_agent.string}"
    return hmac.new(_key(f"visitor-feedback:{day.isoformat()}"), who.encode(), hashlib.sha256).hexdigest()


def form_token(question_id: int) -> str:
    """The token of the page's "Was this helpful?" form: the same for every reader of the page (the page is kept
    and shared), so it sets no cookie; an answer sent without reading the page lacks it."""
    return hmac.new(_key("helpful-form"), str(question_id).encode(), hashlib.sha256).hexdigest()[:32]


def is_counted(question_id: int, token: str) -> bool:
    """False for a request the count ignores: no valid form token, a crawler's user agent, or sent by another
    site's page (a browser says so in Sec-Fetch-Site)."""
    agent = request.user_agent.string
    return (hmac.compare_digest(token.encode(), form_token(question_id).encode())
            and bool(agent.strip()) and not CRAWLERS.search(agent)
            and request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none"))
