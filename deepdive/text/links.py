"""Which link targets an export may keep live: http, https and mailto only.

Case text comes from many hands (pasted notes, imported chronologies, shared
bundles); a ``javascript:``, ``file:``, ``data:`` or relative link in it must not
become something a reader of the exported document can click. Such links are
written as their plain text instead, and the export says so.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = ("http", "https", "mailto")
UNSAFE_LINK_NOTE = (
    "Links to anything but web pages and e-mail addresses (such as javascript: or file: "
    "links) were written as plain text."
)

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers and Word ignore these inside a link target ("java\tscript:").
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INLINE = re.compile(
    r"(?<!!)\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")


def is_safe_link(target: str) -> bool:
    """Whether ``target`` is an http, https or mailto address."""
    match = _SCHEME.match(_IGNORED.sub("", target))
    return match is not None and match.group(1).lower() in SAFE_SCHEMES


def defuse_markdown_links(text: str) -> tuple[str, int]:
    """Markdown with every link to an unsafe target made plain text, and how many.

    Inline links keep their text, automatic links their address (without the angle
    brackets), and unsafe reference definitions are dropped so their references read
    as plain text. Fenced code is left alone.
    """
    defused = 0

    def inline(match: re.Match[str]) -> str:
        nonlocal defused
        if is_safe_link(match.group(2)):
            return match.group(0)
        defused += 1
        return match.group(1)

    def autolink(match: re.Match[str]) -> str:
        nonlocal defused
        if is_safe_link(match.group(1)):
            return match.group(0)
        defused += 1
        return match.group(1)

    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened is not None and opened.group(1).startswith(fence):
                fence = None
            out.append(line)
            continue
        if opened is not None:
            fence = opened.group(1)[:3]
            out.append(line)
            continue
        definition = _DEFINITION.match(line)
        if definition is not None and not is_safe_link(definition.group(1)):
            defused += 1
            continue
        if "](" in line:
            line = _INLINE.sub(inline, line)
        if "<" in line:
            line = _AUTOLINK.sub(autolink, line)
        out.append(line)
    return "\n".join(out), defused
