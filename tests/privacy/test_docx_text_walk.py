"""The leak check reads every readable attribute, however the XML around it is written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from deepdive.privacy.leakcheck import docx_text_parts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODIES = {
    "plain": "<w:p><w:r><w:t>Before</w:t></w:r></w:p>{shape}<w:p><w:r><w:t>After</w:t></w:r></w:p>",
    "a comment mentions name=": "<!-- name= --><w:p>{shape}</w:p>",
    "a '>' inside an attribute value": "<w:p><w:r><w:t>x</w:t></w:r></w:p>{shape}",
    "a prefix given two meanings": '<w:p xmlns:v="urn:other"><w:r><w:t>x</w:t></w:r></w:p>{shape}',
    "a default namespace below the root": '<w:p><x:y xmlns:x="urn:x"><z xmlns="urn:z" '
    'title="Also readable"/></x:y></w:p>{shape}',
}
SHAPE = (
    '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" alt="a>b" '
    'title="Kerry Marsh at home"/></w:pict></w:r></w:p>'
)


def _document(tmp_path: Path, body: str) -> Path:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    out = tmp_path / "made.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
                    f"<w:body>{body.format(shape=SHAPE)}</w:body></w:document>"
                ).encode()
            target.writestr(item, data)
    return out


@pytest.mark.parametrize("case", sorted(BODIES))
def test_a_shape_title_is_read_wherever_it_is(case: str, tmp_path: Path) -> None:
    body_text = next(
        p.text for p in docx_text_parts(_document(tmp_path, BODIES[case])) if p.where == "body"
    )
    assert "Kerry Marsh at home\n" in body_text
    if "default namespace" in case:
        assert "Also readable\n" in body_text
