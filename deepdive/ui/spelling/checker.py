"""UK English spelling, checked off the keystroke path.

One :class:`SpellChecker` serves the whole app (the entry point makes it, as part of
:class:`~deepdive.ui.editors.app_services.AppServices`). Highlighters
ask it about each word of a paragraph as Qt redraws that paragraph; it answers at
once from what it already knows (a dictionary of earlier answers) and queues words it
has not seen. The queue is checked against the dictionary a few milliseconds at a time
while the app is idle, after which :attr:`SpellChecker.checked` tells the highlighters
to redraw the paragraphs that were waiting. So a keystroke never waits for the
dictionary, and a word is looked up once per session.

The dictionary is Hunspell's en_GB through Enchant (pyenchant), loaded on a background
thread the first time it is needed. Words it does not know are still accepted when
they are the workspace's own — pseudonyms, agency names, case codes and tags — the
social care words DeepDive ships, or words the user added ("Add to dictionary"), which
are kept in a private file (0600) in DeepDive's data folder. Without a dictionary
(Enchant or en_GB not installed) spelling is simply off, and Preferences says why.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from deepdive.files.atomic import write_atomically
from deepdive.files.kinds import FileKind
from deepdive.files.private import make_private_folder
from deepdive.paths import data_dir
from deepdive.resources import resource_path

LANGUAGE = "en_GB"
BUDGET_MS = 8  # dictionary look-ups per idle moment, so input is never held up
_CACHE_AT_MOST = 50_000

_log = logging.getLogger(__name__)
# Letters, with apostrophes and hyphens inside a word ("young person's", "co-ordinator").
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Addresses, e-mail addresses, paths and code, whose parts are not words to check.
_NOT_PROSE = re.compile(r"\S*(?:://|@|/|\\)\S*|\bwww\.\S+|`[^`]*`")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Spelling", text)


class Word(NamedTuple):
    """A word found in a text: where it is, and the word."""

    start: int
    end: int
    text: str


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    if any(mark in text for mark in "/@`\\") or "www." in text:
        return [(m.start(), m.end()) for m in _NOT_PROSE.finditer(text)]
    return []


def words_in(text: str) -> Iterator[Word]:
    """The words of ``text`` worth checking: not in addresses or code, no numbers,
    no single letters, no words in capitals (acronyms: CAMHS, SENCO)."""
    skip = _skipped_spans(text)
    for match in _WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        if len(word) < 2 or word.isupper():
            continue
        if start and text[start - 1].isdigit():  # 14th, 3rd, Y7s
            continue
        if skip and any(a <= start < b for a, b in skip):
            continue
        yield Word(start, end, word)


def personal_dictionary_path() -> Path:
    """The user's own words ("Add to dictionary"), one a line."""
    return data_dir() / "spelling" / "personal-words.txt"


def _normal(word: str) -> str:
    return word.replace("’", "'")


def _folded(words: Iterable[str]) -> set[str]:
    return {_normal(w).casefold() for w in words if w}


