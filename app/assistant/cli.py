"""`flask assistant reindex | sync | check | evaluate | prune`."""

import json
import sys
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.assistant import evaluation, index, operations
from app.assistant.confidence import Thresholds
from app.extensions import db
from app.models import AssistantPassage, AssistantPending

assistant_cli = AppGroup("assistant", help="The first-level assistant's index and its measured quality.")
TAGS_SHOWN = 10


@contextmanager
def _progress(label: str):
    """A progress bar on stderr, started once the total is known."""
    bar = None

    def start(total: int):
        nonlocal bar
        bar = click.progressbar(length=total, label=label, file=sys.stderr)
        bar.__enter__()

    try:
        yield start, lambda n: bar.update(n) if bar is not None else None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@assistant_cli.command("reindex")
def reindex():
    """Rebuild the assistant's index from the database."""
    with _progress("Indexing questions (measuring, then writing)") as (start, advance):
        report = index.rebuild(progress=advance, on_start=start)
    click.echo(f"Indexed {report.passages} passages of {report.questions} questions in {report.seconds:.1f} s.")


@assistant_cli.command("sync")
def sync():
    """Re-index the questions marked pending (after a failed write)."""
    done = index.sync()
    click.echo(f"Re-indexed {done} pending questions.")


@assistant_cli.command("check")
@click.option("--repair", is_flag=True, help="Mark every drifting question pending, for `flask assistant sync`.")
def check(repair):
    """Compare the index with the database; print drift and exit 1 if there is any."""
    drift = index.check()
    for label, ids in (("missing from the index", drift.missing), ("in the index but not matchable", drift.extra),
                       ("out of date", drift.stale)):
        if ids:
            click.echo(f"{len(ids)} {label}: " + ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else ""))
    click.echo(f"{drift.pending} questions marked pending.")
    if not drift.found:
        click.echo("The index matches the database.")
        return
    if repair:
        index.mark(drift.missing + drift.extra + drift.stale)
        click.echo("Marked them pending: run `flask assistant sync`.")
    raise SystemExit(1)


@assistant_cli.command("evaluate")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--limit", type=click.IntRange(min=1), help="Ask only the first N solved (and N duplicate) questions.")
def evaluate(as_json, limit):
    """Replay the community's solved questions and duplicates against the assistant's retrieval."""
    with index.new_session() as session:
        if not session.scalar(select(func.count()).select_from(AssistantPassage)):
            raise click.ClickException("The assistant's index is empty: run `flask assistant reindex` first.")
        if session.scalar(select(func.count()).select_from(AssistantPending)):
            index.sync()
        thresholds = Thresholds.from_config(current_app.config)
        with _progress("Asking the community's questions") as (start, advance):
            report = evaluation.evaluate(session, thresholds, limit, progress=advance, on_start=start)
    figures = report.as_dict()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    for line in lines(figures):
        click.echo(line)


def lines(figures: dict) -> list[str]:
    """The figures as a plain-text report."""
    out = ["(a) Its own accepted or official answer among all of them (answers' own text only):"]
    header = f"  {'':34} {'asked':>6} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'abstained':>9}"
    for form, groups in figures["answers"].items():
        out += [f"{form}:", header]
        tags = sorted((g for g in groups if g.startswith("tag:")), key=lambda g: -groups[g]["asked"])[:TAGS_SHOWN]
        for group in [g for g in groups if not g.startswith("tag:")] + tags:
            f = groups[group]
            out.append(f"  {group:34} {f['asked']:>6} {f['hit@1']:>6.3f} {f['hit@3']:>6.3f} {f['mrr']:>6.3f} "
                       f"{f['abstained']:>9.3f}")
    out.append("(b) The original of a duplicate among the first 5 suggestions:")
    for form, f in figures["duplicates"].items():
        out.append(f"  {form:34} {f['asked']:>6} hit@5 {f['hit@5']:.3f}  hit@1 {f['hit@1']:.3f}")
    t = figures["thresholds"]
    out.append(f"Confidence of the first answer (questions of at most {t['short_terms']} terms: likely answer from "
               f"{t['answer']}, nothing below {t['related']}; longer: from {t['long_answer']}, "
               f"nothing below {t['long_related']}):")
    for form, kinds in figures["confidence"].items():
        for kind, q in kinds.items():
            out.append(f"  {form:11} {kind:6} " + "  ".join(f"{k} {v}" for k, v in q.items()))
        likely = figures["likely_answers"][form]
        out.append(f"  {form:11} offered as likely: {likely['offered']}, right: {likely['right']} "
                   f"(precision {likely['precision']})")
    off = figures["offtopic"]
    out.append("  off-topic   " + "  ".join(f"{k} {v}" for k, v in off.items()))
    for length, f in figures["by_length"].items():
        out.append(f"{length.capitalize()} questions (both forms): " + "; ".join(
            f"{kind} " + "  ".join(f"{k} {v}" for k, v in f[kind].items()) for kind in ("right", "wrong", "offtopic")))
        out.append(f"  {'threshold':>9} {'offered':>8} {'prec@1':>7} {'prec@3':>7} {'off-topic under':>16}")
        for row in f["sweep"]:
            out.append(f"  {row['threshold']:>9} {row['offered']:>8.3f} {_figure(row['precision@1']):>7} "
                       f"{_figure(row['precision@3']):>7} {_figure(row['offtopic_under']):>16}")
    out.append(f"Threads related by their question (short from {t['thread']}, long from {t['long_thread']}):")
    for length, f in figures["threads"].items():
        out.append(f"  {length}: off-topic best " + "  ".join(f"{k} {v}" for k, v in f["offtopic"].items())
                   + f"; duplicates' originals ({f['originals_asked']} asked) "
                   + "  ".join(f"{k} {v}" for k, v in f["originals"].items()))
        out.append(f"  {'threshold':>9} {'off-topic under':>16} {'originals related':>18}")
        for row in f["sweep"]:
            out.append(f"  {row['threshold']:>9} {_figure(row['offtopic_under']):>16} "
                       f"{_figure(row['originals_related']):>18}")
    if figures["similarity"]:
        out.append("Semantic similarity of the first answer:")
        for form, kinds in figures["similarity"].items():
            for kind, q in kinds.items():
                out.append(f"  {form:11} {kind:6} " + "  ".join(f"{k} {v}" for k, v in q.items()))
        out.append("  off-topic   " + "  ".join(f"{k} {v}" for k, v in figures["offtopic_similarity"].items()))
    return out


@assistant_cli.command("prune")
@click.option("--days", type=click.IntRange(min=0), help="Keep this many days (default ASSISTANT_RETENTION_DAYS).")
def prune(days):
    """Delete the assistant sessions (what customers typed to it) older than the retention period."""
    kept = current_app.config["ASSISTANT_RETENTION_DAYS"] if days is None else days
    deleted = operations.prune(kept)
    db.session.commit()
    click.echo(f"Deleted {deleted} assistant sessions begun more than {kept} days ago.")


def _figure(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def init_app(app) -> None:
    app.cli.add_command(assistant_cli)
