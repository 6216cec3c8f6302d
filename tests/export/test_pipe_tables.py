"""Simple pipe tables read without the parser give exactly the document the parser gives."""

from __future__ import annotations

import random

import pytest

from deepdive.export import markdown_word
from deepdive.export.pipe_tables import split_pipe_tables
from deepdive.export.word_document import WordDocument

TABLE = "| Date | What | Why |\n|---|:---:|--:|\n| 1 May | **Seen** at home | *Late* |\n"
DOCUMENTS = [
    "# Notes\n\nIntro.\n\n" + TABLE + "\nAfter the table.\n",
    TABLE,
    "Date | What\n--- | ---\n1 May | plain\n2 May | short row\n",
    "| A | B |\n|:--|:-:|\n| only one |\n| one | two | three |\n",
    "| A | B |\n|---|---|\n",
    "| A | B |\n|---|---|\n| a | b |\nA line that the table takes as a row\n",
    "Para right above\n| A | B |\n|---|---|\n| a | b |\n",
    "- a list\n- of two\n\n" + TABLE + "\n1. then numbers\n2. again\n",
    "- item\n\n  | A | B |\n  |---|---|\n  | in | item |\n",
    "```\n| A | B |\n|---|---|\n| in | code |\n```\n\n" + TABLE,
    "> quoted\n\n" + TABLE + "\n> quoted again\n",
    "| A | B |\n|---|---|\n| a `code` | b |\n",
    "| A | B |\n|---|---|\n| a \\| pipe | b |\n",
    "| A | B |\n|---|---|\n| [link](https://example.org) | b |\n",
    "| A | B |\n|---|---|\n| AT&T | x < y |\n",
    "| A | B |\n|---|---|\n| ** not bold ** | a*b |\n",
    "## Heading\n\n| A | B |\n|---|---|\n| a | b |\n\n### Deeper\n\n" + TABLE,
    "Text[^1] and a table\n\n" + TABLE + "\n[^1]: A footnote.\n",
    "The LAC review\n\n| A | B |\n|---|---|\n| LAC | b |\n\n*[LAC]: Looked after child\n",
    "| Single |\n|---|\n| column |\n",
    "|A|B|\n|-|-|\n|x|y|\n\n\n\n|C|D|\n|-|-|\n|z|w|\n",
]


def _slow(text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patched:
        patched.setattr(markdown_word, "split_pipe_tables", lambda _text: None)
        return WordDocument().markdown.blocks(text)


@pytest.mark.parametrize("text", DOCUMENTS)
def test_a_document_with_tables_is_written_as_the_parser_would(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert WordDocument().markdown.blocks(text) == _slow(text, monkeypatch)


def test_a_large_random_table_is_written_as_the_parser_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(18)
    words = ["seen", "**home**", "*late*", "school", "é", "-", "plan", "**a** b", "3.5"]
    rows = [
        "| "
        + " | ".join(
            " ".join(rng.choice(words) for _ in range(rng.randint(0, 5))) for _ in range(3)
        )
        + " |"
        for _ in range(300)
    ]
    text = "# Table\n\n| A | B | C |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    assert split_pipe_tables(text) is not None  # the direct reading is used here
    assert WordDocument().markdown.blocks(text) == _slow(text, monkeypatch)


def test_documents_that_tie_text_together_are_left_whole() -> None:
    assert split_pipe_tables("Text[^1]\n\n" + TABLE + "\n[^1]: note\n") is None
    assert split_pipe_tables("[a][ref]\n\n" + TABLE + "\n[ref]: https://example.org\n") is None
    assert split_pipe_tables("No table | here, just a pipe.\n") is None
