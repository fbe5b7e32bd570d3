"""Markdown rendering time per pathological pattern (tests/unit/markdown_patterns.py) at the longest body,
as median and p99 of CPU time over repeated renders (CPU time: the machine is shared, wall time is not
this process's).

    .venv/bin/python bench/markdown_bench.py                  # every pattern, 30,000 characters
    .venv/bin/python bench/markdown_bench.py --repeat 100 --out bench/results/markdown-<date>.md
    .venv/bin/python bench/markdown_bench.py --match "nested" --limit 5

A render still running after --limit seconds is stopped (SIGPROF, CPU time) and recorded as "> limit". Comments are
measured at their own limit (600 characters). Not part of `make test`: the bound is guarded by
tests/unit/markup/test_markup_bounds.py.
"""

import argparse
import gc
import os
import platform
import signal
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import markup  # noqa: E402
from tests.unit.markdown_patterns import LENGTH, patterns  # noqa: E402

COMMENT_LENGTH = 600


class Stopped(Exception):
    pass


def _stop(signum, frame):
    raise Stopped()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(render, text: str, repeat: int, limit: float) -> tuple[float, float] | None:
    """(median, p99) in milliseconds, or None when one render ran past the limit."""
    times = []
    for _ in range(repeat):
        gc.collect()
        signal.setitimer(signal.ITIMER_PROF, limit)
        try:
            start = time.process_time()
            render(text)
            times.append((time.process_time() - start) * 1000)
        except Stopped:
            return None
        except RecursionError:
            return float("nan"), float("nan")
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    return statistics.median(times), percentile(times, 99)


def cell(result) -> str:
    if result is None:
        return "stopped"
    if result[0] != result[0]:
        return "RecursionError"
    return f"{result[0]:.1f} / {result[1]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--limit", type=float, default=5.0, help="seconds before a render is stopped")
    parser.add_argument("--match", default="", help="only patterns whose name contains this")
    parser.add_argument("--out", help="write the table to this file as well")
    args = parser.parse_args()
    signal.signal(signal.SIGPROF, _stop)
    markup.render_post("warm *up*")
    chosen = {name: text for name, text in patterns(LENGTH).items() if args.match in name}
    rows, worst = [], (0.0, "")
    for name, text in chosen.items():
        post = measure(markup.render_post, text, args.repeat, args.limit)
        comment = measure(markup.render_comment, text[:COMMENT_LENGTH], args.repeat, args.limit)
        imported = measure(markup.clean_post_html, text, args.repeat, args.limit)
        rows.append(f"| {name} | {cell(post)} | {cell(comment)} | {cell(imported)} |")
        print(rows[-1], flush=True)
        for kind, result in (("post", post), ("imported HTML", imported)):
            p99 = float("inf") if result is None or result[1] != result[1] else result[1]
            worst = max(worst, (p99, f"{name}, {kind}"))
    lines = [
        f"# Markdown rendering bound, {date.today().isoformat()}",
        "",
        f"`{' '.join(sys.argv)}` on {platform.node() or 'this machine'} ({os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load {' '.join(f'{x:.1f}' for x in os.getloadavg())}).",
        f"Each pattern is {LENGTH:,} characters for a post and imported HTML (`clean_post_html`), and its first "
        f"{COMMENT_LENGTH} for a comment; {args.repeat} renders each; CPU milliseconds, median / p99.",
        "",
        "| pattern | post | comment | imported HTML |",
        "| --- | --- | --- | --- |",
        *rows,
        "",
        f"Worst p99: {worst[0]:.1f} ms ({worst[1]}).",
    ]
    print(lines[-1])
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
