"""Benchmark the archive's search at scale: SQLite bitmaps (and PostgreSQL) beside a LIKE scan and
tantivy, on the same documents and queries, in the same run.

The archive is built from the corpus: items recombined with varied numbers, units and dates.
- A first part goes through the real import action (`import_bytes`): that gives import items/s.
- The rest is bulk-loaded into the same tables (the import action would take an hour for
  1,000,000 items on these machines; the bulk path is how a migration from an old system would
  load them), then indexed by the reindex path (`search.rebuild_index`).
Before the timed queries, other queries of each class are run untimed (--warm-up), as a server
has answered queries before; LIKE scans run on a connection of their own.
Queries are substrings of the archive's own text: 1, 2, 3 and 4+ characters, two-term
queries, and the same with filters (a unit; a date range). For each class the script prints
p50/p95 latency of a top-20 page with its total, beside a LIKE scan (on a sample of the
queries) and tantivy (pre-split into the same tokens), and checks recall against the LIKE scan.
Each query is timed twice: its first run reads its bitmaps from the database (from the disk, on
machines whose kernel evicts file pages unused for half a minute, as these do), the second finds
them in memory. The × LIKE columns divide the LIKE scan's p50 (its scans of the same rows are
mostly served from memory too) by each.

    .venv/bin/python bench/search.py --items 1000000            # the target run (SQLite)
    .venv/bin/python bench/search.py --items 100000 --postgres "$(scripts/postgres)"

The corpus is bench/corpus_realistic.py's (--corpus realistic, the default): queries by band of
the share of items that contain them (common, middle, rare), 1 to 6 characters, two terms and
misses. --corpus recombined is the earlier corpus (the real bulletins' sentences recombined).
Recall is checked for every query by id sets, for the engine and tantivy, against a brute-force
substring search over every item held in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 1_000_000
UNITS = [
    "县商务局", "东屯镇", "潭龙街道", "县财政局", "县科工局", "胙城乡", "县融媒体中心", "司寨乡",
    "县供销社", "王楼镇", "县医保局", "县人社局", "榆林乡", "丰庄镇", "县发改委", "县乡村振兴局",
]  # fmt: skip
UNIT_NAMES = list(UNITS)  # the units items are credited to (the realistic corpus has its own)
FILTERS = ("none", "unit", "dates")
SECTIONS = ["项目建设", "民生保障", "优化营商环境", "扩大消费", "麦田管理", "社会稳定", "环境整治"]


def corpus_items() -> list[tuple[str, str]]:
    from kuaibao.core.parse import parse_path

    items = []
    for path in sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")):
        items.extend((item.title, item.body) for item in parse_path(path).items)
    return items


def sentences(items: list[tuple[str, str]]) -> list[str]:
    out = []
    for _, body in items:
        out.extend(s + "。" for s in body.split("。") if s)
    return out


def vary(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 99999)), text)


_REALISTIC: Any = None  # the realistic generator, when --corpus realistic


def use_realistic(seed: int) -> list[str]:
    """Generate from bench/corpus_realistic.py from now on; returns its unit names."""
    global _REALISTIC
    from bench.corpus_realistic import Generator

    _REALISTIC = Generator(seed)
    return [unit.name for unit in _REALISTIC.units]


def generate(count: int, rng: random.Random) -> Iterator[tuple[str, str, str, str, dt.date]]:
    """(title, body, unit, section, date) for `count` items."""
    if _REALISTIC is not None:
        for title, body, unit, date in _REALISTIC.items(count):
            yield title, body, unit, rng.choice(SECTIONS), date
        return
    items = corpus_items()
    pool = sentences(items)
    start = dt.date(2010, 1, 1)
    for _ in range(count):
        title, _ = rng.choice(items)
        body = "".join(vary(rng.choice(pool), rng) for _ in range(rng.randint(2, 5)))
        yield (
            vary(title, rng),
            body,
            rng.choice(UNITS),
            rng.choice(SECTIONS),
            start + dt.timedelta(days=rng.randint(0, 5000)),
        )


def written_bytes() -> int:
    """Bytes this process has caused to be written to storage (/proc/self/io write_bytes): on
    SQLite that is every write of the import, the database being in this process."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


