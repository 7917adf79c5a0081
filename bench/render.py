"""Benchmark the renderers: milliseconds per issue for DOCX, PDF, OFD and HTML beside baselines.

Issues: the three corpus gold files (5 pages each as PDF) and a long issue of 17 pages (the one
the round-trip tests use). Each renderer runs once to warm up, then `--repeat` times; the median
CPU time per issue is printed, then for DOCX and PDF the median and the worst of those per-issue
times, the long issue apart, and whether the budget is met. Baselines, measured in the same run
on the same issues: the plain-text renderer (what building the page costs with no layout at all),
python-docx writing an empty document (what a DOCX cost by the plain python-docx route) and
WeasyPrint as shipped laying out the same HTML page (what a PDF cost before issue #5: the
stylesheet parsed every time, two-pass font subsetting; measured before `render_pdf` first runs,
as that replaces the subsetting for the whole process). The process is pinned to one core. Cold
starts are printed apart: the first DOCX (python-docx builds the package skeleton every issue
shares, once per process) and the first PDF (importing WeasyPrint, loading fonts; the first
`render_pdf` then parses its stylesheets). Budgets from the issues: DOCX ≤ 100 ms and PDF ≤ 1 s
an issue (#5), OFD ≤ 300 ms for the 17-page issue (#17), printed beside the PDF of the same
issue. The OFD's own layout (kuaibao.core.render.pages) is timed apart, and so is easyofd's
PDF→OFD conversion when easyofd is installed (it is not a project dependency: it pulls PyMuPDF).

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
from kuaibao.core.render.ofd import render_ofd  # noqa: E402
from kuaibao.core.render.pages import layout_pages  # noqa: E402
from kuaibao.core.render.plain import render_text  # noqa: E402
from tests.core.test_render_round_trip import long_issue  # noqa: E402
from tests.golden import CORPUS_NAMES, load_gold  # noqa: E402

BUDGETS_MS = {"docx": 100.0, "pdf": 1000.0, "ofd": 300.0}
EMPTY_DOCX = "empty docx (baseline)"
TEXT = "text (baseline)"
STOCK_PDF = "weasyprint (baseline)"
OFD_LAYOUT = "ofd layout only"
BASELINES = {"docx": EMPTY_DOCX, "pdf": STOCK_PDF, "ofd": "pdf"}
LONG = "long"


def empty_docx(_: Bulletin) -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


class StockWeasyPrint:
    """WeasyPrint as shipped, on the page `render_html` writes: how PDFs were made before #5."""

    def __init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.font_config = FontConfiguration()

    def __call__(self, bulletin: Bulletin) -> bytes:
        from weasyprint import HTML

        document = HTML(string=render_html(bulletin), media_type="print").render(font_config=self.font_config)
        data: bytes = document.write_pdf()
        return data


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
    """Which font subsetter the PDFs get: HarfBuzz (fast) or WeasyPrint's fontTools fallback."""
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import harfbuzz

    from kuaibao.core.render import pdf

    if not (fonts.harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0)):
        return "fontTools — slow: install libharfbuzz-subset0"
    if fonts.Font._harfbuzz_subset is pdf._subset_in_one_pass:
        return "HarfBuzz (libharfbuzz-subset), one pass; the baseline: WeasyPrint's two passes"
    return "HarfBuzz (libharfbuzz-subset), WeasyPrint's two passes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    issues = [(name[:3], from_dict(load_gold(name))) for name in CORPUS_NAMES] + [(LONG, long_issue())]
    cold_docx = cold_ms(render_docx, issues[0][1])
    stock_pdf = StockWeasyPrint()
    cold_pdf = cold_ms(stock_pdf, issues[0][1])
    # Before `render_pdf` runs: it changes WeasyPrint's font subsetting for the process.
    stock_times = {label: timed(stock_pdf, bulletin, args.repeat) for label, bulletin in issues}
    from kuaibao.core.render.pdf import render_pdf

    cold_render_pdf = cold_ms(render_pdf, issues[0][1])
    renderers: list[tuple[str, Callable[[Bulletin], object]]] = [
        (TEXT, render_text),
        (EMPTY_DOCX, empty_docx),
        ("html", render_html),
        ("docx", render_docx),
        (STOCK_PDF, stock_pdf),
        ("pdf", render_pdf),
        (OFD_LAYOUT, layout_pages),
        ("ofd", render_ofd),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"one core; CPU ms, median of {args.repeat} after a warm-up call; load average {load:.1f}")
    print(f"font subsetting: {subsetter()}")
    print(f"{'issue':<6}{'pages':>6}  " + "".join(f"{label:>23}" for label, _ in renderers))
    times: dict[str, dict[str, float]] = {name: {} for name, _ in renderers}
    for label, bulletin in issues:
        pages = pdf_pages(render_pdf(bulletin))
        cells = []
        for name, render in renderers:
            if name == STOCK_PDF:
                times[name][label] = stock_times[label]
            else:
                times[name][label] = timed(render, bulletin, args.repeat)
            cells.append(f"{times[name][label]:>20.1f} ms")
        print(f"{label:<6}{pages:>6}  " + "".join(cells))
    print()
    print(f"cold start, wall ms: first DOCX {cold_docx:.0f} (builds the shared package skeleton), ", end="")
    print(f"first PDF {cold_pdf:.0f} (imports WeasyPrint, loads fonts), first render_pdf {cold_render_pdf:.0f}")
    print(f"per issue over all {len(issues)} issues, CPU ms, median / worst; {LONG} = the 17-page issue:")
    for name in (TEXT, EMPTY_DOCX, "docx", STOCK_PDF, "pdf", OFD_LAYOUT, "ofd"):
        print(f"  {name:<22}{summary(times[name])}")
    easyofd_line(issues, args.repeat, times)
    for name, budget in BUDGETS_MS.items():
        if name == "ofd":
            long_ms = times[name][LONG]
            verdict = "MET" if long_ms <= budget else "NOT MET"
            print(
                f"ofd target ≤ {budget:.0f} ms for the 17-page issue: {verdict} ({LONG} {long_ms:.1f} ms, "
                f"worst {max(times[name].values()):.1f} ms; this run's pdf: {LONG} {times['pdf'][LONG]:.1f} ms)"
            )
            continue
        worst = max(times[name].values())
        verdict = "MET" if worst <= budget else "NOT MET"
        baseline = BASELINES[name]
        baseline_ms = statistics.median(times[baseline].values())
        print(
            f"{name} target ≤ {budget:.0f} ms per issue: {verdict} (worst {worst:.1f} ms, {LONG} "
            f"{times[name][LONG]:.1f} ms; this run's {baseline}: median {baseline_ms:.1f} ms)"
        )


