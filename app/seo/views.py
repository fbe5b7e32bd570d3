"""/robots.txt, /sitemap.xml (an index) and its child sitemaps."""

from flask import Blueprint, Response, abort, current_app, request, stream_with_context, url_for

from app.seo import sitemaps
from app.seo.assets import IMMUTABLE
from app.urls import absolute_url

bp = Blueprint("seo", __name__)

# Crawlers have nothing to find in search results, forms, personal or staff pages.
DISALLOWED = ("/search", "/questions/ask", "/posts/*/edit", "/questions/*/faq", "/moderation", "/admin",
              "/login", "/register", "/settings")
# Crawlers fetch these rarely; an hour's delay in a new question reaching them costs nothing.
CRAWLER_CACHE = "public, max-age=3600"


@bp.route("/robots.txt")
def robots():
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {absolute_url(url_for('seo.sitemap_index'))}", ""]
    return Response("\n".join(lines), mimetype="text/plain", headers={"Cache-Control": CRAWLER_CACHE})


@bp.route("/brand.css")
def brand_css():
    """The configured primary colour as CSS custom properties (see app/seo/brand.py)."""
    brand = current_app.extensions["brand"]
    fresh = request.args.get("v") == brand["version"]
    return Response(brand["css"], mimetype="text/css",
                    headers={"Cache-Control": IMMUTABLE if fresh else "public, max-age=300"})


@bp.route("/sitemap.xml")
def sitemap_index():
    return _xml(sitemaps.render_index(sitemaps.child_files()))


@bp.route("/sitemaps/<section>-<int:number>.xml")
def sitemap_file(section: str, number: int):
    if section not in sitemaps.SECTIONS or not sitemaps.has_file(section, number):
        abort(404)
    return _xml(sitemaps.render_urlset(sitemaps.urls(section, number)))


def _xml(chunks) -> Response:
    return Response(stream_with_context(chunks), mimetype="application/xml",
                    headers={"Cache-Control": CRAWLER_CACHE})