class Archive:
    """The Django archive in a fresh data directory (SQLite) or a PostgreSQL database."""

    def __init__(self, data_dir: Path, database_url: str | None, *, reuse: bool = False) -> None:
        os.environ["KUAIBAO_DATA_DIR"] = str(data_dir)
        if database_url:
            os.environ["DATABASE_URL"] = database_url
        else:
            os.environ.pop("DATABASE_URL", None)
        from kuaibao.cli.web import setup_django

        setup_django(migrate=False)
        from django.core.management import call_command
        from django.db import connection

        if connection.vendor == "postgresql" and not reuse:
            call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        self.connection = connection
        self.vendor = connection.vendor
        # LIKE scans read the whole item table: on SQLite they get their own connection, so that
        # they do not empty the page cache of the connection the engine answers on (a server
        # runs no such scans).
        self.scanner = sqlite3.connect(connection.settings_dict["NAME"]) if self.vendor == "sqlite" else None

    def import_real(self, bulletins: int, rng: random.Random, first: int = 0) -> tuple[int, float]:
        """Import bulletins through the real action; return (items, seconds). `first`: the
        number of the first (its issue number and year), so that later imports are new issues."""
        from kuaibao.archive.actions import import_bytes
        from kuaibao.core.model import Bulletin, DistributionLine, Item, Paragraph, Staff
        from kuaibao.core.render.plain import render_text

        rows = list(generate(bulletins * 8, rng))
        texts = []
        for n in range(first, first + bulletins):
            chunk = sorted(rows[(n - first) * 8 : (n - first) * 8 + 8], key=lambda r: SECTIONS.index(r[3]))
            b = Bulletin(
                title="延津政务快报",
                issue=n % 900 + 1,
                date=dt.date(1990 + n // 900, 1, 1) + dt.timedelta(days=(n % 900) // 3),
                publisher="延津县人民政府办公室",
                items=tuple(Item(t, (Paragraph.plain(body),), (u,), s) for t, body, u, s, _ in chunk),
                distribution=(DistributionLine("本期发", "县委常委，副县长。"),),
                staff=Staff("李勉", "原超俊", "麻彦伟"),
            )
            texts.append(render_text(b).encode())
        start, written = time.perf_counter(), written_bytes()
        for n, text in enumerate(texts):
            outcome = import_bytes(text, f"bench-{first + n}.txt")
            assert outcome.status == "imported", outcome
        self.import_written = written_bytes() - written
        return bulletins * 8, time.perf_counter() - start

    def bulk_load(self, count: int, rng: random.Random, batch: int = 5000) -> float:
        """Load `count` more items with the import's tables and index tokens."""
        from django.db import transaction

        from kuaibao.archive import search
        from kuaibao.archive.models import Bulletin, Issue, Item, ItemUnit, Revision, Section
        from kuaibao.archive.units import resolve_unit

        bulletin = Bulletin.objects.get_or_create(title="延津政务快报", defaults={"slug": "yanjin"})[0]
        units = {name: resolve_unit(name) for name in UNIT_NAMES}
        sections = {name: Section.objects.get_or_create(bulletin=bulletin, name=name)[0] for name in SECTIONS}
        start = time.perf_counter()
        rows = generate(count, rng)
        # Numbered from 1001 in each year: the imported bulletins use 1-900.
        numbers: dict[int, int] = {}
        while count > 0:
            size = min(batch, count)
            count -= size
            with transaction.atomic():
                chunk = [next(rows) for _ in range(size)]
                issues, revisions, items, links = [], [], [], []
                for index in range(0, size, 10):
                    date = chunk[index][4]
                    numbers[date.year] = numbers.get(date.year, 1000) + 1
                    issue = Issue(bulletin=bulletin, year=date.year, number=numbers[date.year], date=date)
                    issues.append(issue)
                Issue.objects.bulk_create(issues)
                for issue in issues:
                    revisions.append(
                        Revision(
                            issue=issue, number=1, masthead_title="延津政务快报", date=issue.date, content_hash="bulk"
                        )
                    )
                Revision.objects.bulk_create(revisions)
                for index, (title, body, unit, section, _) in enumerate(chunk):
                    revision = revisions[index // 10]
                    items.append(
                        Item(
                            revision=revision,
                            position=index % 10 + 1,
                            section=sections[section],
                            title=title,
                            body=body,
                            paragraphs=[[{"text": body}]],
                            units_as_written=[unit],
                            bulletin=bulletin,
                            date=revision.date,
                            is_current=True,
                        )
                    )
                for item, row in zip(items, chunk, strict=True):
                    item.search_tags = search.tags_for(bulletin.pk, sections[row[3]].pk, [units[row[2]].pk])
                Item.objects.bulk_create(items)
                for item, row in zip(items, chunk, strict=True):
                    links.append(ItemUnit(item=item, unit=units[row[2]], position=0))
                ItemUnit.objects.bulk_create(links)
                for issue, revision in zip(issues, revisions, strict=True):
                    issue.current = revision
                Issue.objects.bulk_update(issues, ["current"])
        return time.perf_counter() - start

    def reindex(self) -> float:
        """Index every current item anew (the reindex path of migration 0005): seconds."""
        from django.db import transaction

        from kuaibao.archive import search

        start = time.perf_counter()
        with transaction.atomic():
            search.rebuild_index()
        return time.perf_counter() - start

    def size_mb(self) -> dict[str, float]:
        """MiB of the search index (its tables), of the whole database, and of the items' raw
        text (title and body, UTF-8)."""
        with self.connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute("PRAGMA page_size")
                page = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%archive_item_postings%' "
                    "OR name LIKE '%archive_item_search_pending%'"
                )
                fts = cursor.fetchone()[0] or 0
                cursor.execute("PRAGMA page_count")
                total = cursor.fetchone()[0] * page
                cursor.execute("SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) "
                               "FROM archive_item WHERE is_current")  # fmt: skip
            else:
                cursor.execute(
                    "SELECT pg_total_relation_size('archive_item_postings') "
                    "+ pg_total_relation_size('archive_item_search_pending'), pg_database_size(current_database())"
                )
                fts, total = cursor.fetchone()
                cursor.execute(
                    "SELECT sum(octet_length(title) + octet_length(body)) FROM archive_item WHERE is_current"
                )
            raw = cursor.fetchone()[0] or 0
        return {"index": fts / 1048576, "database": total / 1048576, "raw": raw / 1048576}

    def like_scan(
        self, terms: list[str], unit_id: int | None, dates: tuple[dt.date, dt.date] | None
    ) -> tuple[int, list[int]]:
        clauses = ["i.is_current"]
        params: list[object] = []
        for term in terms:
            clauses.append("(i.title LIKE %s OR i.body LIKE %s)")
            params += [f"%{term}%", f"%{term}%"]
        if unit_id is not None:
            clauses.append("EXISTS (SELECT 1 FROM archive_itemunit iu WHERE iu.item_id = i.id AND iu.unit_id = %s)")
            params.append(unit_id)
        if dates is not None:
            clauses.append("i.date BETWEEN %s AND %s")
            params += list(dates)
        where = " AND ".join(clauses)
        count = f"SELECT count(*) FROM archive_item i WHERE {where}"  # noqa: S608 - bench, constant SQL
        page = f"SELECT i.id FROM archive_item i WHERE {where} ORDER BY i.date DESC LIMIT 20"  # noqa: S608
        if self.scanner is not None:
            cursor = self.scanner.cursor()
            total = cursor.execute(count.replace("%s", "?"), params).fetchone()[0]
            return total, [row[0] for row in cursor.execute(page.replace("%s", "?"), params)]
        with self.connection.cursor() as cursor:
            cursor.execute(count, params)
            total = cursor.fetchone()[0]
            cursor.execute(page, params)
            return total, [row[0] for row in cursor.fetchall()]

    def documents(self, limit: int = 10**12) -> Iterator[tuple[int, str, str]]:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT id, title, body FROM archive_item WHERE is_current LIMIT %s", [limit])
            while rows := cursor.fetchmany(10000):
                yield from rows


def query_set(rng: random.Random, texts: list[str]) -> dict[str, list[str]]:
    def substring(length: int) -> str:
        while True:
            text = rng.choice(texts)
            start = rng.randrange(0, max(1, len(text) - length))
            piece = text[start : start + length]
            if len(piece) == length and not re.search(r"[\s，。、；：“”（）\"]|^-", piece):
                return piece

    classes = {
        "1 char": [substring(1) for _ in range(60)],
        "2 chars": [substring(2) for _ in range(60)],
        "3 chars": [substring(3) for _ in range(60)],
        "4+ chars": [substring(rng.randint(4, 8)) for _ in range(60)],
    }
    classes["2 terms"] = [f"{substring(2)} {substring(2)}" for _ in range(60)]
    return classes


BANDS = {"common": (0.01, 1.0), "middle": (0.0005, 0.01), "rare": (0.0, 0.0005)}  # share of items


def realistic_query_set(rng: random.Random, texts: list[str], per_class: int) -> dict[str, list[str]]:
    """Queries sampled from the corpus's own text (a sample of its normalised items), by band of
    the share of items that contain them (`BANDS`) and by length, 1 to 6 characters; two-term
    queries of middle words; misses: lexicon words that no sampled item contains."""
    from kuaibao.core.search import normalize

    han = re.compile(r"^[\u4e00-\u9fff]+$")
    sample = [normalize(t) for t in texts[:20000]]

    def share(term: str) -> float:
        return sum(term in text for text in sample) / len(sample)

    classes: dict[str, list[str]] = {}
    for length, label in ((1, "1 char"), (2, "2 chars"), (3, "3 chars"), (4, "4 chars"), (5, "5-6 chars")):
        found: dict[str, list[str]] = {band: [] for band in BANDS}
        for _ in range(300):
            text = rng.choice(sample)
            size = length if length < 5 else rng.choice((5, 6))
            if len(text) <= size:
                continue
            start = rng.randrange(len(text) - size)
            term = text[start : start + size]
            if not han.match(term) or any(term in terms for terms in found.values()):
                continue
            value = share(term)
            for band, (low, high) in BANDS.items():
                if low <= value < high and len(found[band]) < per_class:
                    found[band].append(term)
            if all(len(terms) >= per_class for terms in found.values()):
                break
        for band, terms in found.items():
            if terms:
                classes[f"{label} {band}"] = terms
    middle = [t for name, terms in classes.items() if name.startswith("2 chars m") for t in terms]
    classes["2 terms"] = [f"{rng.choice(middle)} {rng.choice(middle)}" for _ in range(per_class)] if middle else []
    assert _REALISTIC is not None
    misses: list[str] = []
    while len(misses) < per_class:
        word = rng.choice(_REALISTIC.words)
        if len(word) >= 2 and share(word) == 0:
            misses.append(word)
    classes["miss"] = misses
    return {name: terms for name, terms in classes.items() if terms}


class BruteForce:
    """Every current item's normalised title and body, date and units, in memory: the oracle
    that each engine's id set is compared with (a substring search of each field)."""

    def __init__(self) -> None:
        from kuaibao.archive.models import Item, ItemUnit
        from kuaibao.core.search import normalize

        units: dict[int, set[int]] = {}
        for item_id, unit_id in ItemUnit.objects.values_list("item_id", "unit_id").iterator(chunk_size=20000):
            units.setdefault(item_id, set()).add(unit_id)
        self.rows = [
            (item_id, normalize(title), normalize(body), date, units.get(item_id, set()))
            for item_id, title, body, date in Item.objects.filter(is_current=True)
            .values_list("id", "title", "body", "date")
            .iterator(chunk_size=20000)
        ]

    def hits(self, text: str, unit_id: int | None, dates: tuple[dt.date, dt.date] | None) -> set[int]:
        from kuaibao.core.search import parse_query

        query = parse_query(text)
        return {
            item_id
            for item_id, title, body, date, units in self.rows
            if all(t in title or t in body for t in query.terms)
            and not any(t in title or t in body for t in query.excluded)
            and (unit_id is None or unit_id in units)
            and (dates is None or dates[0] <= date <= dates[1])
        }


class Tantivy:
    """tantivy over the same token streams: pairs for phrases, single codes for one character."""

    def __init__(self, folder: Path, documents: Iterator[tuple[int, str, str]]) -> None:
        import tantivy

        from kuaibao.core.search import index_tokens

        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("id", stored=True, indexed=True, fast=True)
        builder.add_text_field("pairs", stored=False, tokenizer_name="raw", index_option="position")
        builder.add_text_field("chars", stored=False, tokenizer_name="raw", index_option="basic")
        self.schema = builder.build()
        folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(folder))
        writer = self.index.writer(heap_size=500_000_000, num_threads=1)
        start = time.perf_counter()
        count = 0
        for item_id, title, body in documents:
            pairs = [*index_tokens(title).split(), "0000", *index_tokens(body).split()]
            chars = sorted({token[:4] for token in pairs})
            writer.add_document(tantivy.Document(id=item_id, pairs=pairs, chars=chars))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        self.seconds = time.perf_counter() - start
        self.count = count
        self.index.reload()
        self.searcher = self.index.searcher()
        # Every document's address and item id, read once: id sets without a stored-field read
        # per hit.
        everything = self.searcher.search(tantivy.Query.all_query(), max(count, 1))
        self.ids = {
            (address.segment_ord, address.doc): self.searcher.doc(address)["id"][0] for _, address in everything.hits
        }

    def id_set(self, text: str) -> set[int]:
        count, _ = self.query(text)
        return {self.ids[(a.segment_ord, a.doc)] for _, a in self._search(text, max(count, 1)).hits}

    def query(self, text: str) -> tuple[int, list[int]]:
        result = self._search(text, 20)
        return int(result.count or 0), [self.searcher.doc(address)["id"][0] for _, address in result.hits]

    def _search(self, text: str, limit: int) -> Any:
        import tantivy

        from kuaibao.core.search import parse_query, term_tokens

        parsed = parse_query(text)
        parts = []
        for term in parsed.terms:
            tokens = term_tokens(term)
            if len(term) == 1:
                parts.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "chars", tokens[0])))
            elif len(tokens) == 1:
                parts.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "pairs", tokens[0])))
            else:
                # Each pair is a value of its own, and tantivy leaves one position between
                # the values of a field: consecutive pairs are two positions apart.
                words = [(2 * i, token) for i, token in enumerate(tokens)]
                parts.append((tantivy.Occur.Must, tantivy.Query.phrase_query(self.schema, "pairs", words)))
        return self.searcher.search(tantivy.Query.boolean_query(parts), limit, count=True)


