"""The reference document: the house style, or a team's own .docx/.dotx.

A team's document gives the styles, page setup, headers and logo. Its body, comments,
custom properties, custom XML, attached-template path, document variables and
thumbnail are removed, because they can carry names from wherever the template was
made. A style the exporter needs and the team's document lacks is copied from the
default reference document, so an incomplete template never fails an export.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from deepdive.archives import ArchiveError, open_word_document, read_word_parts
from deepdive.export.errors import ReferenceDocError
from deepdive.export.styles import ALL_STYLES, StyleIds
from deepdive.export.wordml import W_NS
from deepdive.files.special import refuse_special_file
from deepdive.resources import resource_path

_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_TYPES = ("macroEnabled", "vbaProject")
_W = f"{{{W_NS}}}"
_ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

# Parts of the main document a finished case study keeps (when its XML still uses them).
_KEEP_RELS = frozenset(
    {RT.STYLES, RT.NUMBERING, RT.SETTINGS, RT.FONT_TABLE, RT.THEME, RT.WEB_SETTINGS}
)
_SETTINGS_TO_DROP = ("attachedTemplate", "docVars", "mailMerge", "endnotePr", "footnotePr")


def default_reference_path() -> Path:
    """DeepDive's own house-style reference document."""
    return resource_path("reference.docx")


