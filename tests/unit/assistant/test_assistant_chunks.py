"""What the model reads of a long answer: its paragraphs packed into chunks of at most TEXT_CHARS, cut at
sentences and then spaces only when a paragraph is longer, at most CHUNKS of them; and an answer's similarity
as the soft maximum over its chunks."""

import numpy as np
import pytest

from app.assistant import semantic
from app.search.documents import html_paragraphs


def paragraph(word: str, length: int) -> str:
    return " ".join([word] * (length // (len(word) + 1)))


def test_a_text_that_fits_is_one_chunk_itself():
    assert semantic.chunks("Descale it monthly.") == ["Descale it monthly."]
    assert semantic.chunks("") == []


def test_paragraphs_are_packed_in_order_and_never_split_when_they_fit():
    first, second, third = paragraph("alpha", 700), paragraph("beta", 400), paragraph("gamma", 700)
    chunks = semantic.chunks("\n".join([first, second, third]))
    assert chunks == [f"{first} {second}", third]
    assert all(len(chunk) <= semantic.TEXT_CHARS for chunk in chunks)


def test_a_long_paragraph_is_cut_at_its_sentences_then_at_spaces():
    sentences = [f"{paragraph(word, 500)}." for word in ("one", "two", "three")]
    assert semantic.chunks(" ".join(sentences)) == [f"{sentences[0]} {sentences[1]}", sentences[2]]
    unbroken = paragraph("word", 3000)
    chunks = semantic.chunks(unbroken)
    assert " ".join(chunks) == unbroken and all(len(chunk) <= semantic.TEXT_CHARS for chunk in chunks)


def test_at_most_chunks_are_read():
    text = "\n".join(paragraph(f"w{n}", 1000) for n in range(semantic.CHUNKS + 3))
    chunks = semantic.chunks(text)
    assert len(chunks) == semantic.CHUNKS and chunks[-1].startswith(f"w{semantic.CHUNKS - 1} ")


def test_rendered_paragraphs_list_items_and_code_blocks_are_lines():
    rendered = "<p>Open the <em>valve</em>.</p><ul><li>Fill</li><li>Run</li></ul><pre><code>descale --now</code></pre>"
    assert html_paragraphs(rendered) == ["Open the valve .", "Fill", "Run", "descale --now"]


def test_an_answer_that_says_it_further_down_ranks_by_that_chunk():
    """Three answers, one vector each but the second's three: its third chunk is the closest of all, its
    first the farthest. As the model read a single chunk, it came last; read in pieces, it comes first."""
    similarities = np.array([0.80, 0.70, 0.72, 0.90, 0.85], dtype=np.float32)
    starts, counts = np.array([0, 1, 4]), np.array([1, 3, 1])
    soft = semantic.soft_max(similarities, starts, counts)
    assert soft[0] == pytest.approx(0.80) and soft[2] == pytest.approx(0.85)
    assert np.argsort(-soft).tolist() == [1, 2, 0]
    assert np.argsort(-similarities[starts]).tolist() == [2, 0, 1]
    # Trailing chunks far behind the best cost it SOFTNESS × ln(n) at most; close ones cost less.
    assert 0.90 - semantic.SOFTNESS * np.log(3) - 1e-6 <= soft[1] < 0.90
