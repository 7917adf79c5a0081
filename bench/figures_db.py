"""Benchmark figure indexing over the archive in the database: figures/s of the path
`kuaibao figures-index` runs (read items in batches, extract with the core, store rows),
beside a baseline measured in the same run: reading the same item texts from the database
in the same batches without extracting anything.

The archive is built in a temporary SQLite database by bench/search.py (`Archive.bulk_load`:
corpus items recombined with varied numbers, units and dates; the same tables and search
index as an import). Passes, in order:
- baseline: read every item (id, title, body, date, units) in batches of --batch, keyset by id;
- extract: read and extract, storing nothing, on the first --sample items (the core's share);
- index: `refresh_figures` on every item, batch by batch, one transaction each (the real path);
- again: the same on the first --sample items, which replaces their rows with equal ones;
- explorer: the figures explorer's queries for 交易额 over the whole archive, twice.

    .venv/bin/python bench/figures_db.py                  # the target: 1,000,000 items (long)
    .venv/bin/python bench/figures_db.py --items 20000    # quick look
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _search_bench() -> Any:
    """bench/search.py as a module (bench/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def read_all(batch: int, limit: int | None = None) -> tuple[int, int]:
    """The baseline: the same reads as the index pass, no extraction. (items, characters)"""
    from kuaibao.stats.figures import batches

    items = chars = 0
    for chunk in batches(rebuild=True, size=batch):
        for item in chunk:
            chars += len(item.title) + len(item.body) + len(item.units_as_written or ())
        items += len(chunk)
        if limit is not None and items >= limit:
            break
    return items, chars


def extract_only(batch: int, limit: int) -> tuple[int, int]:
    from kuaibao.stats.figures import batches, extract_item

    items = found = 0
    for chunk in batches(rebuild=True, size=batch):
        found += sum(len(extract_item(item)) for item in chunk)
        items += len(chunk)
        if items >= limit:
            break
    return items, found


def index(batch: int, limit: int | None = None, progress_every: int = 100_000) -> tuple[int, int]:
    from kuaibao.stats.figures import batches, refresh_figures

    items = found = 0
    start = time.perf_counter()
    for chunk in batches(rebuild=True, size=batch):
        found += refresh_figures(chunk)
        items += len(chunk)
        if progress_every and items % progress_every < batch:
            rate = found / (time.perf_counter() - start)
            print(f"  … {items:,} items, {found:,} figures, {rate:,.0f} figures/s", file=sys.stderr, flush=True)
        if limit is not None and items >= limit:
            break
    return items, found


def explorer_queries() -> list[tuple[str, float, str]]:
    from kuaibao.stats import explorer
    from kuaibao.stats.figures import index_state

    flt = explorer.FigureFilter(metric="交易额")
    rows = []
    seconds, found = timed(lambda: explorer.measures(flt))
    rows.append(("measures (交易额)", seconds, f"{found[:3]}"))
    measured = explorer.FigureFilter(metric="交易额", measure=found[0][0] if found else None)
    seconds, points = timed(lambda: explorer.series(measured))
    rows.append(("series by month", seconds, f"{len(points)} months"))
    seconds, units = timed(lambda: explorer.per_unit(measured))
    rows.append(("per unit", seconds, f"{len(units)} units"))
    seconds, latest = timed(lambda: explorer.latest(measured))
    rows.append(("latest 100", seconds, f"{len(latest)} figures"))
    seconds, state = timed(index_state)
    rows.append(("index state (two counts)", seconds, f"{state.indexed:,} of {state.items:,} indexed"))
    return rows


def run(args: argparse.Namespace) -> None:
    search_bench = _search_bench()
    rng = random.Random(search_bench.SEED)
    with tempfile.TemporaryDirectory() as tmp:
        archive = search_bench.Archive(Path(tmp), None)
        load_seconds = archive.bulk_load(args.items, rng)
        print(f"archive: {args.items:,} items bulk-loaded into SQLite in {load_seconds:.0f} s")
        from kuaibao.stats.models import ItemFigure

        sample = min(args.sample, args.items)
        base_s, (base_items, chars) = timed(lambda: read_all(args.batch))
        ext_s, (ext_items, ext_found) = timed(lambda: extract_only(args.batch, sample))
        idx_s, (idx_items, idx_found) = timed(lambda: index(args.batch))
        again_s, (again_items, again_found) = timed(lambda: index(args.batch, sample, progress_every=0))
        stored = ItemFigure.objects.count()
        print(f"{idx_found:,} figures stored for {idx_items:,} items ({idx_found / idx_items:.2f} per item); "
              f"table rows: {stored:,}; {chars / base_items:.0f} characters per item")  # fmt: skip
        print()
        print(f"{'pass':<36}{'items':>11}{'figures':>12}{'seconds':>9}{'items/s':>10}{'figures/s':>11}")

        def line(label: str, items: int, found: int | None, seconds: float) -> None:
            figures = f"{found:>12,}" if found is not None else f"{'—':>12}"
            rate = f"{found / seconds:>11,.0f}" if found is not None else f"{'—':>11}"
            print(f"{label:<36}{items:>11,}{figures}{seconds:>9.1f}{items / seconds:>10,.0f}{rate}")

        line("baseline: read items, no extraction", base_items, None, base_s)
        line(f"extract only (first {ext_items:,})", ext_items, ext_found, ext_s)
        line("index: refresh_figures (all)", idx_items, idx_found, idx_s)
        line(f"index again (first {again_items:,})", again_items, again_found, again_s)
        per_item = {"read": base_s / base_items, "extract": ext_s / ext_items, "index": idx_s / idx_items}
        reading = per_item["read"] / per_item["index"]
        extracting = (per_item["extract"] - per_item["read"]) / per_item["index"]
        print(f"\nindex pass: {idx_s / base_s:.1f}× the baseline read; of its time ≈ {reading:.0%} reading, "
              f"{extracting:.0%} extracting, {1 - reading - extracting:.0%} storing")  # fmt: skip
        assert stored == idx_found, "refreshing again must not add rows"
        print("\nexplorer over the whole archive (first run, then again with warm caches):")
        first, again = explorer_queries(), explorer_queries()
        for (label, seconds, note), (_, warm, _) in zip(first, again, strict=True):
            print(f"  {label:<28}{seconds * 1000:>9.0f} ms{warm * 1000:>9.0f} ms   {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=1000, help="items per batch and transaction (the CLI's default)")
    parser.add_argument("--sample", type=int, default=50_000, help="items for the extract-only and again passes")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
