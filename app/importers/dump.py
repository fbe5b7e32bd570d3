"""Reading a Stack Exchange data dump: streamed rows, tolerant parsing of values, and the import report."""

import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

Progress = Callable[[str, int], Callable[[int], None]]  # (label, total bytes) -> update(bytes read)


class _CountingFile:
    """A binary file that reports how many bytes the parser has consumed (for the progress bar)."""

    def __init__(self, file: BinaryIO, update: Callable[[int], None]):
        self._file, self._update = file, update

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self._update(len(data))
        return data


def rows(path: Path, report: "Report", progress: Progress | None = None,
         count: bool = True) -> Iterator[dict[str, str]]:
    """Each `<row>`'s attributes, one at a time: elements are cleared as they go, so memory stays flat
    whatever the file's size. A BOM is handled by the XML parser; a broken file ends with a reported error."""
    update = progress(path.name, os.path.getsize(path)) if progress else (lambda n: None)
    with open(path, "rb") as file:
        try:
            # An administrator's dump file; expat fetches no external entities and refuses entity expansion bombs.
            parser = ET.iterparse(_CountingFile(file, update), events=("start", "end"))  # nosec B314
            root = None
            for event, element in parser:
                if root is None:
                    root = element
                elif event == "end" and element.tag == "row":
                    report.read[path.name] += count
                    yield dict(element.attrib)
                    root.clear()  # drop this row (and any earlier) from the tree
        except ET.ParseError as error:
            report.skip(path.name, f"XML broken off here, the rest of the file unread: {error}")


def integer(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def moment(value: str | None) -> datetime | None:
    """Dump dates are ISO-8601 in UTC without a zone ('2014-01-21T20:26:05.383')."""
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None
    except ValueError:
        return None


def tag_names(value: str | None) -> list[str]:
    """'<hops><ipa>' (and the old '|hops|ipa|' form) → ['hops', 'ipa']."""
    return [n.lower() for n in re.split(r"[<>|]+", value or "") if n.strip()]


def username_base(display_name: str, fallback: str) -> str:
    """A valid username (3–30 of letters, digits, _ - .) from a display name: accents folded, spaces as _."""
    folded = unicodedata.normalize("NFKD", display_name).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^A-Za-z0-9_.\-]+", "", re.sub(r"\s+", "_", folded.strip()))
    base = re.sub(r"_{2,}", "_", base).strip("_.-")[:30]
    return base if len(base) >= 3 else fallback


def unique_username(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … cut to 30 characters; `taken` holds lower-cased keys and grows."""
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f"-{n}"
        candidate = base[:30 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


@dataclass
class Report:
    """Rows read per file, rows imported per kind, rows skipped per file and reason."""

    read: Counter = field(default_factory=Counter)
    imported: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # (file, reason) -> rows
    anomalies: Counter = field(default_factory=Counter)  # tolerated oddities (imported anyway) -> rows
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def skip(self, file: str, reason: str, n: int = 1) -> None:
        self.skipped[(file, reason)] += n

    def lines(self) -> list[str]:
        lines = []
        for file in sorted(self.read | {f: 0 for f, _ in self.skipped}):
            reasons = sorted(((n, r) for (f, r), n in self.skipped.items() if f == file), reverse=True)
            skipped = sum(n for n, _ in reasons)
            text = f"{file}: {self.read[file]} rows read, {skipped} skipped"
            if reasons:
                text += " (" + "; ".join(f"{n} {r}" for n, r in reasons) + ")"
            lines.append(text)
        lines.append("Imported: " + (", ".join(f"{n} {kind}" for kind, n in self.imported.items() if n) or "nothing"))
        lines += [f"Tolerated: {n} {what}" for what, n in self.anomalies.most_common()]
        return lines + self.notes
