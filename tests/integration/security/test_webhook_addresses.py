"""Server-side request forgery through a webhook URL: every IPv6 spelling that reaches an IPv4 address (mapped,
compatible, NAT64, 6to4, Teredo) is judged as, or refused like, the address it reaches, and the registration
form says why with the typed URL kept."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Webhook
from app.webhooks import addresses
from tests.integration.security.pages import fields

# Each reaches a loopback, private or otherwise internal IPv4 address, or is a tunnel or range no receiver uses.
INTERNAL = [
    "::127.0.0.1", "::10.0.0.1", "::a00:1", "::169.254.169.254",  # IPv4-compatible (deprecated ::/96)
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:0:7f00:1",  # IPv4-mapped and IPv4-translated
    "64:ff9b::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::10.1.2.3", "64:ff9b::a9fe:a9fe",  # NAT64, RFC 6052
    "64:ff9b:1::7f00:1", "64:ff9b:1:0:7f:0:100::", "64:ff9b:1::808:808",  # local-use NAT64, RFC 8215
    "2002:7f00:1::", "2002:a00:1::1", "2002:a9fe:a9fe::",  # 6to4 around an internal address
    "2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:5ef5:79fd:0:59d:a0e5:ba1",  # Teredo
    "::", "::1", "fe80::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1", "100::1", "2001:db8::1",
    "127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "240.0.0.1", "255.255.255.255",
]
# The public addresses these spellings wrap stay reachable where a network really routes them.
PUBLIC = ["93.184.215.14", "2606:4700:4700::1111", "::ffff:93.184.215.14", "64:ff9b::93.184.215.14",
          "64:ff9b::808:808", "2002:5db8:d70e::1"]


@pytest.mark.parametrize("address", INTERNAL)
def test_internal_addresses_are_not_public(address):
    assert not addresses.is_public(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_stay_public(address):
    assert addresses.is_public(address)


@pytest.mark.parametrize("host", ["[::127.0.0.1]", "[64:ff9b::7f00:1]", "[64:ff9b:1::7f00:1]", "[::ffff:7f00:1]",
                                  "[2002:7f00:1::]", "[fec0::1]"])
def test_the_registration_form_refuses_them_and_keeps_the_text(app, client, auth, make_user, host):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    auth.login(make_user("ada", role="admin"))
    page = client.get("/admin/webhooks/new").get_data(as_text=True)
    url = f"http://{host}:8080/hooks/in"
    data = fields(page, having="url", typed={"url": url, "secret": "s3cret-for-the-help-desk-0123456789",
                                             "events": ["flag.created"]})
    response = client.post("/admin/webhooks/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This address is on a private or local network" in html
    assert url in html
    assert db.session.scalar(select(func.count(Webhook.id))) == 0
