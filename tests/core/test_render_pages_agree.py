"""PDF, OFD and DOCX (through LibreOffice, as an office opens it) show a marked issue alike:
the same number of pages, the red masthead at the same height, the tail at the foot of the
last page. Each file is turned into page images (pdftoppm for the PDFs, the OFD drawn from its
own fonts and paths) and text positions; LibreOffice runs once per issue (it is slow)."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from kuaibao.core.model import Bulletin, Marks
from kuaibao.core.ofd import NAMESPACE
from kuaibao.core.render import render
from kuaibao.core.render.docx import fontconfig_aliases
from kuaibao.core.render.json import from_dict
from tests.core.ofd_checks import check_package
from tests.core.ofd_raster import rasterize
from tests.golden import CORPUS_NAMES, load_gold

DPI = 30
MM_PER_PX = 25.4 / DPI
_N = f"{{{NAMESPACE}}}"


def marked(name: str) -> Bulletin:
    bulletin = from_dict(load_gold(name))
    return dataclasses.replace(bulletin, marks=Marks("秘密", "1年", "000123", internal=True), copies=120)


def office_pdf(docx: bytes, folder: Path) -> bytes:
    """The DOCX as LibreOffice prints it, office fonts mapped to the open ones (fontconfig)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-writer-nogui) is installed by scripts/setup"
    (folder / "issue.docx").write_bytes(docx)
    (folder / "fonts.conf").write_text(fontconfig_aliases())
    env = {**os.environ, "FONTCONFIG_FILE": str(folder / "fonts.conf"), "HOME": str(folder)}
    subprocess.run(  # a fixed program on a file we wrote
        [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(folder / "issue.docx")],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    return (folder / "issue.pdf").read_bytes()


def pdf_pages(data: bytes, folder: Path, label: str) -> list[Image.Image]:
    path = folder / f"{label}.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(path), str(folder / label)], check=True, timeout=120)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob(f"{label}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))]


def red_band(image: Image.Image) -> tuple[float, float]:
    """Top and bottom of the red on the page (masthead title and rule), in millimetres."""
    rows = [y for y in range(image.height) for x in range(0, image.width, 2) if _red(image.getpixel((x, y)))]
    assert rows, "no red masthead"
    return rows[0] * MM_PER_PX, rows[-1] * MM_PER_PX


def _red(pixel: object) -> bool:
    red, green, blue = pixel  # type: ignore[misc]
    return bool(red > 180 and green < 110 and blue < 110)


def pdf_tail_rules(data: bytes) -> tuple[float, float]:
    """The tail's two rules on the last page (top and bottom), in millimetres from the top."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        tops = sorted(float(line["top"]) for line in [*page.lines, *page.rects] if line["x1"] - line["x0"] > 400)
    assert len(tops) >= 2, f"the last page has {len(tops)} rules"
    return tops[0] * 25.4 / 72, tops[-1] * 25.4 / 72


def ofd_tail_rules(data: bytes) -> tuple[float, float]:
    parts = check_package(data)
    tops = sorted(float(path.get("Boundary", "0 0").split()[1]) for path in parts.pages[-1].iter(f"{_N}PathObject"))
    assert len(tops) == 2, f"the last page has {len(tops)} rules"
    return tops[0], tops[-1]


@pytest.mark.parametrize("name", CORPUS_NAMES[:2])
def test_pdf_ofd_and_docx_agree_on_pages_masthead_and_tail(name: str, tmp_path: Path) -> None:
    bulletin = marked(name)
    pdf = render(bulletin, "pdf")
    ofd = render(bulletin, "ofd")
    docx_pdf = office_pdf(render(bulletin, "docx"), tmp_path)
    images = {
        "pdf": pdf_pages(pdf, tmp_path, "pdf"),
        "docx": pdf_pages(docx_pdf, tmp_path, "docx"),
        "ofd": rasterize(check_package(ofd), DPI),
    }
    counts = {fmt: len(pages) for fmt, pages in images.items()}
    assert len(set(counts.values())) == 1, counts
    bands = {fmt: red_band(pages[0]) for fmt, pages in images.items()}
    for top, bottom in bands.values():
        # The title starts below the marks (about 37 mm + two lines) and the rule ends it.
        assert abs(top - bands["pdf"][0]) <= 3 and abs(bottom - bands["pdf"][1]) <= 3, bands
    tails = {"pdf": pdf_tail_rules(pdf), "docx": pdf_tail_rules(docx_pdf), "ofd": ofd_tail_rules(ofd)}
    for fmt, (top, bottom) in tails.items():
        # The tail ends on the foot of the text block (37 + 225 mm), in every format.
        assert abs(bottom - 262) <= 1.5, tails
        # LibreOffice spaces the framed tail's lines wider (about 30 pt, not 24): its top rule
        # stands up to 10 mm higher than the PDF's.
        assert abs(top - tails["pdf"][0]) <= (10 if fmt == "docx" else 1.5), tails
