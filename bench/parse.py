"""Benchmark the importer: bulletins/s and MB/s per format beside a read-and-decode baseline.

Also the formats of old archives: Word 97 (.doc, converted by the headless LibreOffice kept
alive per process; baseline: read the OLE directory), OFD (baseline: unzip and XML-parse the
pages), and scanned PDFs (an office scan at 300 dpi made by tests/scanner.py; baseline: decode
every page's JPEG). Targets on one core: OFD ≥ 50 pages/s, .doc ≥ 5 files/s, OCR ≥ 1 page/s.

Text: N bulletins (default 10,000) recombined from the corpus items, in the corpus's shapes
(plain text and Markdown, UTF-8 and GB18030), written to a temporary folder. DOCX and PDF: the
committed fixtures, each read many times. The baseline reads the same files and decodes them
(text: bytes to str; DOCX: unzip and XML-parse the document part; PDF: open and pull the raw
text of every page) in the same run, so the ratio says what structure recognition costs on
this machine today. Peak memory is sampled after a tenth of the files and at the end: flat
means the importer keeps nothing per file.

    .venv/bin/python bench/parse.py            # full run
    .venv/bin/python bench/parse.py --count 200 --repeat 5   # quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuaibao.core.model import Bulletin, Item  # noqa: E402
from kuaibao.core.parse import parse_path  # noqa: E402
from kuaibao.core.parse.decode import decode  # noqa: E402
from kuaibao.core.render.plain import render_markdown, render_text  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FORMATS = ROOT / "tests" / "fixtures" / "formats"


@dataclass
class Result:
    label: str
    files: int
    pages: int
    megabytes: float
    seconds: float
    cpu: float = 0.0  # CPU seconds of this process (not of LibreOffice's)

    def row(self, baseline: Result | None) -> str:
        per_s = self.files / self.seconds
        ratio = f"{self.seconds / baseline.seconds:6.1f}×" if baseline else "      -"
        pages = f"{self.pages / self.seconds:9.2f}" if self.pages else "        -"
        cpu_pages = f"{self.pages / max(self.cpu, 1e-9):9.2f}" if self.pages else "        -"
        cpu_files = f"{self.files / max(self.cpu, 1e-9):10.1f}"
        return (
            f"{self.label:<26}{self.files:>8}{per_s:>12.2f}{cpu_files}{pages}{cpu_pages}"
            f"{self.megabytes / self.seconds:>9.2f}{ratio:>10}"
        )


def corpus_items() -> list[Item]:
    items: list[Item] = []
    for path in sorted(CORPUS.glob("*.txt")):
        items.extend(parse_path(path).items)
    return items


def recombined(count: int, seed: int = 43) -> list[Bulletin]:
    rng = random.Random(seed)
    pool = corpus_items()
    sections = sorted({item.section for item in pool if item.section})
    template = parse_path(next(CORPUS.glob("*.txt")))
    out = []
    for n in range(count):
        chosen = rng.sample(pool, rng.randint(4, 10))
        sectioned = rng.random() < 0.7
        items = tuple(
            Item(it.title, it.paragraphs, it.units, rng.choice(sections) if sectioned else None) for it in chosen
        )
        if sectioned:
            items = tuple(sorted(items, key=lambda it: sections.index(it.section or "")))
        out.append(
            Bulletin(
                title=template.title,
                issue=n % 60 + 1,
                date=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3650)),
                publisher=template.publisher,
                items=items,
                distribution=template.distribution,
                staff=template.staff,
            )
        )
    return out


def write_text_files(folder: Path, count: int) -> list[Path]:
    paths = []
    for index, bulletin in enumerate(recombined(count)):
        markdown = index % 2 == 1
        text = render_markdown(bulletin) if markdown else render_text(bulletin)
        encoding = "gb18030" if index % 5 == 0 else "utf-8"
        path = folder / f"{index:05d}.{'md' if markdown else 'txt'}"
        path.write_bytes(text.encode(encoding))
        paths.append(path)
    return paths


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, paths: list[Path], work: Callable[[Path], int], memory: list[str] | None = None) -> Result:
    pages = 0
    size = 0
    checkpoint = max(1, len(paths) // 10)
    start, cpu = time.perf_counter(), time.process_time()
    for index, path in enumerate(paths, start=1):
        pages += work(path)
        size += path.stat().st_size
        if memory is not None and index == checkpoint:
            memory.append(f"{label}: peak RSS after {index} files {max_rss_mb():.0f} MB")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if memory is not None:
        memory.append(f"{label}: peak RSS after {len(paths)} files {max_rss_mb():.0f} MB")
    return Result(label, len(paths), pages, size / 1e6, seconds, cpu)


def read_decode_text(path: Path) -> int:
    decode(path.read_bytes())
    return 0


def read_unzip_docx(path: Path) -> int:
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        etree.fromstring(archive.read("word/document.xml"))
    return 0


def read_raw_pdf(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        for page in pdf:
            page.get_textpage().get_text_range()
        return len(pdf)
    finally:
        pdf.close()


def read_ole(path: Path) -> int:
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        ole.listdir()
    return 0


def read_unzip_ofd(path: Path) -> int:
    from lxml import etree

    pages = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                etree.fromstring(archive.read(name))
                pages += "/Pages/" in name
    return pages


def decode_scan(path: Path) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        for page in pdf:
            for obj in page.get_objects():
                if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    obj.get_bitmap().to_pil()  # the JPEG decoded
        return len(pdf)
    finally:
        pdf.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="text bulletins to generate")
    parser.add_argument("--repeat", type=int, default=100, help="times each DOCX/PDF/OFD fixture is read")
    parser.add_argument("--scans", type=int, default=2, help="scanned PDFs to recognise (5 pages each; 0: none)")
    parser.add_argument("--skip-office", action="store_true", help="leave out the .doc rows")
    args = parser.parse_args()

    memory: list[str] = []
    rows: list[tuple[Result, Result]] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_text_files(Path(tmp), args.count)
        base = timed("text: read+decode", paths, read_decode_text)
        rows.append((timed("text: parse", paths, lambda p: parse_path(p) and 0, memory), base))

    docx = sorted(FORMATS.glob("*.docx")) * args.repeat
    if docx:
        base = timed("docx: read+unzip+xml", docx, read_unzip_docx)
        rows.append((timed("docx: parse", docx, lambda p: parse_path(p) and 0, memory), base))
    pdf = sorted(FORMATS.glob("*.pdf")) * max(1, args.repeat // 4)
    if pdf:
        base = timed("pdf: read+raw text", pdf, read_raw_pdf)
        pages = base.pages
        parsed = timed("pdf: parse", pdf, lambda p: parse_path(p) and 0, memory)
        parsed.pages = pages
        rows.append((parsed, base))

    doc = sorted(FORMATS.glob("*.doc")) * max(1, args.repeat // 10)
    if doc and not args.skip_office:
        from kuaibao.core.parse import office

        parse_path(doc[0])  # LibreOffice starts once per process, before the clock
        base = timed("doc: read OLE directory", doc, read_ole)
        rows.append((timed("doc: parse (LibreOffice)", doc, lambda p: parse_path(p) and 0, memory), base))
        office.shutdown()
    ofd = sorted(FORMATS.glob("*.ofd")) * args.repeat
    if ofd:
        base = timed("ofd: read+unzip+xml", ofd, read_unzip_ofd)
        parsed = timed("ofd: parse", ofd, lambda p: parse_path(p) and 0, memory)
        parsed.pages = base.pages
        rows.append((parsed, base))
    if args.scans:
        from tests.scanner import OFFICE_300, scanned_pdf

        with tempfile.TemporaryDirectory() as tmp:
            scans = []
            for source in sorted(FORMATS.glob("*.pdf"))[: args.scans]:
                target = Path(tmp) / f"{source.stem}.scan.pdf"
                target.write_bytes(scanned_pdf(source.read_bytes(), OFFICE_300))
                scans.append(target)
            base = timed("scan: decode page images", scans, decode_scan)
            parsed = timed("scan: parse (OCR)", scans, lambda p: parse_path(p) and 0, memory)
            parsed.pages = base.pages
            rows.append((parsed, base))

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine load average while measuring: {load} (2 cores; wall-clock rates shrink with it)")
    print(f"{'':<26}{'files':>8}{'files/s':>12}{'cpu f/s':>10}{'pages/s':>9}{'cpu p/s':>9}{'MB/s':>9}{'× base':>10}")
    for result, baseline in rows:
        print(baseline.row(None))
        print(result.row(baseline))
    print()
    for line in memory:
        print(line)
    print("\ntargets on one core: text ≥ 1000 bulletins/s, DOCX ≥ 100/s, PDF ≥ 20 pages/s,")
    print(".doc ≥ 5 files/s, OFD ≥ 50 pages/s, OCR ≥ 1 page/s (pin with taskset -c 0 for one core;")
    print("cpu f/s and cpu p/s count this process's CPU time: LibreOffice's own time is not in the .doc row's)")


if __name__ == "__main__":
    main()
