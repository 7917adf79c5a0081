"""Benchmark text recognition of scans: pages/s on one core, character accuracy, structure.

The scans are made the way offices make them (tests/scanner.py) from real layouts: the PDFs
LibreOffice exported from the corpus bulletins (tests/fixtures/formats, both the official
layout and the one with office staff's Word habits) and from the world corpus's bulletins
(tests/fixtures/world/formats: other families, typed into Word without styles), at 300 dpi (clean, and with skew, blur,
noise, dust and JPEG) and at 200 dpi with noise and skew. Each page's recognised text is
compared with the PDF's own text layer (the truth: the characters the page shows), as
character accuracy = 1 - edit distance / truth length, whitespace removed. Every bulletin's
structure is compared with its gold file (tests/golden.py), field by field, with the units
of the gold as the office's unit directory (as an import passes it: names the recogniser cannot
write, 胙城乡, are put back from it).

Alternatives measured in the same run on the same pages: Tesseract 5 with chi_sim (Debian's
tesseract-ocr and tesseract-ocr-chi-sim, when installed), page segmentation mode 6, and
RapidOCR's own pipeline (DB text detection on every page, then the same recogniser), and our
pipeline with its previous settings (fields recognised in padded batches of 8 at full width:
0.2-0.3 pages per CPU-second before), the baseline of the speed-up.

    .venv/bin/python bench/ocr.py                  # all scans, all engines
    .venv/bin/python bench/ocr.py --pages 3 --no-alternatives   # a quick look
Pin it to one core for the per-core figure: taskset -c 0 .venv/bin/python bench/ocr.py
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from kuaibao.core.parse import ocr  # noqa: E402
from kuaibao.core.parse.structure import build_bulletin  # noqa: E402
from tests.golden import differences, load_gold  # noqa: E402
from tests.scanner import CLEAN_300, OFFICE_200, OFFICE_300, Scanner, scan_pages  # noqa: E402

FORMATS = ROOT / "tests" / "fixtures" / "formats"
WORLD = ROOT / "tests" / "fixtures" / "world"
SCANNERS = {"300 dpi clean": CLEAN_300, "300 dpi office": OFFICE_300, "200 dpi office": OFFICE_200}


def truth_pages(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return ["".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]
    finally:
        document.close()


def distance(a: str, b: str) -> int:
    """Levenshtein distance, row by row in numpy."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    previous = np.arange(len(b) + 1)
    codes = np.array([ord(c) for c in b])
    for i, char in enumerate(a, start=1):
        current = np.empty_like(previous)
        current[0] = i
        substitution = previous[:-1] + (codes != ord(char))
        current[1:] = np.minimum(previous[1:] + 1, substitution)
        for j in range(1, len(current)):  # insertions run along the row
            if current[j - 1] + 1 < current[j]:
                current[j] = current[j - 1] + 1
        previous = current
    return int(previous[-1])


@dataclass
class Tally:
    pages: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    errors: int = 0
    chars: int = 0
    exact: int = 0
    bulletins: int = 0
    fields: list[str] = field(default_factory=list)

    def add(self, truth: str, got: str) -> None:
        self.errors += distance(truth, got)
        self.chars += len(truth)

    def row(self, label: str) -> str:
        accuracy = 1 - self.errors / max(self.chars, 1)
        structure = f"{self.exact}/{self.bulletins}" if self.bulletins else "-"
        return (
            f"{label:<34}{self.pages:>6}{self.pages / self.seconds:>9.2f}{self.pages / max(self.cpu, 1e-9):>9.2f}"
            f"{100 * accuracy:>10.2f}%{structure:>11}"
        )


PREVIOUS = "kuaibao (previous settings)"


def ours(image: np.ndarray, dpi: int, *, previous: bool = False) -> tuple[str, ocr.OcrPage]:
    """Our pipeline; `previous`: as it ran before fields were narrowed and run one at a time
    (batches of 8 padded to the widest, full width), the baseline of the speed-up."""
    recogniser = ocr._recogniser()
    settings = (ocr._BATCH, recogniser.squash)
    if previous:
        ocr._BATCH, recogniser.squash = 8, 1.0
    try:
        page = ocr.recognise(image, dpi)
    finally:
        ocr._BATCH, recogniser.squash = settings
    return "".join(line.text for line in page.lines), page


def tesseract(image: np.ndarray, dpi: int) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "PNG", dpi=(dpi, dpi))
    out = subprocess.run(  # noqa: S603 - a fixed program and our own arguments
        ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6", "--dpi", str(dpi)],  # noqa: S607
        input=buffer.getvalue(),
        capture_output=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    ).stdout.decode("utf-8", "replace")
    return "".join(out.split())


