"""Compare PDF text extractors on the same bulletins: speed and whether the text comes through.

Each extractor yields, for every page, the characters with the positions the reader needs
(box, baseline, size, font); the same layout stage (`kuaibao.core.parse.pdf.layout`) then
rebuilds paragraphs from each, so the correctness check compares like with like.

    .venv/bin/python bench/pdf_extractors.py [--rounds N] [PDF ...]

Without arguments it reads tests/fixtures/formats/*.pdf (the official fixtures, made by
scripts/make_fixtures.py). For each PDF whose name starts with a corpus name, each item's title
and body and the distribution list of tests/fixtures/corpus/NAME.gold.json (whitespace removed)
must be found in the text, and should be found inside one block.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuaibao.core.parse import pdf as reader  # noqa: E402
from kuaibao.core.parse.pdf import Glyph, PageText  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
_BOLD = re.compile(r"bold|heavy|black|黑", re.IGNORECASE)
_SPACE = re.compile(r"\s+|\u3000")

Extractor = Callable[[bytes], list[PageText]]


def with_pypdfium2(data: bytes) -> list[PageText]:
    with reader._PDFIUM_LOCK:
        return reader.extract_pages(data)


def _rules(lines: list[dict[str, Any]], height: float, width: float) -> list[float]:
    return sorted(
        height - (obj["y0"] + obj["y1"]) / 2
        for obj in lines
        if obj["y1"] - obj["y0"] <= 4 and obj["x1"] - obj["x0"] >= 0.4 * width
    )


def with_pdfplumber(data: bytes) -> list[PageText]:
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            height = float(page.height)
            glyphs = [
                Glyph(
                    c["text"],
                    float(c["x0"]),
                    float(c["x1"]),
                    height - float(c["matrix"][5]),
                    float(c["size"]),
                    c["fontname"],
                    bool(_BOLD.search(c["fontname"])),
                )
                for c in page.chars
                if c.get("upright", True)
            ]
            rules = _rules(page.lines + page.rects, height, float(page.width))
            pages.append(PageText(number, float(page.width), height, glyphs, rules))
    return pages


def with_pdfminer(data: bytes) -> list[PageText]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTCurve
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    manager = PDFResourceManager()
    # laparams=None: no layout analysis, only characters; the reader groups lines itself.
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
        interpreter.process_page(page)
        layout = device.get_result()
        height, width = float(layout.height), float(layout.width)
        glyphs: list[Glyph] = []
        curves: list[dict[str, Any]] = []
        for obj in layout:
            if isinstance(obj, LTChar) and obj.upright:
                font = obj.fontname
                glyphs.append(
                    Glyph(
                        obj.get_text(), obj.x0, obj.x1, height - obj.matrix[5], obj.size, font, bool(_BOLD.search(font))
                    )
                )
            elif isinstance(obj, LTCurve):
                curves.append({"x0": obj.x0, "x1": obj.x1, "y0": obj.y0, "y1": obj.y1})
        pages.append(PageText(number, width, height, glyphs, _rules(curves, height, width)))
    return pages


EXTRACTORS: dict[str, Extractor] = {
    "pypdfium2": with_pypdfium2,
    "pdfplumber": with_pdfplumber,
    "pdfminer.six": with_pdfminer,
}


def gold_pieces(pdf: Path) -> list[str] | None:
    """What must come through, from the gold file of the corpus bulletin the PDF was made from:
    each item's title and body, and the distribution list (whitespace removed)."""
    for gold in sorted(CORPUS.glob("*.gold.json")):
        if pdf.stem.startswith(gold.name.removesuffix(".gold.json")):
            data = json.loads(gold.read_text("utf-8"))
            pieces = [piece for item in data["items"] for piece in (item["title"], item["body"])]
            return [_SPACE.sub("", piece) for piece in [*pieces, data["distribution"]] if piece]
    return None


def check(pages: list[PageText], pieces: list[str]) -> tuple[int, int]:
    """Pieces found in the whole text, and inside a single block."""
    blocks = [_SPACE.sub("", b.text) for b in reader.layout(pages).blocks]
    whole = "".join(blocks)
    in_text = sum(1 for p in pieces if p in whole)
    in_block = sum(1 for p in pieces if any(p in b for b in blocks))
    return in_text, in_block


def best_time(func: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3, help="runs per extractor; the best counts")
    args = parser.parse_args()
    paths = args.pdfs or sorted(FORMATS.glob("*.pdf"))
    if not paths:
        sys.exit(f"no PDFs: pass some, or make the fixtures in {FORMATS}")
    files = [(path, path.read_bytes()) for path in paths]
    total_pages = sum(len(with_pypdfium2(data)) for _, data in files)
    print(f"{len(files)} PDFs, {total_pages} pages, best of {args.rounds} runs, one core\n")

    results = {}
    for name, extract in EXTRACTORS.items():
        extract_s = best_time(lambda e=extract: [e(data) for _, data in files], args.rounds)
        read_s = best_time(lambda e=extract: [reader.layout(e(data)) for _, data in files], args.rounds)
        found_text = found_block = wanted = 0
        for path, data in files:
            pieces = gold_pieces(path)
            if pieces is None:
                continue
            in_text, in_block = check(extract(data), pieces)
            found_text, found_block, wanted = found_text + in_text, found_block + in_block, wanted + len(pieces)
        results[name] = (total_pages / extract_s, total_pages / read_s, found_text, found_block, wanted)

    fastest = max(r[0] for r in results.values())
    header = f"{'extractor':<14}{'extract p/s':>12}{'vs fastest':>11}{'extract+layout p/s':>20}"
    print(header + f"{'gold pieces in text':>21}{'in one block':>14}")
    for name, (extract_rate, read_rate, in_text, in_block, wanted) in results.items():
        print(
            f"{name:<14}{extract_rate:>12.1f}{extract_rate / fastest:>10.2f}x{read_rate:>20.1f}"
            f"{f'{in_text}/{wanted}':>21}{f'{in_block}/{wanted}':>14}"
        )
    elapsed = best_time(lambda: [reader.read_pdf(data) for _, data in files], args.rounds)
    print(f"\nread_pdf (pypdfium2 + layout, the reader as used): {total_pages / elapsed:.1f} pages/s")


if __name__ == "__main__":
    main()
