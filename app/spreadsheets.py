"""Cells of the CSV files the brand team downloads (the care report, the moderation log): a spreadsheet runs a
cell starting with a formula character, so every text cell is kept text."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """A cell as a spreadsheet must read it: text that would start a formula is quoted; numbers stay numbers."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
