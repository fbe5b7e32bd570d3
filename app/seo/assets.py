"""Fingerprinted static URLs (`static_url('css/app.css')` → `/static/css/app.css?v=<hash>`) cached for a
year, and a version of the whole site (templates, static files, catalogs) for page ETags.

Hashes are computed once at start-up, so every worker of one release agrees on them without a build step;
a URL whose `v` is not the current hash (an old page asking for an old file) gets the file uncached.
"""

import hashlib
from pathlib import Path

from flask import Flask, current_app, request, url_for

IMMUTABLE = "public, max-age=31536000, immutable"


def init_app(app: Flask) -> None:
    root = Path(app.root_path).parent
    if app.static_folder is None or app.template_folder is None:
        raise RuntimeError("create_app names the static and template folders")
    fingerprints = _hash_files(Path(app.static_folder))
    site = hashlib.sha256()
    for folder in (Path(app.template_folder), root / "translations"):
        for name, digest in sorted(_hash_files(folder).items()):
            site.update(f"{folder.name}/{name}:{digest}\n".encode())
    for name, digest in sorted(fingerprints.items()):
        site.update(f"static/{name}:{digest}\n".encode())
    app.extensions["static_fingerprints"] = fingerprints
    # Page ETags include it: a release that changes what pages look like must not be answered with 304.
    app.extensions["site_version"] = site.hexdigest()[:16]
    app.add_template_global(static_url)


def _hash_files(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            for path in folder.rglob("*") if path.is_file() and not path.name.startswith(".")}


def static_url(filename: str) -> str:
    version = current_app.extensions["static_fingerprints"].get(filename)
    return url_for("static", filename=filename, v=version) if version else url_for("static", filename=filename)


def cache_fingerprinted(response):
    """A fingerprinted URL names one version of the file forever: browsers and proxies may keep it a year."""
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    filename = (request.view_args or {}).get("filename")
    version = request.args.get("v")
    if version and version == current_app.extensions["static_fingerprints"].get(filename):
        response.headers["Cache-Control"] = IMMUTABLE
    return response
