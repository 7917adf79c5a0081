"""Hostile files built in the test, not stored: a PDF whose pages hold thousands of text runs,
and a DOCX whose document.xml is tens of megabytes (each under the older ratio limits)."""

from __future__ import annotations

import io
import random
import zipfile

from tests.support.docx import item_docx


def dense_pdf(pages: int, runs: int = 2000) -> bytes:
    """`pages` A4 pages of `runs` short `Tj` runs each (Helvetica; uncompressed streams)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font = 3 + 2 * pages
    for i in range(pages):
        lines = ["BT /F1 6 Tf"]
        for n in range(runs):
            lines.append(f"1 0 0 1 {20 + (n % 10) * 55} {820 - (n // 10) * 4} Tm (run{n:04d}) Tj")
        lines.append("ET")
        stream = "\n".join(lines).encode()
        resources = f"/Resources << /Font << /F1 {font} 0 R >> >>"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {resources} /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def large_docx(xml_megabytes: float, seed: int = 14) -> bytes:
    """A real Word file whose document.xml is about `xml_megabytes` of paragraphs of varied
    Chinese text (it deflates some 3 to 5 times: no zip-bomb ratio)."""
    rng = random.Random(seed)
    alphabet = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]
    paragraph_chars = 200
    per_paragraph = paragraph_chars * 3 + 40  # UTF-8 bytes, with the tags
    count = int(xml_megabytes * 1024 * 1024 / per_paragraph)
    body = "".join(
        f"<w:p><w:r><w:t>{''.join(rng.choices(alphabet, k=paragraph_chars))}</w:t></w:r></w:p>" for _ in range(count)
    )
    template = zipfile.ZipFile(io.BytesIO(item_docx("标题", "正文")))
    document = template.read("word/document.xml").decode()
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("<w:sectPr")
    document = document[:start] + body + document[end:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in template.infolist():
            data = document.encode() if info.filename == "word/document.xml" else template.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()
