"""@mentions in app.markup: linked only for members the resolver knows, never inside code or links, and
nothing of the text reaches the link's attributes."""

import pytest

from app import markup


@pytest.fixture
def resolver():
    """Sets the resolver for one test, then puts back the one an app may have installed."""
    previous = markup._mention_resolver
    yield markup.set_mention_resolver
    markup.set_mention_resolver(previous)


@pytest.fixture
def members(resolver):
    known = {"olivia": ("/users/3/olivia", "Olivia"), "hugo.b": ("/users/7/hugo-b", "hugo.b")}
    resolver(lambda names: {n: known[n] for n in names if n in known})


def test_a_known_member_is_linked_with_their_registered_name(members):
    html = markup.render_post("Thanks @OLIVIA, and @hugo.b.")
    assert '<a href="/users/3/olivia" class="mention">@Olivia</a>' in html
    assert '<a href="/users/7/hugo-b" class="mention">@hugo.b</a>.' in html
    assert markup.mentioned_paths(html) == ["/users/3/olivia", "/users/7/hugo-b"]


def test_unknown_names_addresses_code_and_links_stay_as_written(members):
    html = markup.render_post("@nobody wrote to a@olivia.com: run `ping @olivia` or see https://x.example/@olivia")
    assert 'class="mention"' not in html
    assert "@nobody" in html and "<code>ping @olivia</code>" in html


def test_comments_get_mentions_too(members):
    assert markup.render_comment("**@olivia** see above") == \
        '<strong><a href="/users/3/olivia" class="mention">@Olivia</a></strong> see above'


def test_no_resolver_no_links(resolver):
    resolver(None)
    assert 'class="mention"' not in markup.render_post("Hello @olivia")


def test_a_mention_cannot_carry_markup(members):
    html = markup.render_post('@olivia"><script>alert(1)</script> @olivia<img src=x onerror=alert(1)>')
    assert "<script" not in html and "onerror" not in html
    assert html.count('class="mention"') == 2


def test_at_most_twenty_distinct_names_are_looked_up(resolver):
    asked = []
    resolver(lambda names: asked.append(names) or {n: (f"/users/{n}", n) for n in names})
    html = markup.render_post(" ".join(f"@member{i:03}" for i in range(500)) + " @member001")
    assert html.count('class="mention"') == 21  # the first twenty names, one of them twice
    assert len(asked) == 1 and len(asked[0]) == markup.MAX_MENTIONS
