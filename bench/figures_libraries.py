"""Compare the figure grammar with jionlp and cn2an on the hand-made gold set.

What each library is for, measured where it applies:
- money values: `jionlp.parse_money` on every gold money span, beside the grammar on the same span;
- money in context: `jionlp.ner.extract_money` over every item, beside the extractor's 元 figures;
- times: `jionlp.parse_time` on every gold time expression with the issue date as base, beside
  `find_times`; and how many gold figures `jionlp.ner.extract_time` takes for times (1983 人次);
- Chinese numerals: `cn2an.transform` over every item (changes that are real counts versus words
  it mangles, 零售 → 0售), and `cn2an.cn2an` on the gold Chinese-numeral counts.

The project does not depend on either library. Install them into a scratch environment and put
its site-packages on the path, for example:

    python3.11 -m venv /tmp/libs && /tmp/libs/bin/pip install jionlp cn2an
    PYTHONPATH=/tmp/libs/lib/python3.11/site-packages .venv/bin/python bench/figures_libraries.py
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import sys
import time
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuaibao.core.figures import bulletin_figures, find_times  # noqa: E402
from kuaibao.core.figures.grammar import FOLD, scan  # noqa: E402
from kuaibao.core.model import Bulletin  # noqa: E402
from kuaibao.core.parse import parse_path  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "figures"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def gold_bulletins() -> list[tuple[Bulletin, list[dict[str, Any]]]]:
    pairs = [(CORPUS / f"{p.name.removesuffix('.gold.json')}.txt", p) for p in sorted(GOLD.glob("*.gold.json"))]
    pairs += [(p, p.with_name(f"{p.stem}.gold.json")) for p in sorted((GOLD / "heldout").glob("*.txt"))]
    return [(parse_path(text), json.loads(gold.read_text("utf-8"))["figures"]) for text, gold in pairs]


def per_call(run: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) / max(calls, 1) * 1e6


def grammar_value(span: str) -> Decimal | None:
    found = list(scan(span.translate(FOLD)))
    return found[0].value if found else None


def jionlp_value(jio: Any, span: str) -> Decimal | None:
    try:
        parsed = jio.parse_money(span)
    except Exception:
        return None
    number = parsed["num"]
    return Decimal(number[0] if isinstance(number, list) else number)


def money_spans(jio: Any | None, data: list[tuple[Bulletin, list[dict[str, Any]]]]) -> None:
    spans = [(g["text"], Decimal(g["value"])) for _, golds in data for g in golds if g["unit"] == "元"]
    print(f"\nMoney spans: {len(spans)} gold money figures (the span alone, value compared exactly)")
    rows: list[tuple[str, Callable[[str], Decimal | None]]] = [("grammar", grammar_value)]
    if jio is not None:
        rows.append(("jionlp.parse_money", lambda s: jionlp_value(jio, s)))
    for label, read in rows:
        wrong = [(s, read(s), v) for s, v in spans if read(s) != v]
        micro = per_call(lambda read=read: [read(s) for s, _ in spans], len(spans))  # type: ignore[misc]
        print(f"  {label:<22} {len(spans) - len(wrong):>3}/{len(spans)} exact, {micro:7.1f} µs/span")
        for span, got, want in wrong[:6]:
            print(f"      {span}: {got} != {want}")


def money_in_context(jio: Any | None, data: list[tuple[Bulletin, list[dict[str, Any]]]]) -> None:
    print("\nMoney in context: gold money figures found with the right value, and extra money spans")
    total = sum(1 for _, golds in data for g in golds if g["unit"] == "元")
    ours_hit = ours_extra = lib_hit = lib_extra = 0
    lib_seconds = 0.0
    for bulletin, golds in data:
        mine = [f for f in bulletin_figures(bulletin) if f.figure.unit == "元"]
        for index, item in enumerate(bulletin.items):
            for field, text in (("title", item.title), ("body", item.body)):
                want = [(g["text"], Decimal(g["value"])) for g in golds if (g["item"], g["field"]) == (index, field)]
                want = [w for w in want if any(w[0] == g["text"] and g["unit"] == "元" for g in golds)]
                got_mine = [(f.figure.text, f.figure.value) for f in mine if (f.item, f.field) == (index, field)]
                hits = sum(1 for w in want if any(w[0] in t and w[1] == v for t, v in got_mine))
                ours_hit, ours_extra = ours_hit + hits, ours_extra + len(got_mine) - hits
                if jio is None:
                    continue
                start = time.perf_counter()
                found = jio.ner.extract_money(text, with_parsing=True)
                lib_seconds += time.perf_counter() - start
                got_lib = [(m["text"], _lib_money(m["detail"])) for m in found]
                hits = sum(1 for w in want if any(w[0] in t and w[1] == v for t, v in got_lib))
                lib_hit, lib_extra = lib_hit + hits, lib_extra + len(got_lib) - hits
    print(f"  {'extractor (元 figures)':<26} {ours_hit:>3}/{total} found, {ours_extra} extra")
    if jio is not None:
        label = "jionlp.ner.extract_money"
        print(f"  {label:<26} {lib_hit:>3}/{total} found, {lib_extra} extra, {lib_seconds:.2f} s in all")


def _lib_money(detail: dict[str, Any]) -> Decimal:
    number = detail["num"]
    return Decimal(number[0] if isinstance(number, list) else number)


def times(jio: Any | None, data: list[tuple[Bulletin, list[dict[str, Any]]]]) -> None:
    cases = sorted(
        {
            (g["time"]["text"], b.date, g["time"]["from"], g["time"]["to"])
            for b, golds in data
            for g in golds
            if g["time"]
        }
    )
    print(f"\nTimes: {len(cases)} distinct gold time expressions, resolved against the issue date")

    def ours(text: str, issue: dt.date) -> tuple[str | None, str | None]:
        spans = find_times(text, issue)
        if not spans:
            return ("?", "?")
        ref = spans[0].ref
        return (ref.start.isoformat() if ref.start else None, ref.end.isoformat() if ref.end else None)

    rows: list[tuple[str, Callable[[str, dt.date], tuple[str | None, str | None]]]] = [("find_times", ours)]
    if jio is not None:
        rows.append(("jionlp.parse_time", lambda text, issue: _lib_time(jio, text, issue)))
    for label, read in rows:
        wrong = [(t, read(t, d), (f, to)) for t, d, f, to in cases if read(t, d) != (f, to)]
        micro = per_call(lambda read=read: [read(t, d) for t, d, _, _ in cases], len(cases))  # type: ignore[misc]
        print(f"  {label:<22} {len(cases) - len(wrong):>3}/{len(cases)} right, {micro:8.1f} µs/expression")
        for text, got, want in wrong:
            print(f"      {text}: {got} != {want}")
    if jio is None:
        return
    spans = [(g["text"], b.date) for b, golds in data for g in golds]
    as_time = [s for s, d in spans if jio.ner.extract_time(s, time_base=_base(d))]
    print(f"  jionlp.ner.extract_time takes {len(as_time)}/{len(spans)} gold figure spans for times: {as_time[:8]}")


def _base(issue: dt.date) -> float:
    return time.mktime(issue.timetuple())


def _lib_time(jio: Any, text: str, issue: dt.date) -> tuple[str | None, str | None]:
    """jionlp's span as (from, to) dates; its open end 'inf' is read as the issue date (截至目前)."""
    try:
        parsed = jio.parse_time(text, time_base=_base(issue))
    except Exception:
        return ("error", "error")
    first, last = parsed["time"][:2]
    to = issue.isoformat() if last == "inf" else last[:10]
    start = None if first == "-inf" else first[:10]
    if text.startswith(("截至", "截止")):
        start = None  # jionlp gives 截至 X the period of X; the gold leaves the start open
    return (start, to)