def run(args: argparse.Namespace) -> None:
    rng = random.Random(SEED)
    if args.corpus == "realistic":
        UNIT_NAMES[:] = use_realistic(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.reuse or args.data_dir or tmp)
        archive = Archive(folder, args.postgres, reuse=bool(args.reuse))
        from kuaibao.archive import search
        from kuaibao.archive.models import Item, Unit
        from kuaibao.core.search import parse_query

        print(f"backend: {archive.vendor}, data: {folder}", flush=True)
        if not args.reuse:
            real_items, real_seconds = archive.import_real(args.real_bulletins, rng)
            rate = real_items / real_seconds
            print(f"import action: {real_items:,} items in {real_seconds:.1f} s = {rate:,.0f} items/s")
            if archive.vendor == "sqlite":
                written = archive.import_written
                print(f"import writes: {written / real_items / 1024:,.1f} KiB per item "
                      f"({written / 2**20:,.0f} MiB for {real_items:,} items; /proc/self/io)")  # fmt: skip
            bulk_seconds = archive.bulk_load(args.items - real_items, rng)
            print(f"bulk load:     {args.items - real_items:,} items in {bulk_seconds:.1f} s = "
                  f"{(args.items - real_items) / bulk_seconds:,.0f} items/s", flush=True)  # fmt: skip
            index_seconds = archive.reindex()
            print(f"reindex:       {Item.objects.filter(is_current=True).count():,} items in {index_seconds:.1f} s",
                  flush=True)  # fmt: skip
        print(f"items: {Item.objects.count():,}", flush=True)
        if args.import_after:
            # Import into the archive as it is now (large): what the import writes per item.
            items, seconds = archive.import_real(args.import_after, rng, first=9000)
            written = archive.import_written
            where = "/proc/self/io" if archive.vendor == "sqlite" else "not measured: the server process writes"
            print(f"import into it: {items:,} items in {seconds:.1f} s = {items / seconds:,.1f} items/s; "
                  f"{written / items / 1024:,.1f} KiB written per item ({where})", flush=True)  # fmt: skip
        sizes = archive.size_mb()
        print(f"index size: {sizes['index']:,.0f} MiB = {sizes['index'] / max(sizes['raw'], 1e-9):.1f}× the raw text "
              f"({sizes['raw']:,.0f} MiB of titles and bodies, UTF-8); database: {sizes['database']:,.0f} MiB",
              flush=True)  # fmt: skip
        texts = [t for row in archive.documents(limit=100_000) for t in row[1:3]]
        # Each filter row gets queries of its own: a row must not find its terms' bitmaps kept by
        # the row before (the process keeps what it decoded, kuaibao.archive.bitmapcache).
        if args.corpus == "realistic":
            sets = {name: realistic_query_set(rng, texts, args.queries) for name in FILTERS}
            from django.db.models import Count

            busiest = Unit.objects.annotate(n=Count("itemunit")).order_by("-n").first()
            assert busiest is not None
            unit = busiest
        else:
            sets = {name: query_set(rng, texts) for name in FILTERS}
            unit = Unit.objects.get(name="东屯镇")
        brute = BruteForce()
        print(f"brute force: {len(brute.rows):,} items in memory; unit filter: {unit.name}", flush=True)
        date_range = (dt.date(2015, 1, 1), dt.date(2016, 12, 31))
        tant = Tantivy(Path(tmp) / "tantivy", archive.documents()) if args.tantivy else None
        if tant:
            print(f"tantivy: indexed {tant.count:,} documents in {tant.seconds:.1f} s")
        if args.warm_up:
            # A server answers queries after others: warm up on other queries of each class
            # (another seed), so that the process holds what any query needs (tag and date
            # bitmaps, common grams), as a running server does.
            others = (
                realistic_query_set(random.Random(SEED + 1), texts, args.warm_up)
                if args.corpus == "realistic"
                else query_set(random.Random(SEED + 1), texts)
            )
            start = time.perf_counter()
            for queries in others.values():
                for text in queries[: args.warm_up]:
                    search.search(parse_query(text), search.Filters(), limit=20)
                    if tant:
                        tant.query(text)
            seconds = time.perf_counter() - start
            print(f"warm-up: {args.warm_up} other queries of each class in {seconds:.1f} s", flush=True)
        print()
        header = (
            f"{'':<26}{'hits':>8}{'first run':>18}{'repeated':>18}{'':>10}{'× LIKE':>14}{'':>9}{'tantivy':>17}\n"
            f"{'class':<18}{'filter':<8}{'p50':>8}{'p50 ms':>9}{'p95 ms':>9}{'p50 ms':>9}{'p95 ms':>9}{'LIKE p50':>10}"
            f"{'first':>7}{'again':>7}{'recall':>9}{'p50':>9}{'p95':>8}{'recall':>9}"
        )
        print(header, flush=True)
        for name in sets["none"]:
            for filter_name in FILTERS:
                queries = sets[filter_name].get(name, [])[: args.queries]
                if not queries:
                    continue
                dates = date_range if filter_name == "dates" else None
                filters = search.Filters(
                    unit_id=unit.pk if filter_name == "unit" else None,
                    date_from=dates[0] if dates else None,
                    date_to=dates[1] if dates else None,
                )
                row = measure(archive, tant if filter_name == "none" else None, brute, queries, filters, dates, args)
                print(f"{name:<18}{filter_name:<8}{row}", flush=True)
        if archive.vendor == "sqlite":
            from kuaibao.archive import bitmapcache

            kept = bitmapcache.stats()
            share = kept["hits"] / max(1, kept["hits"] + kept["misses"])
            print(f"\nbitmaps kept by the process: {kept['bytes'] / 2**20:,.0f} MiB in {kept['entries']:,} entries; "
                  f"{share:.0%} of bitmap reads were served from them")  # fmt: skip
        print("\ntarget on SQLite: p95 ≤ 50 ms for a top-20 page with its total at 1M items, ≥ 100× LIKE, exact recall")


