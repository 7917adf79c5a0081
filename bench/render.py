"""Benchmark the renderers: milliseconds per issue for DOCX, PDF and HTML beside baselines.

Issues: the three corpus gold files (2–5 pages each) and a long issue of ~15 pages (the one the
round-trip tests use). Each renderer runs once to warm up, then
`--repeat` times; the median CPU time is printed. Baselines, measured in the same run on the same
issues: the plain-text renderer (what building the page costs with no layout at all) and
python-docx writing an empty document (the floor of any DOCX). The process is pinned to one
core. The cold start of the PDF renderer (importing WeasyPrint, loading fonts) is printed
apart. Budgets from the issue: DOCX ≤ 100 ms and PDF ≤ 1 s an issue.

    .venv/bin/python bench/render.py              # full run
    .venv/bin/python bench/render.py --repeat 3   # quick look
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuaibao.core.model import Bulletin  # noqa: E402
from kuaibao.core.render.docx import render_docx  # noqa: E402
from kuaibao.core.render.html import render_html  # noqa: E402
from kuaibao.core.render.json import from_dict  # noqa: E402
from kuaibao.core.render.plain import render_text  # noqa: E402
from tests.core.test_render_round_trip import long_issue  # noqa: E402
from tests.golden import CORPUS_NAMES, load_gold  # noqa: E402

BUDGETS_MS = {"docx": 100.0, "pdf": 1000.0}


def empty_docx(_: Bulletin) -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def timed(render: Callable[[Bulletin], object], bulletin: Bulletin, repeat: int) -> float:
    """The median CPU time of `repeat` calls after a warm-up call, in milliseconds.

    CPU time of this process, not wall time: on a shared machine the wall clock also counts
    the time other processes held the core."""
    render(bulletin)
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        render(bulletin)
        runs.append((time.process_time() - start) * 1000)
    return statistics.median(runs)


def pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def subsetter() -> str:
    """Which font subsetter WeasyPrint will use: HarfBuzz (fast) or its fontTools fallback."""
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import harfbuzz

    fast = fonts.harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0)
    return "HarfBuzz (libharfbuzz-subset)" if fast else "fontTools — slow: install libharfbuzz-subset0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    issues = [(name[:3], from_dict(load_gold(name))) for name in CORPUS_NAMES] + [("long", long_issue())]
    start = time.perf_counter()
    from kuaibao.core.render.pdf import render_pdf

    render_pdf(issues[0][1])
    cold = (time.perf_counter() - start) * 1000
    renderers: list[tuple[str, Callable[[Bulletin], object]]] = [
        ("text (baseline)", render_text),
        ("empty docx (baseline)", empty_docx),
        ("html", render_html),
        ("docx", render_docx),
        ("pdf", render_pdf),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"one core; CPU ms, median of {args.repeat} after a warm-up call; load average {load:.1f}")
    print(f"font subsetting: {subsetter()}")
    print(f"{'issue':<6}{'pages':>6}  " + "".join(f"{label:>23}" for label, _ in renderers))
    worst: dict[str, float] = {}
    for label, bulletin in issues:
        pages = pdf_pages(render_pdf(bulletin))
        cells = []
        for name, render in renderers:
            median = timed(render, bulletin, args.repeat)
            worst[name] = max(worst.get(name, 0.0), median)
            cells.append(f"{median:>20.1f} ms")
        print(f"{label:<6}{pages:>6}  " + "".join(cells))
    print()
    print(f"cold PDF (import WeasyPrint, load fonts, render the first issue): {cold:.0f} ms")
    for name, budget in BUDGETS_MS.items():
        verdict = "within" if worst[name] <= budget else "OVER"
        print(f"{name}: slowest issue {worst[name]:.1f} ms, budget {budget:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
