"""The OFD reader: OFD files printed from our bulletins parse to the gold structure; OFD files
from other software are read into their text, with signatures and stamps as provenance; broken
and hostile packages get one line, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import parse_bytes, read_blocks
from kuaibao.core.parse.ofd import read_ofd
from tests.golden import CORPUS_NAMES, FIXTURES, differences, load_gold

FORMATS = FIXTURES / "formats"
OUTSIDE = FIXTURES / "ofd"
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _text(name: str) -> str:
    return "\n".join(block.text for block in read_blocks((OUTSIDE / name).read_bytes()).blocks)


@pytest.mark.parametrize("variant", ["", ".word-habits"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_ofd_printed_from_bulletin_parses_to_gold(name: str, variant: str) -> None:
    bulletin = parse_bytes((FORMATS / f"{name}{variant}.ofd").read_bytes(), f"{name}.ofd")
    assert differences(bulletin, load_gold(name)) == []
    assert bulletin.provenance is not None and bulletin.provenance.format == "ofd"


def test_seal_is_kept_as_provenance_with_its_page() -> None:
    bulletin = parse_bytes((FORMATS / "000_14293bf241bcd247.ofd").read_bytes())
    seals = [w for w in bulletin.warnings if w.code == "ofd-signature"]
    assert len(seals) == 1 and seals[0].page == 1
    assert "kuaibao test seal" in seals[0].message and "签名未核验" in seals[0].message


def test_text_of_an_outside_ofd_is_read_exactly() -> None:
    assert _text("ofdrw-helloworld.ofd") == "你好呀，OFD Reader&Writer！"


def test_prose_across_pages_is_one_paragraph() -> None:
    reading = read_blocks((OUTSIDE / "ofdrw-hello-nalaizhuyi.ofd").read_bytes())
    assert [b.text for b in reading.blocks[:2]] == ["拿来主义", "鲁迅"]
    assert any(w.code == "page-break-joined" for w in reading.warnings)
    assert "所以我们要运用脑髓，放出眼光，自己来拿！" in "".join(b.text for b in reading.blocks)


def test_gongwen_ofd_keeps_its_number_and_seal() -> None:
    reading = read_ofd((OUTSIDE / "ofdrw-n-gongwen.ofd").read_bytes())
    text = "\n".join(block.text for block in reading.blocks)
    assert "路卫发〔2011〕76号" in text and "关于同意张阿三同志辞职的批复" in text
    assert any(w.code == "ofd-signature" for w in reading.warnings)


def test_invoice_stamp_and_seal_are_noted() -> None:
    reading = read_ofd((OUTSIDE / "ofdrw-1-invoice.ofd").read_bytes())
    codes = {w.code for w in reading.warnings}
    assert {"ofd-signature", "ofd-stamp"} <= codes
    assert "浙江增值税电子普通发票" in "\n".join(block.text for block in reading.blocks)


def test_rotated_watermark_is_dropped_and_reported() -> None:
    reading = read_ofd((OUTSIDE / "ofdrw-keyword-watermark.ofd").read_bytes())
    dropped = [w for w in reading.warnings if w.code == "rotated-text-dropped"]
    assert dropped and "事由户籍办理房产证明" in dropped[0].message
    assert "事由户籍办理房产证明" not in "".join(block.text for block in reading.blocks)


def _package(members: dict[str, bytes | str], *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _minimal(content: str) -> dict[str, bytes | str]:
    return {
        "OFD.xml": f"<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<ofd:Document {NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
        "</ofd:Pages></ofd:Document>",
        "Doc_0/Pages/Page_0/Content.xml": f"<ofd:Page {NS}><ofd:Content><ofd:Layer>{content}</ofd:Layer>"
        "</ofd:Content></ofd:Page>",
    }


def test_minimal_package_without_resources_is_read() -> None:
    text = '<ofd:TextObject Boundary="20 20 100 10" Size="5"><ofd:TextCode X="0" Y="5">快报</ofd:TextCode></ofd:TextObject>'
    assert [b.text for b in read_ofd(_package(_minimal(text))).blocks] == ["快报"]


@pytest.mark.parametrize(
    ("members", "says"),
    [
        ({"Doc_0/Document.xml": "<x/>"}, "不是 OFD 文件"),
        ({"OFD.xml": f"<ofd:OFD {NS}/>"}, "没有文档"),
        ({**_minimal(""), "Doc_0/Pages/Page_0/Content.xml": "<ofd:Page"}, "不是有效的 XML"),
        ({**_minimal(""), "Doc_0/Pages/Page_0/Content.xml": "<a>" + " " * (40 * 1024 * 1024) + "</a>"}, "过大"),
        ({**_minimal(""), "Doc_0/Pages/Page_0/Content.xml": "<a>" + " " * (4 * 1024 * 1024) + "</a>"}, "压缩比异常"),
    ],
)
def test_broken_or_hostile_package_gets_one_line(members: dict[str, bytes | str], says: str) -> None:
    data = _package(members)
    with pytest.raises(UnreadableInput) as caught:
        read_ofd(data)
    assert says in caught.value.reason and "\n" not in caught.value.reason


def test_entities_are_not_expanded() -> None:
    laughs = (
        '<!DOCTYPE a [<!ENTITY a "快报快报快报快报快报快报快报快报"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    page = f'{laughs}<ofd:Page {NS}><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 100 10" Size="5">'
    page += '<ofd:TextCode X="0" Y="5">&c;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>'
    members = {**_minimal(""), "Doc_0/Pages/Page_0/Content.xml": page}
    with pytest.raises(UnreadableInput):
        read_ofd(_package(members))  # no text at all: the entity stays unexpanded


_PARTS = st.sampled_from(["OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml", "Doc_0/PublicRes.xml"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_ofd_never_crashes(data: st.DataObject) -> None:
    base = (FORMATS / "002_21a254231077ad00.word-habits.ofd").read_bytes()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        members: dict[str, bytes | str] = {name: archive.read(name) for name in archive.namelist()}
    part = data.draw(_PARTS)
    if part in members:
        raw = bytearray(members[part] if isinstance(members[part], bytes) else str(members[part]).encode())
        for _ in range(data.draw(st.integers(1, 8))):
            if not raw:
                break
            at = data.draw(st.integers(0, len(raw) - 1))
            raw[at : at + data.draw(st.integers(0, 40))] = data.draw(st.binary(max_size=12))
        members[part] = bytes(raw)
    try:
        parse_bytes(_package(members))
    except UnreadableInput as exc:
        assert "\n" not in exc.reason


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_after_zip_header_never_crash(tail: bytes) -> None:
    try:
        read_ofd(b"PK\x03\x04" + tail)
    except UnreadableInput:
        pass