def open_reference(path: Path | None) -> Any:
    """Open the reference document (a .docx or .dotx) as a python-docx Document.

    A team's document is read through the safe archive reader, within the limits of
    any Word document someone sends; python-docx only ever sees the checked copy.
    """
    source = path or default_reference_path()
    name = source.name
    refuse_special_file(source, ReferenceDocError)  # reading a named pipe would wait
    if source.is_dir():
        raise ReferenceDocError(f"{source} is a folder, not a Word document.")
    try:
        with source.open("rb"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ReferenceDocError(f"Cannot read the reference document {source}: {reason}.") from exc
    try:
        parts = read_word_parts(source)
    except ArchiveError as exc:
        raise ReferenceDocError(str(exc)) from exc
    try:
        return open_word_document(_as_document_package(parts, name))
    except ReferenceDocError:
        raise
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ReferenceDocError(
            f"{name} is not a Word document DeepDive can use as a reference (.docx or .dotx)."
        ) from exc


def _as_document_package(parts: dict[str, bytes], name: str) -> dict[str, bytes]:
    """The package's parts, with a .dotx template's main part declared as a document."""
    types = parts.get("[Content_Types].xml")
    if types is None:
        raise ReferenceDocError(
            f"{name} is not a Word document DeepDive can use as a reference (.docx or .dotx)."
        )
    if any(marker.encode() in types for marker in _MACRO_TYPES):
        raise ReferenceDocError(
            f"{name} contains macros; save it as a .docx or .dotx without macros."
        )
    if _TEMPLATE_TYPE.encode() in types:
        types = types.replace(_TEMPLATE_TYPE.encode(), _DOCUMENT_TYPE.encode())
        parts = {**parts, "[Content_Types].xml": types}
    return parts


def ensure_styles(document: Any, fallback: Any | None = None) -> StyleIds:
    """Every style the exporter uses, by id; missing ones copied from the default."""
    styles = document.styles.element
    have = _styles_by_name(styles)
    missing = [name for name in ALL_STYLES if name.casefold() not in have]
    if missing:
        source = fallback if fallback is not None else open_reference(None)
        source_styles = _styles_by_name(source.styles.element)
        for name in missing:
            _copy_style(name.casefold(), source_styles, styles, have)
    return StyleIds(
        {name.casefold(): have[name.casefold()].get(f"{_W}styleId") for name in ALL_STYLES}
    )


def _styles_by_name(styles: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for style in styles.iterchildren(f"{_W}style"):
        name = style.find(f"{_W}name")
        key = (name.get(f"{_W}val") if name is not None else style.get(f"{_W}styleId")) or ""
        found.setdefault(key.casefold(), style)
    return found


def _copy_style(name: str, source: dict[str, Any], target: Any, have: dict[str, Any]) -> None:
    """Copy one style (and any style it is based on that the target lacks)."""
    original = source[name]
    style = copy.deepcopy(original)
    ids_in_use = {s.get(f"{_W}styleId") for s in target.iterchildren(f"{_W}style")}
    source_by_id = {s.get(f"{_W}styleId"): key for key, s in source.items()}
    for ref_tag in ("basedOn", "next", "link"):
        ref = style.find(f"{_W}{ref_tag}")
        if ref is None:
            continue
        ref_name = source_by_id.get(ref.get(f"{_W}val"))
        if ref_name is None:
            style.remove(ref)
            continue
        if ref_name not in have and ref_tag == "basedOn":
            _copy_style(ref_name, source, target, have)
        if ref_name in have:
            ref.set(f"{_W}val", have[ref_name].get(f"{_W}styleId"))
        else:
            style.remove(ref)
    style_id = style.get(f"{_W}styleId")
    while style_id in ids_in_use:
        style_id = f"{style_id}DD"
    style.set(f"{_W}styleId", style_id)
    target.append(style)
    have[name] = style


def clean_package(document: Any) -> None:
    """Remove the body and everything that could carry names from the template's past."""
    body = document.element.body
    for child in list(body):
        if child.tag != f"{_W}sectPr":
            body.remove(child)
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.CUSTOM_PROPERTIES) or rel.reltype.endswith(
            "/custom-properties"
        ):
            del package_rels[rel_id]
    used = {
        value
        for el in document.element.iter()
        for key, value in el.attrib.items()
        if key.startswith(_R)
    }
    part_rels = document.part.rels
    for rel_id, rel in list(part_rels.items()):
        keep = rel.reltype in _KEEP_RELS or rel_id in used
        if not keep:
            del part_rels[rel_id]
    _clean_settings(document)
    _set_language(document.styles.element)


def _clean_settings(document: Any) -> None:
    settings = document.settings.element
    # A team template asking Word to update fields on opening would greet every reader
    # with a prompt about fields; the contents page is numbered already.
    for tag in (*_SETTINGS_TO_DROP, "updateFields"):
        for el in settings.findall(f"{_W}{tag}"):
            settings.remove(el)
    settings_part = document.part._settings_part
    for rel_id, rel in list(settings_part.rels.items()):
        if rel.reltype == _ATTACHED_TEMPLATE or rel.is_external:
            del settings_part.rels[rel_id]
    set_setting(settings, "removePersonalInformation")
    lang = settings.find(f"{_W}themeFontLang")
    if lang is None:
        set_setting(settings, "themeFontLang", {"val": "en-GB"})
    else:
        lang.set(f"{_W}val", "en-GB")


def _set_language(styles: Any) -> None:
    """British English for the defaults and for every style that names a language."""
    defaults = styles.find(f"{_W}docDefaults")
    if defaults is None:
        defaults = etree.Element(f"{_W}docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(f"{_W}rPrDefault")
    if rpr_default is None:
        rpr_default = etree.Element(f"{_W}rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(f"{_W}rPr")
    if rpr is None:
        rpr = etree.SubElement(rpr_default, f"{_W}rPr")
    if rpr.find(f"{_W}lang") is None:
        lang = etree.Element(f"{_W}lang")
        # w:lang comes after everything but eastAsianLayout, specVanish and oMath.
        later = [rpr.find(f"{_W}{t}") for t in ("eastAsianLayout", "specVanish", "oMath")]
        anchor = next((el for el in later if el is not None), None)
        if anchor is None:
            rpr.append(lang)
        else:
            anchor.addprevious(lang)
    for lang in styles.iter(f"{_W}lang"):
        lang.set(f"{_W}val", "en-GB")


def set_setting(settings: Any, tag: str, attrs: dict[str, str] | None = None) -> Any:
    """Add (or find) a settings child, in the order the schema gives."""
    existing = settings.find(f"{_W}{tag}")
    if existing is None:
        existing = etree.Element(f"{_W}{tag}")
        later = SETTINGS_ORDER[SETTINGS_ORDER.index(tag) + 1 :]
        anchor = None
        for child in settings:
            local = etree.QName(child).localname
            if local in later:
                anchor = child
                break
        if anchor is None:
            settings.append(existing)
        else:
            anchor.addprevious(existing)
    for key, value in (attrs or {}).items():
        existing.set(f"{_W}{key}", value)
    return existing


SETTINGS_ORDER: tuple[str, ...] = tuple(
    [
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
        "saveFormsData",
        "mirrorMargins",
        "alignBordersAndEdges",
        "bordersDoNotSurroundHeader",
        "bordersDoNotSurroundFooter",
        "gutterAtTop",
        "hideSpellingErrors",
        "hideGrammaticalErrors",
        "activeWritingStyle",
        "proofState",
        "formsDesign",
        "attachedTemplate",
        "linkStyles",
        "stylePaneFormatFilter",
        "stylePaneSortMethod",
        "documentType",
        "mailMerge",
        "revisionView",
        "trackRevisions",
        "doNotTrackMoves",
        "doNotTrackFormatting",
        "documentProtection",
        "autoFormatOverride",
        "styleLockTheme",
        "styleLockQFSet",
        "defaultTabStop",
        "autoHyphenation",
        "consecutiveHyphenLimit",
        "hyphenationZone",
        "doNotHyphenateCaps",
        "showEnvelope",
        "summaryLength",
        "clickAndTypeStyle",
        "defaultTableStyle",
        "evenAndOddHeaders",
        "bookFoldRevPrinting",
        "bookFoldPrinting",
        "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing",
        "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery",
        "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin",
        "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin",
        "doNotShadeFormData",
        "noPunctuationKerning",
        "characterSpacingControl",
        "printTwoOnOne",
        "strictFirstAndLastChars",
        "noLineBreaksAfter",
        "noLineBreaksBefore",
        "savePreviewPicture",
        "doNotValidateAgainstSchema",
        "saveInvalidXml",
        "ignoreMixedContent",
        "alwaysShowPlaceholderText",
        "doNotDemarcateInvalidXml",
        "saveXmlDataOnly",
        "useXSLTWhenSaving",
        "saveThroughXslt",
        "showXMLTags",
        "alwaysMergeEmptyNamespace",
        "updateFields",
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)
