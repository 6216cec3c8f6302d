"""Identifiers found by their shape, validated wherever a checksum or rule exists.

- NHS numbers: ten digits passing the Modulus 11 check (python-stdnum); numbers of
  one repeated digit (0000000000) are refused.
- National Insurance numbers: two prefix letters, six digits, a suffix A-D, with
  HMRC's rules (first letter not D F I Q U V; second not D F I O Q U V; never BG GB
  KN NK NT TN ZZ).
- Unique Pupil Numbers: 13 characters with the DfE check letter (python-stdnum).
- UK postcodes in the Royal Mail format (all capitals or all lower case), with or
  without the space ("S7 2LS", "s72ls"), in one of the 121 real postcode areas.
- UK vehicle registrations (:mod:`deepdive.privacy.vehicles`).
- UK phone numbers: +44, 0044 or 0 then 9-10 digits, grouped by spaces, dots or
  dashes, area code perhaps in brackets. Numbers phonenumbers says are assigned get a
  higher confidence; phone-shaped but unassigned ones are still flagged.
- Dates of birth: a full date with "DOB", "date of birth", "born" or "birthday" just
  before it, or a date registered in the vault.
- Street addresses: a house number then capitalised words ending in a street word.
- Email addresses, social media handles, and web addresses with a personal path
  (a profile on a social network, ``/~name``, ``/users/name``).

Dates of birth and street addresses are found from their cue words ("DOB", "Road")
by :mod:`deepdive.privacy.keywords`. Here, one regular expression reads the text
once for everything that starts with a digit (and, in the same pass, for the
capitalised words the name guess needs); its few hits are checked by anchored
patterns. Plain substring searches find ``@``, ``://`` and ``www.``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from deepdive.privacy import findings as conf
from deepdive.privacy.findings import FindingKind
from deepdive.privacy.registry import IdentifierRegistry, KeyInfo, digit_key
from deepdive.privacy.vehicles import vehicle_at


class PatternHit(NamedTuple):
    """An identifier found by its shape (a named tuple: tens of thousands are made for
    a big export, and a tuple is made three times faster than a frozen dataclass)."""

    kind: FindingKind
    start: int
    end: int
    confidence: float
    registered: bool = False
    pseudonym: str | None = None
    case_code: str | None = None


_NUMBER_GROUPS = re.compile(r"[0-9]+(?:[ .\-/][0-9]+)*")
_NON_DIGIT = re.compile(r"[^0-9]")

_NHS = re.compile(r"[0-9]{3}([ \-]?)[0-9]{3}\1[0-9]{4}(?![0-9])")
_PHONE = re.compile(
    r"(?P<prefix>\+44[ .\-]?(?:\(0\)[ .\-]?)?|0044[ .\-]?|\((?=0[0-9]{2,4}\))0|0)"
    r"(?P<rest>[1-9](?:\)?[ .\-]?[0-9]){8,9})(?![0-9])"
)
_NI = re.compile(r"[A-Z]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[A-D](?![A-Za-z0-9])")
_NI_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_UPN = re.compile(r"[A-Z][0-9]{11}[0-9A-Z](?![A-Za-z0-9])")
_POSTCODE = re.compile(
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])[ ]?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])"
)
# The 121 postcode areas: the letters before the first digit of a real postcode.
_POSTCODE_AREAS = frozenset(
    str.split(
        """
    AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
    DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW
    KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH
    RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF
    WN WR WS WV YO ZE
    """
    )
)
# A run of digits after one of these words is a reference, not a phone or NHS number.
_REFERENCE_BEFORE = re.compile(
    r"(?:order|invoice|ref|reference|receipt|tracking|account|acc|sort code|case|crime|"
    r"incident|log|job|serial|po)(?: no| number| num)?\.?\s*[:#]?\s*$"
)


# ---------------------------------------------------------------- digit-led
# One character class first, so the regular-expression engine skips quickly to each
# run of digits (the look-behind drops a run's later digits at once). A hit is a run
# of at least five digits, perhaps spaced ("943 476 5919", "+44 (0)7700 900123"), or a
# digit or two and one to three letters ending a word (a postcode's "7AB" or "72LS",
# a number plate's "19KZT" or "123D"), or a space and three capitals (a number plate's
# "19 KZT"); Python checks the rest.
# The look-ahead before ``num`` is implied by it (four more digits, each after
# separators only) but is far cheaper to fail: most digit runs in notes are days,
# years, times and money, and it turns them away without backtracking.
_CANDIDATES = re.compile(
    r"[0-9](?<![0-9][0-9])"
    r"(?:(?=(?:[ .\-()]*+[0-9]){4})(?P<num>(?:\)?[ .\-]?\(?[0-9]){4,14})"
    r"|(?P<pc>[0-9]{0,2}(?:[A-Za-z]{1,3}|[ ][A-Z]{3})(?![A-Za-z0-9])))"
)
_GROUP_START = re.compile(r"(?<![0-9])[0-9]")


def scan_shapes(
    folded: str,
    low: str,
    registry: IdentifierRegistry | None,
    url_markers: Iterable[tuple[str, int]] | None = None,
) -> list[PatternHit]:
    """Every identifier found by its shape in ``folded`` (``low``: its lower case).

    ``url_markers``: where "://", "www." … are in ``low`` (marker, start), when the
    caller found them already (the detector's automaton does); else they are searched.
    """
    digit_keys = registry.digit_keys if registry is not None else {}
    hits: list[PatternHit] = []
    for match in _CANDIDATES.finditer(folded):
        start = match.start()
        before = folded[start - 1] if start else " "
        hit: PatternHit | None = None
        if match.lastgroup == "pc":  # "S5 7AB", "S57AB": the outward code comes first
            origin = _word_start(folded, start - 1 if before == " " else start)
            hit = _letter_led_at(folded, origin) if origin < start else None
        elif before.isalpha():  # "AB123456C", "B801200005001"
            hit = _letter_led_at(folded, _word_start(folded, start))
        else:
            if before == " " and start >= 3 and folded[start - 3 : start - 1].isalpha():
                hit = _letter_led_at(folded, _word_start(folded, start - 1))  # "AB 12 34 56 C"
            if hit is None:
                hits.extend(_numbers_within(folded, low, start, match.end(), digit_keys))
        if hit is not None:
            hits.append(hit)
    hits.extend(_emails_and_handles(folded))
    hits.extend(_personal_urls(folded, low, url_markers))
    return hits


def _word_start(folded: str, position: int) -> int:
    """The start of the letters and digits that end just before ``position``."""
    while position > 0 and folded[position - 1].isalnum():
        position -= 1
    return position


def _numbers_within(
    folded: str, low: str, start: int, end: int, digit_keys: dict[str, KeyInfo]
) -> Iterator[PatternHit]:
    """Phone, NHS and registered numbers in a run of digit groups ("2016 07700 900123"
    is tried from each group until one fits)."""
    position = start
    while position < end:
        hit = _registered_number(folded, position, digit_keys) or _number(folded, low, position)
        if hit is not None:
            info = digit_keys.get(digit_key(folded[hit.start : hit.end]))
            if info is not None and not hit.registered:  # registered, in another layout
                hit = PatternHit(
                    info.kind,
                    hit.start,
                    hit.end,
                    conf.REGISTERED,
                    True,
                    info.pseudonym,
                    info.case_code,
                )
            yield hit
            position = hit.end
        next_group = _GROUP_START.search(folded, position + 1, end)
        if next_group is None:
            return
        position = next_group.start()


def _registered_number(
    folded: str, start: int, digit_keys: dict[str, KeyInfo]
) -> PatternHit | None:
    if not digit_keys:
        return None
    match = _NUMBER_GROUPS.match(folded, start)
    if match is None:
        return None
    info = digit_keys.get(digit_key(match.group()))
    if info is None:
        return None
    origin = start - 1 if folded.startswith("+", start - 1) else start
    return PatternHit(
        info.kind, origin, match.end(), conf.REGISTERED, True, info.pseudonym, info.case_code
    )


def _number(folded: str, low: str, start: int) -> PatternHit | None:
    """A phone or NHS number starting at ``start`` (or at a "+44" or "(" just before)."""
    if _REFERENCE_BEFORE.search(low, max(0, start - 24), start):
        return None
    for origin in (start - 1, start) if folded.startswith(("(", "+"), start - 1) else (start,):
        phone = _PHONE.match(folded, origin)
        if phone is not None:
            return _phone_hit(phone)
    nhs = _NHS.match(folded, start)
    if nhs is not None:
        digits = _NON_DIGIT.sub("", nhs.group())
        if len(set(digits)) > 1 and _nhs_valid(digits):
            return PatternHit(FindingKind.NHS_NUMBER, start, nhs.end(), conf.CHECKSUM_VALID)
    return None


def _nhs_valid(digits: str) -> bool:
    # python-stdnum loads on the first NHS-shaped number, not when DeepDive starts.
    from stdnum.gb import nhs

    return bool(nhs.is_valid(digits))


def _upn_valid(number: str) -> bool:
    from stdnum.gb import upn

    return bool(upn.is_valid(number))


def _phone_hit(match: re.Match[str]) -> PatternHit | None:
    national = _NON_DIGIT.sub("", match.group("rest"))
    if national[0] not in "1235789":
        return None
    return PatternHit(FindingKind.PHONE, match.start(), match.end(), _phone_confidence(national))


@functools.lru_cache(maxsize=4096)
def _phone_confidence(national: str) -> float:
    """Higher when the number is one phonenumbers knows is assigned in the UK.

    Cached: a case's notes give the same few numbers again and again, and each
    look-up tries every region that shares +44."""
    import phonenumbers  # its metadata loads on first use, not when DeepDive starts

    try:
        number = phonenumbers.parse("+44" + national, None)
    except phonenumbers.NumberParseException:
        return conf.PATTERN
    return conf.STRONG_PATTERN if phonenumbers.is_valid_number(number) else conf.PATTERN


def _letter_led_at(folded: str, origin: int) -> PatternHit | None:
    """A postcode, NI number, UPN or number plate starting at ``origin``."""
    window = folded[origin : origin + 16]
    upper = window.upper()
    ni = _NI.match(upper)
    if ni is not None and _same_case(window[: ni.end()]) and _ni_rules(ni.group()):
        return PatternHit(FindingKind.NI_NUMBER, origin, origin + ni.end(), conf.STRONG_PATTERN)
    upn = _UPN.match(upper)
    if upn is not None and _upn_valid(upn.group()):
        return PatternHit(FindingKind.PUPIL_NUMBER, origin, origin + upn.end(), conf.CHECKSUM_VALID)
    postcode = _POSTCODE.match(upper)
    if (
        postcode is not None
        and _same_case(window[: postcode.end()])
        and upper[: 2 if upper[1].isalpha() else 1] in _POSTCODE_AREAS
    ):
        return PatternHit(
            FindingKind.POSTCODE, origin, origin + postcode.end(), conf.STRONG_PATTERN
        )
    plate = vehicle_at(folded, origin)
    if plate is not None:
        return PatternHit(FindingKind.VEHICLE, origin, plate[0], plate[1])
    return None


def _same_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return all(c.isupper() for c in letters) or all(c.islower() for c in letters)


def _ni_rules(number: str) -> bool:
    """HMRC's rules for the prefix letters of a National Insurance number."""
    prefix = number[:2]
    return (
        prefix[0] not in "DFIQUV" and prefix[1] not in "DFIOQUV" and prefix not in _NI_BAD_PREFIXES
    )


# -------------------------------------------------------- emails, handles
_LOCAL_PART = re.compile(r"[A-Za-z0-9._%+\-]+$")
_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_HANDLE = re.compile(r"[A-Za-z_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])(?![A-Za-z0-9_@])")


def _emails_and_handles(folded: str) -> Iterator[PatternHit]:
    position = folded.find("@")
    while position >= 0:
        local = _LOCAL_PART.search(folded, max(0, position - 64), position)
        if local is not None and local.group().strip("."):
            domain = _DOMAIN.match(folded, position + 1)
            if domain is not None:
                yield PatternHit(
                    FindingKind.EMAIL, local.start(), domain.end(), conf.CHECKSUM_VALID
                )
                position = folded.find("@", domain.end())
                continue
        elif position == 0 or folded[position - 1] in " \t\n(\"'":
            handle = _HANDLE.match(folded, position + 1)
            if handle is not None:
                yield PatternHit(FindingKind.SOCIAL_HANDLE, position, handle.end(), conf.PATTERN)
        position = folded.find("@", position + 1)


# ------------------------------------------------------------------ URLs
# Where a web address may be; the detector finds these in its automaton walk.
URL_MARKERS = ("://", "www.", ".com/", ".net/", ".me/", ".tv/")
_SOCIAL_HOSTS = (
    "facebook.com",
    "fb.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "tiktok.com",
    "snapchat.com",
    "linkedin.com",
    "youtube.com",
    "threads.net",
    "reddit.com",
    "pinterest.com",
    "onlyfans.com",
    "wa.me",
    "t.me",
    "github.com",
    "twitch.tv",
)
_PERSONAL_PATH = re.compile(r"/(?:~|@|users?/|profiles?/|people/|u/|in/|members?/|add/)", re.I)
_URL_BODY = re.compile(r"[^\s<>\"'\])]+")
_SCHEME_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*$")
_HOST_BEFORE = re.compile(r"[A-Za-z0-9.\-]+$")


def _personal_urls(
    folded: str, low: str, url_markers: Iterable[tuple[str, int]] | None
) -> Iterator[PatternHit]:
    seen_until = -1
    if url_markers is None:
        url_markers = _find_url_markers(low)
    for start in sorted(_url_starts(low, url_markers)):
        if start < seen_until:
            continue
        body = _URL_BODY.match(folded, start)
        if body is None:
            continue
        end = body.end()
        while end > start and folded[end - 1] in ".,;:!?":
            end -= 1
        url = low[start:end]
        if _is_personal(url):
            seen_until = end
            yield PatternHit(FindingKind.URL, start, end, conf.STRONG_PATTERN)


def _find_url_markers(low: str) -> Iterator[tuple[str, int]]:
    for marker in URL_MARKERS:
        position = low.find(marker)
        while position >= 0:
            yield marker, position
            position = low.find(marker, position + 1)


def _url_starts(low: str, url_markers: Iterable[tuple[str, int]]) -> set[int]:
    starts: set[int] = set()
    for marker, position in url_markers:
        if marker == "://":
            scheme = _SCHEME_BEFORE.search(low, max(0, position - 12), position)
            if scheme is not None:
                starts.add(scheme.start())
        elif marker == "www.":
            if position == 0 or (not low[position - 1].isalnum() and low[position - 1] not in "/."):
                starts.add(position)
        else:
            host = _HOST_BEFORE.search(low, max(0, position - 40), position)
            if host is not None and (host.start() == 0 or low[host.start() - 1] in " \t\n(\"'<"):
                starts.add(host.start())
    return starts


def _is_personal(url: str) -> bool:
    without_scheme = url.split("://", 1)[-1]
    host, _, path = without_scheme.partition("/")
    host = host.removeprefix("www.").removeprefix("m.").removeprefix("mobile.")
    path = path.strip("/")
    if any(host == h or host.endswith("." + h) for h in _SOCIAL_HOSTS):
        first = path.split("/")[0].split("?")[0].lower()
        return bool(first) and first not in {
            "help",
            "about",
            "policies",
            "legal",
            "privacy",
            "login",
        }
    return _PERSONAL_PATH.search("/" + path) is not None