def rapidocr_pipeline(image: np.ndarray, engine: object) -> str:
    result, _ = engine(image)  # type: ignore[operator]
    return "".join("".join(text.split()) for _, text, _ in result or [])


def measure(scanner: Scanner, pdfs: list[Path], engines: list[str], max_pages: int | None) -> dict[str, Tally]:
    tallies = {name: Tally() for name in engines}
    rapid = None
    if "rapidocr (DB detection)" in engines:
        from rapidocr_onnxruntime import RapidOCR

        rapid = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    for pdf_path in pdfs:
        pdf = pdf_path.read_bytes()
        truths = truth_pages(pdf)
        images = [np.asarray(page.convert("RGB")) for page in scan_pages(pdf, scanner)]
        if max_pages:
            images, truths = images[:max_pages], truths[:max_pages]
        pages = []
        for engine in engines:
            tally = tallies[engine]
            for number, (image, truth) in enumerate(zip(images, truths, strict=True), start=1):
                wall, cpu = time.perf_counter(), time.process_time()
                if engine == "kuaibao (ours)":
                    text, page = ours(image, scanner.dpi)
                    pages.append(ocr.page_text(page, number)[0])
                elif engine == PREVIOUS:
                    text, _ = ours(image, scanner.dpi, previous=True)
                elif engine == "tesseract chi_sim":
                    text = tesseract(image, scanner.dpi)
                else:
                    text = rapidocr_pipeline(image, rapid)
                tally.seconds += time.perf_counter() - wall
                tally.cpu += time.process_time() - cpu
                if engine == "tesseract chi_sim":  # its time is spent in a child process
                    tally.cpu = tally.seconds
                tally.pages += 1
                tally.add(truth, text)
        if pages and not max_pages:
            from kuaibao.core.parse.pdf import layout

            reading = layout(pages)
            name = pdf_path.name.split(".")[0]
            world = WORLD / f"{name}.gold.json"
            gold = json.loads(world.read_text("utf-8")) if world.exists() else load_gold(name)
            # the office's unit directory, as an import passes it (puts back 胙城乡)
            ocr.restore_names(reading, [unit for item in gold["items"] for unit in item["units"]])
            bulletin = build_bulletin(reading, source_name=pdf_path.name, sha256="")
            diffs = differences(bulletin, gold)
            tallies["kuaibao (ours)"].bulletins += 1
            tallies["kuaibao (ours)"].exact += not diffs
            tallies["kuaibao (ours)"].fields.extend(f"{pdf_path.name}: {d[:160]}" for d in diffs)
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=None, help="pages per PDF (default: all; structure needs all)")
    parser.add_argument("--no-alternatives", action="store_true", help="only our pipeline (and its previous settings)")
    parser.add_argument("--no-previous", action="store_true", help="without our pipeline's previous settings")
    parser.add_argument("--only", nargs="*", default=None, help="PDF names to scan (default: all)")
    parser.add_argument("--scans", nargs="*", default=list(SCANNERS), help="which scans: " + ", ".join(SCANNERS))
    args = parser.parse_args()
    pdfs = sorted(FORMATS.glob("*.pdf")) + sorted((WORLD / "formats").glob("*.pdf"))
    if args.only:
        pdfs = [p for p in pdfs if p.stem in args.only or p.name in args.only]
    engines = ["kuaibao (ours)"]
    if not args.no_previous:
        engines.append(PREVIOUS)
    if not args.no_alternatives:
        if shutil.which("tesseract"):
            engines.append("tesseract chi_sim")
        else:
            print("tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim): not compared")
        engines.append("rapidocr (DB detection)")
    ocr._recogniser()  # load the model before timing
    print(f"{'':<34}{'pages':>6}{'pages/s':>9}{'cpu p/s':>9}{'char acc':>11}{'structure':>11}")
    for label in args.scans:
        tallies = measure(SCANNERS[label], pdfs, engines, args.pages)
        for engine, tally in tallies.items():
            print(tally.row(f"{label}: {engine}"))
        for line in tallies["kuaibao (ours)"].fields:
            print(f"    structure differs: {line}")
    print("\ntargets: ≥ 99.5 % characters at 300 dpi, ≥ 98 % at 200 dpi with noise, structure exact at 300 dpi,")
    print("≥ 1 page/s on one core (cpu p/s is pages per CPU-second of this process)")


if __name__ == "__main__":
    main()
