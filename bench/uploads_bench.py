"""Uploads' speed: a phone's 4,000 × 3,000 JPEG processed (p50 against 600 ms), a question page that shows five
uploaded images within the question page's budget and without reading an image file, and image responses under
gunicorn against the hello-world ceiling (at least half of it).

    .venv/bin/python bench/uploads_bench.py [--rounds 15] [--wrk-seconds 5] [--wrk-runs 3]

The photo has a phone's detail (noise over gradients), its EXIF (orientation 6, GPS) and a colour profile, at
JPEG quality 90 (about 5 MB). The pages run in-process on a migrated SQLite file in a temporary folder, as
bench/run.py times them; throughput uses bench/run.py's gunicorn (2 sync workers) and wrk. Not part of
`make test`.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402  (after the path insert above)
from PIL import Image, ImageCms  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts import operations as accounts  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Tag, User  # noqa: E402
from app.uploads import processing, storage  # noqa: E402
from app.uploads.operations import limits  # noqa: E402
from bench.run import gunicorn, percentile, wrk  # noqa: E402
from tests.pictures import exif_with_gps  # noqa: E402

PASSWORD = "correct horse battery"
PROCESS_BUDGET_MS = 600
PAGE_BUDGET_MS = (8, 20)  # bench/run.py's question page: p50, p95
THROUGHPUT_SHARE = 0.5
REPEAT = 60


def phone_photo(width: int = 4000, height: int = 3000) -> bytes:
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    picture = Image.blend(Image.blend(gradient, Image.new("RGB", (width, height), (180, 90, 40)), 0.5), noise, 0.35)
    buffer = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    picture.save(buffer, "JPEG", quality=90, exif=exif_with_gps(6), icc_profile=profile)
    return buffer.getvalue()


def measure_processing(app, data: bytes, rounds: int) -> list[float]:
    times = []
    with app.app_context():
        bounds = limits()
        processing.process(data, bounds)  # warm: codecs loaded
        for _ in range(rounds):
            started = time.perf_counter()
            processing.process(data, bounds)
            times.append((time.perf_counter() - started) * 1000)
    return times


def build_site(folder: Path):
    config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'uploads.db'}", "SECRET_KEY": "bench-secret",
              "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "ABUSE_LIMITS_ENABLED": False,
              "SEARCH_INDEX_DIR": str(folder / "index"), "UPLOADS_DIR": str(folder / "uploads"),
              "MAIL_DIR": str(folder / "mail"), "SITE_URL": "http://127.0.0.1",
              "TRUSTED_HOSTS": ["127.0.0.1", "localhost"]}
    app = create_app(config)
    with app.app_context():
        upgrade()
        db.session.add(Tag(name="aurora-one", description="The Aurora One"))
        for name in ("olivia", "hugo"):
            user = accounts.create_user(name, f"{name}@example.com", PASSWORD)
            db.session.flush()
            db.session.get(User, user.id).reputation = 100
        db.session.commit()
    return app, config


def post_questions(app, photo: bytes) -> dict:
    """A question with five photos and ten answers, and the same question without photos."""
    client = app.test_client()
    client.post("/login", data={"login": "olivia", "password": PASSWORD})
    shown = []
    for turn in range(5):
        picture = Image.open(io.BytesIO(photo)).rotate(turn * 7)  # five different pictures
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=90)
        sent = client.post("/uploads", data={"image": (io.BytesIO(buffer.getvalue()), f"IMG_{turn}.JPG")},
                           content_type="multipart/form-data", headers={"Accept": "application/json"})
        assert sent.status_code == 201, sent.get_data(as_text=True)
        shown.append(f"![The display, photo {turn + 1}]({sent.get_json()['url']})")
    urls = {}
    for label, images in (("with5", shown), ("without", [])):
        body = "\n\n".join(["The display shows E04 after descaling, here are the photos.", *images])
        response = client.post("/questions/ask", data={"title": f"The display shows E04 after descaling ({label})",
                                                       "body": body, "tags": "aurora-one"})
        assert response.status_code == 302, response.get_data(as_text=True)
        urls[label] = response.headers["Location"]
    answerer = app.test_client()
    answerer.post("/login", data={"login": "hugo", "password": PASSWORD})
    for url in urls.values():
        question_id = url.split("/")[2]
        for n in range(10):
            answerer.post(f"/questions/{question_id}/answers",
                          data={"body": f"Answer {n}: run the descaling programme again, then hold power for 5 s."})
    urls["image"] = shown[0].split("(")[1].rstrip(")")
    return urls


def measure_page(app, url: str, who: str | None) -> list[float]:
    client = app.test_client()
    if who:
        client.post("/login", data={"login": who, "password": PASSWORD})
    for _ in range(5):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return times


def count_file_reads(app, url: str) -> int:
    """Image files read while the page is shown to a member and to a visitor: the page names them only."""
    reads = []
    originals = {backend: backend.get for backend in (storage.FilesystemStorage, storage.DatabaseStorage)}
    for backend, original in originals.items():
        backend.get = lambda self, key, original=original: reads.append(key) or original(self, key)
    try:
        member = app.test_client()
        member.post("/login", data={"login": "hugo", "password": PASSWORD})
        member.get(url)
        app.test_client().get(url)
    finally:
        for backend, original in originals.items():
            backend.get = original
    return len(reads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--wrk-runs", type=int, default=3)
    args = parser.parse_args()
    photo = phone_photo()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app, config = build_site(folder)
        times = measure_processing(app, photo, args.rounds)
        p50 = statistics.median(times)
        print(f"4000 × 3000 phone JPEG ({len(photo) / 1e6:.1f} MB) processed: p50 {p50:.0f} ms, "
              f"p95 {percentile(times, 95):.0f} ms over {args.rounds} rounds "
              f"(budget {PROCESS_BUDGET_MS} ms: {'ok' if p50 <= PROCESS_BUDGET_MS else 'OVER'})")
        urls = post_questions(app, photo)
        for label in ("without", "with5"):
            for who in (None, "hugo"):
                times = measure_page(app, urls[label], who)
                p50, p95 = statistics.median(times), percentile(times, 95)
                within = p50 <= PAGE_BUDGET_MS[0] and p95 <= PAGE_BUDGET_MS[1]
                print(f"question page, 10 answers, {'5 images' if label == 'with5' else 'no image'}, "
                      f"{who or 'visitor'}: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                      f"(budget {PAGE_BUDGET_MS[0]}/{PAGE_BUDGET_MS[1]} ms: {'ok' if within else 'OVER'})")
        print(f"image files read by the question page's views: {count_file_reads(app, urls['with5'])}")
        page = app.test_client().get(urls["with5"]).get_data(as_text=True)
        copies = dict(reversed(entry.split()) for entry in page.split('srcset="', 1)[1].split('"', 1)[0].split(", "))
        copy = copies["800w"]  # what a phone 390 px wide at 2 device pixels a pixel loads
        print(f"display file {urls['image']}, phone copy {copy}")
        rates = measure_throughput(config, urls["image"], copy, args)
        print(f"the app's /robots.txt (no database read): {rates['robots.txt']:,.0f} req/s "
              f"= {rates['robots.txt'] / rates['hello']:.0%} of hello-world")
        for label in ("display", "phone copy"):
            share = rates[label] / rates["hello"]
            print(f"image responses ({label}): {rates[label]:,.0f} req/s, hello-world {rates['hello']:,.0f} req/s "
                  f"= {share:.0%} (budget {THROUGHPUT_SHARE:.0%}: {'ok' if share >= THROUGHPUT_SHARE else 'OVER'})")


def warm(port: int, path: str) -> None:
    """Until both workers answer quickly: a worker's first request builds the app's caches (seconds on a busy
    machine), which a short wrk run would count as no requests at all."""
    quick = 0
    for _ in range(200):
        started = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:  # nosec B310
            response.read()
        quick = quick + 1 if time.perf_counter() - started < 0.5 else 0
        if quick >= 6:
            return


def measure_throughput(config: dict, display: str, copy: str, args) -> dict:
    env = dict(os.environ, DATABASE_URL=config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY="bench-secret",
               FLASK_SITE_URL="http://127.0.0.1", FLASK_TRUSTED_HOSTS='["127.0.0.1", "localhost"]',
               FLASK_RATELIMIT_ENABLED="false", FLASK_UPLOADS_DIR=config["UPLOADS_DIR"],
               FLASK_SEARCH_INDEX_DIR=config["SEARCH_INDEX_DIR"], FLASK_MAIL_DIR=config["MAIL_DIR"])
    rates: dict[str, list[float]] = {"hello": [], "display": [], "phone copy": [], "robots.txt": []}
    for _ in range(args.wrk_runs):  # interleaved, so a noisy neighbour hits all alike
        with gunicorn("bench.hello:app", dict(os.environ)) as (_, port):
            wrk(port, "/", 1)
            rates["hello"].append(wrk(port, "/", args.wrk_seconds))
        with gunicorn("wsgi:app", env) as (_, port):
            warm(port, display)
            # robots.txt: the app's own ceiling, a response that reads nothing from the database.
            for label, path in (("display", display), ("phone copy", copy), ("robots.txt", "/robots.txt")):
                wrk(port, path, 1)
                rates[label].append(wrk(port, path, args.wrk_seconds))
    return {label: statistics.median(values) for label, values in rates.items()}


if __name__ == "__main__":
    main()