def easyofd_line(issues: list[tuple[str, Bulletin]], repeat: int, times: dict[str, dict[str, float]]) -> None:
    """easyofd's PDF→OFD conversion of our PDF, CPU ms per issue, when easyofd is installed."""
    try:
        from easyofd.ofd import OFD
    except ImportError:
        print("easyofd (PDF→OFD): not installed here (pip install easyofd in a separate environment: it pulls PyMuPDF)")
        return
    import tempfile

    from kuaibao.core.render.pdf import render_pdf

    per_issue = {}
    for label, bulletin in issues:
        pdf = render_pdf(bulletin)
        with tempfile.TemporaryDirectory() as folder:
            here = os.getcwd()
            os.chdir(folder)  # easyofd writes a folder "test" into the working directory
            try:
                per_issue[label] = timed(lambda _, pdf=pdf: OFD().pdf2ofd(pdf, optional_text=True), bulletin, repeat)
            finally:
                os.chdir(here)
    print(
        f"easyofd PDF→OFD (after the PDF): {LONG} {per_issue[LONG]:.1f} ms + pdf {times['pdf'][LONG]:.1f} ms; "
        f"ours {times['ofd'][LONG]:.1f} ms"
    )


def cold_ms(render: Callable[[Bulletin], object], bulletin: Bulletin) -> float:
    start = time.perf_counter()
    render(bulletin)
    return (time.perf_counter() - start) * 1000


def summary(per_issue: dict[str, float]) -> str:
    short = [ms for label, ms in per_issue.items() if label != LONG]
    return (
        f"{statistics.median(per_issue.values()):7.1f} / {max(per_issue.values()):7.1f}"
        f"   corpus issues {statistics.median(short):7.1f} / {max(short):7.1f}   {LONG} {per_issue[LONG]:7.1f}"
    )


if __name__ == "__main__":
    main()
