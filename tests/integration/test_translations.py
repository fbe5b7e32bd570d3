"""The Italian catalog is complete, and up to date with the strings in the code."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "translations" / "it" / "LC_MESSAGES" / "messages.po"


def load(path):
    with open(path, "rb") as f:
        return read_po(f)


def test_every_entry_translated_and_none_fuzzy():
    problems = [m.id for m in load(CATALOG) if m.id and (m.fuzzy or not m.string or
                                                         (isinstance(m.string, tuple) and not all(m.string)))]
    assert problems == [], f"untranslated or fuzzy: {problems}"


def test_catalog_has_every_string_in_the_code(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."], cwd=ROOT, check=True)
    in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in load(pot) if m.id}
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in load(CATALOG) if m.id}
    missing = sorted(in_code - in_catalog)
    assert missing == [], f"run `make update-translations` and translate: {missing}"