class SpellChecker(QObject):
    """Which words are misspelt, answered from a cache and checked while idle."""

    checked = Signal()  # queued words have been looked up: redraw what waited
    changed = Signal()  # the answers changed (a word added, spelling on or off)

    def __init__(self, language: str = LANGUAGE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._dictionary: Any = None
        self._loading: threading.Thread | None = None
        self._unavailable = ""
        self._enabled = True
        self._answers: dict[str, bool] = {}  # word as typed -> spelt right
        self._queue: dict[str, None] = {}  # words to look up, in the order met
        self._known: dict[str, set[str]] = {}  # source ("workspace", "case") -> words
        self._known_all: set[str] = set()
        self._personal: set[str] = set()
        self._personal_path: Path | None = None
        self._shipped = _folded(_shipped_words())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._work)

    # ----------------------------------------------------------------- state
    @property
    def enabled(self) -> bool:
        """Whether spelling is checked (on, and a dictionary is there)."""
        return self._enabled and not self._unavailable

    @property
    def unavailable(self) -> str:
        """Why there is no spelling check, fit to show ("" while all is well, or not
        known yet: see :meth:`why_unavailable`)."""
        return self._unavailable

    def why_unavailable(self) -> str:
        """Why there is no spelling check ("" if there is one), trying the dictionary first."""
        self._ready_dictionary(wait=True)
        return self._unavailable

    def set_enabled(self, on: bool) -> None:
        """Turn the check on or off (Preferences)."""
        if on != self._enabled:
            self._enabled = on
            self.changed.emit()

    def set_known(self, source: str, words: Iterable[str]) -> None:
        """Words that are right because the workspace uses them (pseudonyms, agencies,
        codes, tags), by source: a new set from a source replaces its last one."""
        folded: set[str] = set()
        for phrase in words:
            folded |= _folded(w.text for w in words_in(phrase))
        if folded == self._known.get(source):
            return
        self._known[source] = folded
        self._known_all = set().union(*self._known.values())
        self.changed.emit()

    # --------------------------------------------------------------- answers
    def is_misspelt(self, word: str) -> bool | None:
        """True or False when known, None when the word is queued to be looked up."""
        if not self.enabled:
            return False
        folded = _normal(word).casefold()
        if folded in self._known_all or folded in self._personal or folded in self._shipped:
            return False
        answer = self._answers.get(word)  # the dictionary's, from earlier
        if answer is not None:
            return not answer
        self._queue[word] = None
        if not self._timer.isActive():
            self._timer.start(0)
        return None

    def misspelt_in(self, text: str) -> tuple[list[Word], bool]:
        """The misspelt words of ``text``, and whether some are still being looked up."""
        found: list[Word] = []
        if not self.enabled:
            return found, False
        waiting = False
        # Called for a paragraph at each keystroke: words spelt right cost a regex match
        # and a dictionary look-up, and nothing the garbage collector has to visit.
        skip = _skipped_spans(text)
        for match in _WORD.finditer(text):
            word = match.group()
            if len(word) < 2 or word.isupper():
                continue
            start = match.start()
            if start and text[start - 1].isdigit():
                continue
            if skip and any(a <= start < b for a, b in skip):
                continue
            answer = self.is_misspelt(word)
            if answer is None:
                waiting = True
            elif answer:
                found.append(Word(start, match.end(), word))
        return found, waiting

    def check_now(self, word: str) -> bool:
        """Whether ``word`` is misspelt, looked up at once (for a menu, not for typing)."""
        answer = self.is_misspelt(word)
        if answer is None:
            self._look_up([word])
            answer = self.is_misspelt(word)
        return bool(answer)

    def suggestions(self, word: str, most: int = 5) -> list[str]:
        """Likely corrections, best first (asked when a menu opens, never while typing)."""
        dictionary = self._ready_dictionary(wait=True)
        if dictionary is None:
            return []
        try:
            offered = dictionary.suggest(_normal(word))
        except Exception:  # a dictionary that fails is no reason to fail the menu
            _log.exception("No spelling suggestions for a word")
            return []
        # Hunspell offers splits ("ref-feral") early; a real word is the likelier intent.
        split = [s for s in offered if any(m in s and m not in word for m in " -")]
        whole = [s for s in offered if s not in split]
        return (whole + split)[:most]

    def add_to_dictionary(self, word: str) -> None:
        """Never mark ``word`` again, on this computer (kept in the user's word file)."""
        self._load_personal()
        self._personal.add(_normal(word).casefold())
        path = personal_dictionary_path()
        text = "".join(f"{w}\n" for w in sorted(self._personal))
        try:
            make_private_folder(path.parent)
            write_atomically(
                path, lambda part: part.write_text(text, encoding="utf-8"), FileKind.MARKDOWN
            )
        except Exception:  # the word is still taken for this session
            _log.exception("The personal dictionary could not be written")
        self.changed.emit()

    def preload(self) -> None:
        """Start loading the dictionary now, in the background (the app is idle)."""
        if self._enabled:
            self._ready_dictionary(wait=False)

    # ------------------------------------------------------------------ work
    def _work(self) -> None:
        dictionary = self._ready_dictionary(wait=False)
        if dictionary is None:
            if self._unavailable:
                self._queue.clear()
                self.changed.emit()  # nothing will be marked: redraw without marks
            else:
                self._timer.start(50)  # still loading
            return
        self._load_personal()
        deadline = time.perf_counter() + BUDGET_MS / 1000
        batch: list[str] = []
        while self._queue and time.perf_counter() < deadline:
            word = next(iter(self._queue))
            del self._queue[word]
            batch.append(word)
            self._look_up([word])
        if self._queue:
            self._timer.start(0)
        if batch:
            self.checked.emit()

    def _look_up(self, words: list[str]) -> None:
        dictionary = self._ready_dictionary(wait=True)
        if len(self._answers) > _CACHE_AT_MOST:
            self._answers.clear()
        for word in words:
            self._queue.pop(word, None)
            if dictionary is None:
                self._answers[word] = True
                continue
            self._answers[word] = _checks(dictionary, _normal(word))

    def _ready_dictionary(self, wait: bool) -> Any:
        if self._dictionary is not None or self._unavailable:
            return self._dictionary
        if self._loading is None:
            self._loading = threading.Thread(target=self._load, name="spelling", daemon=True)
            self._loading.start()
        if wait:
            self._loading.join()
        return self._dictionary

    def _load(self) -> None:
        try:
            import enchant

            self._dictionary = enchant.Dict(self._language)
            _log.info(
                "Spelling: the %s dictionary is loaded (%s)",
                self._language,
                self._dictionary.provider.name,
            )
            return
        except ImportError:
            self._unavailable = _tr(
                "Spelling is off: the Enchant spelling library is not installed on this "
                "computer (on Debian or Ubuntu: the libenchant-2-2 package)."
            )
        except Exception:  # enchant's own errors: no such dictionary, a broken one
            _log.warning("No %s dictionary", self._language, exc_info=True)
            self._unavailable = _tr(
                "Spelling is off: no UK English dictionary was found (on Debian or "
                "Ubuntu: the hunspell-en-gb package)."
            )
        _log.warning("Spelling is off: %s", self._unavailable)

    def _load_personal(self) -> None:
        path = personal_dictionary_path()
        if path == self._personal_path:
            return
        self._personal_path = path
        self._personal = set()
        try:
            self._personal = _folded(path.read_text(encoding="utf-8").split())
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            _log.warning("The personal dictionary could not be read")


def _checks(dictionary: Any, word: str) -> bool:
    """Whether the dictionary takes ``word``, or each part of a hyphenated one."""
    if dictionary.check(word):
        return True
    if "-" in word:
        return all(len(part) < 2 or dictionary.check(part) for part in word.split("-"))
    return False


def _shipped_words() -> list[str]:
    try:
        text = resource_path("spelling", "social-care-words.txt").read_text(encoding="utf-8")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
