"""Print a PDF to OFD the way offices' virtual OFD printers do, to make OFD test fixtures.

Offices get OFD files by printing whatever they have (a Word file, a PDF) to a virtual OFD
printer, or from an 电子公文 system that lays the document out itself. Such an OFD holds, per
page, one text object per run of characters of one font and size on one line (the first
character's position and the advances of the others, in millimetres), path objects for the
rules and image objects for the pictures. This script makes the same from a PDF's glyphs
(pdfium through kuaibao's PDF extractor), with the page size, fonts (bold where the PDF's font
is bold), a template page holding the first page's red rule when asked, and optionally an
unverifiable seal entry, so the OFD reader meets the parts real files have.

    .venv/bin/python scripts/ofdprint.py in.pdf out.ofd
"""

from __future__ import annotations

import io
import itertools
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuaibao.core.parse.pdf import Glyph, PageText, extract_pages  # noqa: E402

MM = 25.4 / 72  # millimetres per point
NS = "http://www.ofdspec.org/2016"


def _f(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def _runs(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into runs: one baseline, one font, size and weight, left to right."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (round(g.baseline, 1), g.x0)):
        if glyph.text.isspace() and glyph.text != "\u3000":
            continue
        last = rows[-1][-1] if rows else None
        if (
            last is not None
            and abs(last.baseline - glyph.baseline) < 0.3 * glyph.size
            and (last.font, last.size, last.bold) == (glyph.font, glyph.size, glyph.bold)
            and glyph.x0 - last.x1 < 2 * glyph.size
        ):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    return rows


def _text_object(ident: int, run: list[Glyph], font_id: int) -> str:
    size = run[0].size * MM
    x0 = run[0].x0 * MM
    top = run[0].baseline * MM - size
    width = (run[-1].x1 - run[0].x0) * MM + size
    deltas = " ".join(_f((b.x0 - a.x0) * MM) for a, b in itertools.pairwise(run))
    weight = ' Weight="700"' if run[0].bold else ""
    text = escape("".join(g.text for g in run))
    delta = f" DeltaX={quoteattr(deltas)}" if deltas else ""
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{_f(x0)} {_f(top)} {_f(width)} {_f(size * 1.4)}" '
        f'Font="{font_id}" Size="{_f(size)}"{weight}>'
        f'<ofd:TextCode X="0" Y="{_f(size)}"{delta}>{text}</ofd:TextCode></ofd:TextObject>'
    )


def _rule(ident: int, y: float, page: PageText) -> str:
    left, width = 0.1 * page.width * MM, 0.8 * page.width * MM
    return (
        f'<ofd:PathObject ID="{ident}" Boundary="{_f(left)} {_f(y * MM - 0.5)} {_f(width)} 1" LineWidth="0.75" '
        f'Stroke="true"><ofd:StrokeColor Value="200 0 0"/><ofd:AbbreviatedData>M 0 0.5 L {_f(width)} 0.5'
        "</ofd:AbbreviatedData></ofd:PathObject>"
    )


def pdf_to_ofd(pdf: bytes, *, template_rule: bool = False, seal: bool = False) -> bytes:
    """An OFD of the PDF's pages; `template_rule` moves page 1's first rule into a template
    page, `seal` adds a signature entry (provider and time, no valid signature value)."""
    pages = extract_pages(pdf)
    fonts: dict[tuple[str, bool], int] = {}
    ident = 100
    contents: list[str] = []
    template = ""
    for page in pages:
        objects = []
        for run in _runs(page.glyphs):
            key = (run[0].font or "宋体", run[0].bold)
            font_id = fonts.setdefault(key, len(fonts) + 1)
            ident += 1
            objects.append(_text_object(ident, run, font_id))
        rules = list(page.rules)
        if template_rule and page.number == 1 and rules:
            ident += 1
            template = _rule(ident, rules.pop(0), page)
        for y in rules:
            ident += 1
            objects.append(_rule(ident, y, page))
        area = (
            f"<ofd:Area><ofd:PhysicalBox>0 0 {_f(page.width * MM)} {_f(page.height * MM)}</ofd:PhysicalBox></ofd:Area>"
        )
        use_template = '<ofd:Template TemplateID="90" ZOrder="Background"/>' if template and page.number == 1 else ""
        contents.append(
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{use_template}{area}<ofd:Content>'
            f'<ofd:Layer ID="{ident + 1}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
        )
        ident += 1
    first = pages[0]
    font_xml = "".join(
        f'<ofd:Font ID="{i}" FontName={quoteattr(name)} FamilyName={quoteattr(name)}'
        f"{' Bold=' + quoteattr('true') if bold else ''}/>"
        for (name, bold), i in fonts.items()
    )
    page_list = "".join(f'<ofd:Page ID="{1000 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
    template_decl = '<ofd:TemplatePage ID="90" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template else ""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>{ident + 10}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {_f(first.width * MM)} "
        f"{_f(first.height * MM)}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        f"{template_decl}</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"
    )
    signatures = "<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures>" if seal else ""
    members = {
        "OFD.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID><ofd:Creator>kuaibao ofdprint</ofd:Creator>"
            f"</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>{signatures}</ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/Document.xml": document,
        "Doc_0/PublicRes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
            f"<ofd:Fonts>{font_xml}</ofd:Fonts></ofd:Res>"
        ),
    }
    for number, content in enumerate(contents):
        members[f"Doc_0/Pages/Page_{number}/Content.xml"] = content
    if template:
        members["Doc_0/Tpls/Tpl_0/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
            f'<ofd:Layer ID="91">{template}</ofd:Layer></ofd:Content></ofd:Page>'
        )
    if seal:
        members["Doc_0/Signs/Signatures.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures xmlns:ofd="{NS}"><ofd:MaxSignId>1</ofd:MaxSignId>'
            '<ofd:Signature ID="1" Type="Seal" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>'
        )
        members["Doc_0/Signs/Sign_0/Signature.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signature xmlns:ofd="{NS}"><ofd:SignedInfo>'
            '<ofd:Provider ProviderName="kuaibao test seal" Version="1.0"/>'
            "<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>"
            "<ofd:SignatureDateTime>20230922090000Z</ofd:SignatureDateTime>"
            '<ofd:StampAnnot ID="1" PageRef="1000" Boundary="130 40 40 40"/></ofd:SignedInfo>'
            "<ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue></ofd:Signature>"
        )
        members["Doc_0/Signs/Sign_0/SignedValue.dat"] = "not a valid signature value"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.write_bytes(pdf_to_ofd(source.read_bytes(), template_rule=True, seal=True))


if __name__ == "__main__":
    main()
