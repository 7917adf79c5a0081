"""Scans made the way offices make them, from a real layout: print a PDF, put the pages on a
scanner, save as JPEG inside a PDF (or as images).

A page is rendered at the scanner's resolution (200 or 300 dpi), turned by the skew of a page
laid on the glass, blurred a little by the optics, given sensor noise and a sprinkle of dust,
and compressed as JPEG. Every step is seeded, so a scan is the same on every run. Tests, the
OCR bench and the world corpus builder share this code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


@dataclass(frozen=True, slots=True)
class Scanner:
    dpi: int = 300
    skew: float = 0.0  # degrees, anticlockwise
    noise: float = 0.0  # standard deviation of the sensor noise, grey levels
    dust: float = 0.0  # share of pixels turned black
    blur: float = 0.0  # Gaussian blur radius, pixels
    jpeg: int = 85  # JPEG quality
    grey: bool = False
    seed: int = 16

    @property
    def name(self) -> str:
        return f"{self.dpi}dpi" + (f"-skew{self.skew:g}" if self.skew else "") + ("-noisy" if self.noise else "")


CLEAN_300 = Scanner(300, jpeg=90)
OFFICE_300 = Scanner(300, skew=0.8, noise=10, dust=0.0004, blur=0.6, jpeg=75)
OFFICE_200 = Scanner(200, skew=-1.2, noise=12, dust=0.0006, blur=0.5, jpeg=70)


def scan_pages(pdf: bytes, scanner: Scanner, only: int | None = None) -> list[Image.Image]:
    """Each page of the PDF (or the page numbered `only`, from 0) as the scanner sees it."""
    document = pdfium.PdfDocument(pdf)
    rng = np.random.default_rng(scanner.seed)
    pages = []
    try:
        for index in range(len(document)) if only is None else [only]:
            page = document[index]
            image = page.render(scale=scanner.dpi / 72).to_pil().convert("RGB")
            page.close()
            pages.append(_scan(image, scanner, rng))
    finally:
        document.close()
    return pages


def _scan(image: Image.Image, scanner: Scanner, rng: np.random.Generator) -> Image.Image:
    if scanner.skew:
        image = image.rotate(scanner.skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    if scanner.blur:
        image = image.filter(ImageFilter.GaussianBlur(scanner.blur))
    pixels = np.asarray(image).astype(np.int16)
    if scanner.noise:
        pixels = pixels + rng.normal(0, scanner.noise, pixels.shape).astype(np.int16)
    if scanner.dust:
        pixels[rng.random(pixels.shape[:2]) < scanner.dust] = 0
    image = Image.fromarray(pixels.clip(0, 255).astype(np.uint8))
    if scanner.grey:
        image = image.convert("L")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=scanner.jpeg, dpi=(scanner.dpi, scanner.dpi))
    return Image.open(io.BytesIO(out.getvalue()))


def scanned_pdf(pdf: bytes, scanner: Scanner) -> bytes:
    """The scans as one PDF of JPEG pages, as a scanner's "scan to PDF" saves them."""
    pages = scan_pages(pdf, scanner)
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=scanner.dpi)
    return out.getvalue()


def scanned_image(pdf: bytes, scanner: Scanner, page: int = 0, fmt: str = "PNG") -> bytes:
    """One page as an image file (PNG, JPEG or TIFF), with its resolution recorded."""
    image = scan_pages(pdf, scanner, only=page)[0]
    out = io.BytesIO()
    image.save(out, fmt, dpi=(scanner.dpi, scanner.dpi))
    return out.getvalue()


OFD_NS = "http://www.ofdspec.org/2016"


def scanned_ofd(pdf: bytes, scanner: Scanner) -> bytes:
    """The scans as an OFD of image pages (GB/T 33190: each page one ImageObject over the whole
    page, its JPEG a MultiMedia resource), as an 电子公文 system keeps signed paper."""
    import zipfile

    pages = scan_pages(pdf, scanner)
    members: dict[str, bytes] = {}
    medias, entries = [], []
    for number, image in enumerate(pages):
        width_mm, height_mm = image.width / scanner.dpi * 25.4, image.height / scanner.dpi * 25.4
        out = io.BytesIO()
        image.save(out, "JPEG", quality=scanner.jpeg)
        members[f"Doc_0/Res/page{number}.jpg"] = out.getvalue()
        medias.append(
            f'<ofd:MultiMedia ID="{200 + number}" Type="Image" Format="JPEG">'
            f"<ofd:MediaFile>page{number}.jpg</ofd:MediaFile></ofd:MultiMedia>"
        )
        entries.append(f'<ofd:Page ID="{1000 + number}" BaseLoc="Pages/Page_{number}/Content.xml"/>')
        box = f"0 0 {width_mm:.3f} {height_mm:.3f}"
        members[f"Doc_0/Pages/Page_{number}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Area>'
            f"<ofd:PhysicalBox>{box}</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID=\"{300 + number}\">"
            f'<ofd:ImageObject ID="{400 + number}" ResourceID="{200 + number}" Boundary="{box}" '
            f'CTM="{width_mm:.3f} 0 0 {height_mm:.3f} 0 0"/></ofd:Layer></ofd:Content></ofd:Page>'
        ).encode()
    members["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    ).encode()
    members["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
        "<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
        "</ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>"
        f"<ofd:Pages>{''.join(entries)}</ofd:Pages></ofd:Document>"
    ).encode()
    members["Doc_0/DocumentRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res">'
        f"<ofd:MultiMedias>{''.join(medias)}</ofd:MultiMedias></ofd:Res>"
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()
