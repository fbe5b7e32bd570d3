"""What search engines and first-time visitors get: structured data, page metadata, sitemaps and
robots.txt, thin-page rules, conditional and shared caching, compression and fingerprinted static files.

`init_app` registers the blueprint, the template globals, the kept pages and the fingerprinted static files; its
response hooks (compression, static caching) are placed in `create_app`'s one ordered list.
"""

from flask import Flask

from app import urls
from app.seo import alternates, assets, brand, caching, indexing, metadata, structured_data, views

DEFAULTS = {
    # Public origin of every absolute link ("https://community.example.com"); production must set it
    # (app/config.py), development without it uses each request's own host.
    "SITE_URL": None,
    # How long a proxy or browser may keep an anonymous question or FAQ page without asking again.
    "PUBLIC_CACHE_SECONDS": 60,
    # Search engines read at most 50,000 URLs per sitemap file.
    "SITEMAP_URLS_PER_FILE": 50_000,
    # Unanswered questions with no positive score stay out of the index after this many days.
    "THIN_QUESTION_DAYS": 30,
    # Below this size gzip's header and the CPU cost outweigh the saving.
    "COMPRESS_MIN_BYTES": 500,
    "COMPRESS_LEVEL": 6,
    # Brand theming (BRAND_NAME is in app/config.py). The logo is a file under static/ ("img/logo.svg");
    # unset, the name alone is shown. A primary colour too light for white text is darkened at start-up.
    "BRAND_LOGO": None,
    # The browser tab's icon, also a file under static/.
    "BRAND_ICON": "img/favicon.svg",
    "BRAND_PRIMARY_COLOR": "#7a3e10",
    # Footer links to the brand's own pages; each one unset is left out.
    "BRAND_PRIVACY_URL": None,
    "BRAND_TERMS_URL": None,
    "BRAND_CONTACT_URL": None,
    # Each worker keeps visitors' rendered pages, and the parts of members' pages that are the same for everyone.
    "RENDERED_PAGE_CACHE_BYTES": 16 * 1024 * 1024,
    "RENDERED_FRAGMENT_CACHE_BYTES": 8 * 1024 * 1024,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    assets.init_app(app)
    brand.init_app(app)
    caching.init_app(app)
    for function in (metadata.canonical_url, urls.absolute_url, metadata.og_type, indexing.is_thin_question,
                     indexing.is_thin_profile, structured_data.json_ld, structured_data.question_page,
                     structured_data.question_breadcrumbs, structured_data.faq_page, structured_data.faq_breadcrumbs,
                     structured_data.breadcrumbs, structured_data.question_trail, structured_data.faq_trail):
        app.add_template_global(function)
    app.add_template_global(alternates.alternates, "hreflang_alternates")
