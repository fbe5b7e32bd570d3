"""The brand's look from configuration: name, logo, primary colour (kept readable) and footer links.

The primary colour reaches pages through /brand.css, a small stylesheet generated once at start-up and
fingerprinted like the static files: the Content-Security-Policy allows no inline styles. With the
default colour, which app.css already carries, pages link no extra stylesheet.
"""

import hashlib
import logging
import re

from flask import Flask, current_app, url_for

from app.i18n import gettext as _

DEFAULT_PRIMARY = "#7a3e10"
# WCAG 2.2 AA for normal text: white text on the colour (buttons) and the colour as text on the light
# backgrounds (links on the page, the footer and the tinted tag chips).
MIN_CONTRAST = 4.5
LIGHT_BACKGROUNDS = ("#ffffff", "#f7f4f1")
# The dark theme's page and panel backgrounds and the dark text set on brand-coloured buttons there.
DARK_BACKGROUNDS = ("#171412", "#211d1a", "#1a1008")
WHITE, BLACK = "#ffffff", "#000000"
_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")

logger = logging.getLogger(__name__)


def parse_colour(value: str) -> str:
    """'#abc', 'abc', '#AABBCC' → '#aabbcc'; anything else is a configuration error."""
    match = _HEX.fullmatch(str(value).strip())
    if not match:
        raise ValueError(f"BRAND_PRIMARY_COLOR must be a hex colour such as {DEFAULT_PRIMARY}, not {value!r}")
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """Relative luminance as WCAG defines it."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    """`amount` of `other` blended into `colour` (0: colour, 1: other)."""
    pairs = zip(_channels(colour), _channels(other), strict=True)
    return "#" + "".join(f"{round(a + (b - a) * amount):02x}" for a, b in pairs)


def _until_readable(colour: str, towards: str, backgrounds: tuple[str, ...]) -> str:
    """Blend `colour` towards black or white in small steps until it reads on every background."""
    step = 0
    candidate = colour
    while min(contrast(candidate, bg) for bg in backgrounds) < MIN_CONTRAST and step < 100:
        step += 1
        candidate = mix(colour, towards, step / 100)
    return candidate


def palette(primary: str) -> dict[str, dict[str, str]]:
    """The CSS custom properties app.css reads, for the light and the dark theme."""
    brand = _until_readable(primary, BLACK, LIGHT_BACKGROUNDS)
    soft = mix(brand, WHITE, 0.92)
    dark_brand = _until_readable(mix(primary, WHITE, 0.45), WHITE, DARK_BACKGROUNDS)
    dark_soft = mix(DARK_BACKGROUNDS[0], primary, 0.15)
    return {
        "light": {"--brand": brand, "--brand-dark": _until_readable(mix(brand, BLACK, 0.25), BLACK, (soft,)),
                  "--brand-soft": soft},
        "dark": {"--brand": dark_brand,
                 "--brand-dark": _until_readable(mix(dark_brand, WHITE, 0.25), WHITE, (dark_soft,)),
                 "--brand-soft": dark_soft},
    }


def stylesheet(colours: dict[str, dict[str, str]]) -> str:
    def block(values: dict[str, str]) -> str:
        return ":root{" + ";".join(f"{name}:{value}" for name, value in values.items()) + "}"

    return f"{block(colours['light'])}\n@media (prefers-color-scheme:dark){{{block(colours['dark'])}}}\n"


def init_app(app: Flask) -> None:
    """Check the colour once at start-up: a colour too light for white text is darkened, and the log
    says by how much, rather than shipping unreadable buttons and links."""
    primary = parse_colour(app.config["BRAND_PRIMARY_COLOR"])
    colours = palette(primary)
    used = colours["light"]["--brand"]
    if used != primary:
        logger.warning("BRAND_PRIMARY_COLOR %s has a contrast of only %.1f:1 with white (%.1f:1 is the minimum for "
                       "text): using %s (%.1f:1) instead. Configure a darker colour to silence this warning.",
                       primary, contrast(primary, WHITE), MIN_CONTRAST, used, contrast(used, WHITE))
    css = stylesheet(colours)
    app.extensions["brand"] = {
        "primary": used, "colours": colours, "css": css,
        "version": hashlib.sha256(css.encode()).hexdigest()[:12],
        # The default colour is already in app.css: no extra request for it.
        "custom": primary != DEFAULT_PRIMARY,
    }
    app.add_template_global(brand_stylesheet_url)
    app.add_template_global(footer_links)


def brand_stylesheet_url() -> str | None:
    brand = current_app.extensions["brand"]
    return url_for("seo.brand_css", v=brand["version"]) if brand["custom"] else None


def footer_links() -> list[tuple[str, str]]:
    """(label, URL) of the brand's privacy notice, terms and contact page, those that are configured."""
    config = current_app.config
    links = ((_("Privacy"), config["BRAND_PRIVACY_URL"]), (_("Terms"), config["BRAND_TERMS_URL"]),
             (_("Contact %(brand)s", brand=config["BRAND_NAME"]), config["BRAND_CONTACT_URL"]))
    return [(label, url) for label, url in links if url]
