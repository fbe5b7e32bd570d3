"""Timing of the account answers that must not tell whether an account exists.

    .venv/bin/python bench/account_timing.py [--rounds 300]

For each pair, requests alternate between the two cases on one app (a migrated SQLite file, the production
password hash, e-mail sent after the commit to .eml files as in development) and the wall time of each
response is recorded (and the CPU time of the thread serving it, which moves less with the machine's
load): a password reset for an address with an account and for one without; a log-in with a
wrong password for an existing account and for an unknown one. Prints medians, quartiles and the difference
of the medians. Abuse limits are off (they would refuse the repeats). Not part of `make test`.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402  (after the path insert above)

from app import create_app  # noqa: E402
from app.accounts import operations  # noqa: E402
from app.extensions import db  # noqa: E402


def build_app(folder: Path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'timing.db'}", "SECRET_KEY": "timing",
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "ABUSE_LIMITS_ENABLED": False,
                      "MAIL_DIR": str(folder / "mail"), "SEARCH_INDEX_DIR": str(folder / "index"),
                      "SITE_URL": "https://community.example"})
    with app.app_context():
        upgrade()
        operations.create_user("olivia", "olivia@example.com", "correct horse battery")
        db.session.commit()
    return app


def timed(client, path: str, data: dict) -> tuple[float, float]:
    """Wall and CPU milliseconds until the response is complete (what the client can measure)."""
    start, cpu = time.perf_counter(), time.thread_time()
    response = client.post(path, data=data)
    response.get_data()
    elapsed, cpu_elapsed = time.perf_counter() - start, time.thread_time() - cpu
    response.close()  # as a server does once the response is sent
    assert response.status_code in (302, 400), response.status_code
    return elapsed * 1000, cpu_elapsed * 1000


def compare(client, rounds: int, path: str, cases: dict[str, dict]) -> None:
    times = {name: [] for name in cases}
    for _ in range(5):  # warm up
        for data in cases.values():
            timed(client, path, data)
    for _ in range(rounds):
        for name, data in cases.items():
            times[name].append(timed(client, path, data))
    medians = {}
    for name, values in times.items():
        q1, median, q3 = statistics.quantiles([wall for wall, _cpu in values], n=4)
        cpu = statistics.median(cpu for _wall, cpu in values)
        medians[name] = median, cpu
        print(f"  {name:<28} wall median {median:6.2f} ms (quartiles {q1:.2f}–{q3:.2f}), CPU median {cpu:6.2f} ms")
    (wall1, cpu1), (wall2, cpu2) = medians.values()
    print(f"  difference of the medians: wall {wall1 - wall2:+.2f} ms, CPU {cpu1 - cpu2:+.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(Path(folder))
        client = app.test_client()
        print(f"password reset request, {args.rounds} rounds:")
        compare(client, args.rounds, "/password/forgot", {
            "address with an account": {"email": "olivia@example.com"},
            "address without one": {"email": "nobody@example.com"}})
        print(f"log-in with a wrong password, {args.rounds // 10} rounds (scrypt):")
        compare(client, args.rounds // 10, "/login", {
            "existing account": {"login": "olivia", "password": "not her password"},
            "unknown login": {"login": "nobody", "password": "not her password"}})


if __name__ == "__main__":
    main()
