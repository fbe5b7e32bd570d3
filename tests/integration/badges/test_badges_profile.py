"""A profile's badges: one line per badge (and per product for per-product badges), with a count."""

import re
from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.models import BadgeAward, Tag


def award(user, badge, key, when, tag=None, post_id=None):
    db.session.add(BadgeAward(user_id=user.id, badge=badge, award_key=key, awarded_at=when,
                              tag_id=tag.id if tag else None, post_id=post_id))


def award_lines(html: str) -> list[str]:
    listing = re.search(r'<ul class="award-list">(.*?)</ul>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", li)).strip()
            for li in re.findall(r"<li>(.*?)</li>", listing, re.S)]


def test_many_awards_of_one_badge_show_as_one_line_with_the_count(client, make_user, make_question, tags):
    member = make_user("prolific")
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for n in range(35):
        award(member, "nice-answer", f"post:{n}", start + timedelta(days=n))
    aurora, descaling = tags[0], tags[1]
    award(member, "product-expert-bronze", f"tag:{aurora.id}", start, tag=aurora)
    award(member, "product-expert-bronze", f"tag:{descaling.id}", start + timedelta(days=1), tag=descaling)
    question = make_question(member)
    award(member, "student", "", start - timedelta(days=1), post_id=question.id)
    db.session.commit()

    html = client.get(f"/users/{member.id}/prolific?tab=badges").get_data(as_text=True)
    lines = award_lines(html)
    assert len(lines) == 4  # not 38
    nice = [line for line in lines if "Nice Answer" in line]
    assert len(nice) == 1 and "× 35" in nice[0] and "awarded 35 times" in nice[0] and "latest" in nice[0]
    assert lines[0] == nice[0]  # the most recently earned first
    assert any("Expert: aurora-one" in line and "×" not in line for line in lines)
    assert any("Expert: descaling" in line for line in lines)
    # A single award keeps its link to the post it was earned for.
    student = next(line for line in lines if "Student" in line)
    assert "for this post" in student and "×" not in student
    assert '<span class="tab-count">38</span>' in html  # the tab counts awards, not lines


def test_profile_without_badges(client, make_user):
    member = make_user("newcomer")
    html = client.get(f"/users/{member.id}/newcomer?tab=badges").get_data(as_text=True)
    assert "No badges yet." in html and "award-list" not in html and "tab-count" not in html


def test_award_lines_are_paged(client, make_user):
    member = make_user("expert")
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    products = [Tag(name=f"model-{n:02d}") for n in range(61)]
    db.session.add_all(products)
    db.session.flush()
    for n, tag in enumerate(products):
        award(member, "product-expert-bronze", f"tag:{tag.id}", start + timedelta(hours=n), tag=tag)
    db.session.commit()
    first = client.get(f"/users/{member.id}/expert?tab=badges").get_data(as_text=True)
    assert len(award_lines(first)) == 60 and "Expert: model-60" in first and "Expert: model-00" not in first
    second = client.get(f"/users/{member.id}/expert?tab=badges&page=2").get_data(as_text=True)
    assert award_lines(second) == [award_lines(second)[0]] and "Expert: model-00" in award_lines(second)[0]
    assert '<span class="tab-count">61</span>' in second
