"""`flask posts detect-language` and `flask counters rebuild`."""

import sys

import click
from flask.cli import AppGroup

from app.badges import awards
from app.extensions import db
from app.questions import counters, languages

posts_cli = AppGroup("posts", help="Questions and answers.")
counters_cli = AppGroup("counters", help="Cached counters (scores, answer, tag and badge holder counts).")


@counters_cli.command("rebuild")
@click.option("--check", is_flag=True, help="Change nothing; print each difference and exit 1 if any.")
def rebuild_counters(check):
    """Recompute scores, answer counts, tag counts and badge holder counts from votes, answers, tags and awards."""
    if check:
        drift = counters.find_drift()
        drift += [counters.Drift("badge holders", slug, cached, actual)
                  for slug, cached, actual in awards.holder_drift()]
        for item in drift:
            click.echo(str(item))
        click.echo(f"{len(drift)} counters differ.")
        raise SystemExit(1 if drift else 0)
    fixed = counters.rebuild() + len(awards.holder_drift())
    awards.recount_holders()
    db.session.commit()
    click.echo(f"Rebuilt counters: {fixed} corrected.")


@posts_cli.command("detect-language")
@click.option("--dry-run", is_flag=True, help="Only report what would change.")
def detect_language(dry_run):
    """Read each post's language from its text again (keeping those their authors chose and those of questions
    linked as translations); the search index follows each batch."""
    with click.progressbar(length=languages.count_detectable(), label="Reading posts", file=sys.stderr) as bar:
        found = languages.redetect(dry_run, progress=bar.update)
    for (old, new), count in sorted(found.changes.items(), key=lambda item: (str(item[0][0]), item[0][1])):
        click.echo(f"{old or 'none'} -> {new}: {count}")
    total = sum(found.changes.values())
    click.echo(f"{total} posts {'would change' if dry_run else 'changed'}.")
    if found.kept_linked:
        click.echo(f"Linked as translations, kept their language (unlink to change it): "
                   f"{', '.join(map(str, found.kept_linked))}")


def init_app(app) -> None:
    app.cli.add_command(posts_cli)
    app.cli.add_command(counters_cli)