def measure(
    archive: Archive,
    tant: Tantivy | None,
    brute: BruteForce,
    queries: list[str],
    filters: Any,
    dates: Any,
    args: Any,
) -> str:
    """One table row: engine p50/p95 (first run, repeated), LIKE p50 and ratios, tantivy p50/p95,
    recall by id sets against the brute-force search (engine, tantivy) for every query."""
    from kuaibao.archive import search
    from kuaibao.core.search import parse_query

    latencies, totals = [], {}
    for text in queries:
        query = parse_query(text)
        ms, page = timed(lambda query=query: search.search(query, filters, limit=20))
        latencies.append(ms)
        totals[text] = page.total  # type: ignore[attr-defined]
    # The same queries again: what a repeated query costs once its bitmaps are in memory (in the
    # process, or in the file system's cache), as the LIKE scans below mostly are.
    again = [timed(lambda text=text: search.search(parse_query(text), filters, limit=20))[0] for text in queries]
    like_ms = []
    for text in queries[: args.like_sample]:
        like_ms.append(timed(lambda text=text: archive.like_scan(text.split(), filters.unit_id, dates))[0])
    tant_ms = [timed(lambda text=text: tant.query(text))[0] for text in queries] if tant else []
    exact = exact_tantivy = 0
    for text in queries:
        expected = brute.hits(text, filters.unit_id, dates)
        every = search.search(parse_query(text), filters, order="date", limit=max(totals[text], 1))
        exact += int(set(every.item_ids) == expected and totals[text] == len(expected))
        if tant:
            exact_tantivy += int(tant.id_set(text) == expected)
    p50, p50_again = statistics.median(latencies), statistics.median(again)
    like50 = statistics.median(like_ms) if like_ms else float("nan")
    tant_cols = (
        f"{statistics.median(tant_ms):>9.1f}{percentile(tant_ms, 0.95):>8.1f}{exact_tantivy:>5}/{len(queries):<3}"
        if tant_ms
        else f"{'-':>9}{'-':>8}{'-':>9}"
    )
    hits = statistics.median(totals.values())
    return (
        f"{hits:>8,.0f}{p50:>9.1f}{percentile(latencies, 0.95):>9.1f}{p50_again:>9.1f}{percentile(again, 0.95):>9.1f}"
        f"{like50:>10.0f}{like50 / p50:>7.0f}{like50 / p50_again:>7.0f}{exact:>5}/{len(queries):<3}{tant_cols}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument(
        "--corpus",
        choices=("realistic", "recombined"),
        default="realistic",
        help="realistic: bench/corpus_realistic.py; recombined: the corpus's sentences with new numbers (old)",
    )
    parser.add_argument(
        "--real-bulletins", type=int, default=500, help="bulletins (8 items each) through the import action"
    )
    parser.add_argument("--like-sample", type=int, default=5, help="queries per class also run as a LIKE scan")
    parser.add_argument("--postgres", metavar="DATABASE_URL", help="run on this PostgreSQL database instead of SQLite")
    parser.add_argument("--no-tantivy", dest="tantivy", action="store_false")
    parser.add_argument(
        "--queries", type=int, default=60, help="queries per class (the first N of the same 60; fewer for slow runs)"
    )
    parser.add_argument(
        "--warm-up", type=int, default=60, help="other queries of each class run first, untimed (0: none)"
    )
    parser.add_argument(
        "--reuse", metavar="DATA_DIR", help="measure an archive built by an earlier run (kept in DATA_DIR)"
    )
    parser.add_argument("--data-dir", metavar="DATA_DIR", help="build the archive in DATA_DIR and keep it")
    parser.add_argument(
        "--import-after", type=int, default=0, help="then import this many bulletins into the built archive"
    )
    run(parser.parse_args())


if __name__ == "__main__":
    main()