def chinese_numerals(cn2an: Any | None, data: list[tuple[Bulletin, list[dict[str, Any]]]]) -> None:
    if cn2an is None:
        print("\nChinese numerals: cn2an not installed")
        return
    counts = [g for _, golds in data for g in golds if not g["text"][0].isdigit() and g["text"][0] not in "约近超突"]
    right = 0
    for g in counts:
        numeral = g["text"].rstrip("个名家项户位座所条场次余多")
        try:
            right += Decimal(str(cn2an.cn2an(numeral, "smart"))) == Decimal(g["value"])
        except Exception as exc:
            print(f"  cn2an.cn2an({numeral!r}) failed: {exc}")
    print(f"\nChinese numerals: cn2an.cn2an right on {right}/{len(counts)} gold counts (the grammar: "
          f"{sum(grammar_value(g['text']) == Decimal(g['value']) for g in counts)}/{len(counts)})")  # fmt: skip
    texts = [t for b, _ in data for item in b.items for t in (item.title, item.body)]
    gold_spans = {g["text"] for g in counts}
    changed, mangled = 0, []
    start = time.perf_counter()
    outputs = [cn2an.transform(t, "cn2an") for t in texts]
    seconds = time.perf_counter() - start
    for before, after in zip(texts, outputs, strict=True):
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            changed += 1
            around = before[max(0, i1 - 1) : i2 + 2]
            if not any(span[:2] in around for span in gold_spans):
                mangled.append(f"{before[max(0, i1 - 2) : i2 + 2]}→{after[max(0, j1 - 2) : j2 + 2]}")
    chars = sum(map(len, texts))
    print(f"  cn2an.transform: {changed} changes in {len(texts)} titles and bodies, {len(mangled)} outside any "
          f"gold count, {chars / seconds / 1e6:.2f} M chars/s; e.g. {mangled[:8]}")  # fmt: skip


def main() -> None:
    warnings.simplefilter("ignore")
    jio: Any | None
    cn2an: Any | None
    try:
        import jionlp as jio
    except ImportError:
        jio = None
    try:
        import cn2an
    except ImportError:
        cn2an = None
    for name, lib in (("jionlp", jio), ("cn2an", cn2an)):
        print(f"{name}: {getattr(lib, '__version__', 'not installed')}")
    data = gold_bulletins()
    money_spans(jio, data)
    money_in_context(jio, data)
    times(jio, data)
    chinese_numerals(cn2an, data)


if __name__ == "__main__":
    main()
