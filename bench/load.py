"""Load test of the production server: gunicorn on loopback in front of an N-item archive, driven
by wrk with a mix of archive pages and searches, beside a baseline (a static file served by the
same gunicorn) measured in the same run; then 20 concurrent editors saving submissions through
the real HTTP views, checked afterwards for lost updates.

The archive is built like bench/search.py builds it (its `Archive` class: some bulletins through
the real import action, the rest bulk-loaded with the same tables and index tokens) in
--data-dir, which a later run reuses (a marker file records the item count).

    .venv/bin/python bench/load.py --items 100000 --data-dir /tmp/kuaibao-load-100k
    .venv/bin/python bench/load.py --data-dir /tmp/kuaibao-load-1m          # 1,000,000 items
    .venv/bin/python bench/load.py --data-dir /tmp/kuaibao-load-1m --workers 2 --threads 4

The server runs with the archive public, as a county that publishes its bulletin runs it. By
default the mix is measured twice, each time by a new server: with the page cache off (every
page rendered) and on (kuaibao.archive.pagecache: anonymous readers get kept pages; the share of
requests it answered is printed as "page hits"). --cache-url redis://… makes the workers share
one cache, as docs/deployment.md advises; without it each worker keeps its own.

Needs wrk (Debian: apt-get install wrk) and gunicorn (pip). Every run is bounded: wrk stops
after --duration seconds or --max-requests requests, whichever comes first; the editors make
--rounds saves each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search as search_bench  # noqa: E402 - bench/search.py, found through the path set above

MARKER = "load-archive.json"
PASSWORD = "Zq7-horse-battery-staple"  # noqa: S105 - throwaway accounts in a throwaway archive
BASELINE = "/static/archive/style.css"
# Share of each kind of page in the mix (percent).
MIX = {"home": 10, "issue": 20, "item": 25, "unit": 10, "search": 20, "search+filter": 15}


# --- The archive -------------------------------------------------------------------------------


def build_archive(data_dir: Path, items: int, real_bulletins: int) -> search_bench.Archive:
    """Open the archive in `data_dir`, building it first unless a previous run left one there."""
    marker = data_dir / MARKER
    data_dir.mkdir(parents=True, exist_ok=True)
    archive = search_bench.Archive(data_dir, None)
    from kuaibao.archive.models import Item

    if marker.exists():
        built = json.loads(marker.read_text())["items"]
        print(f"archive: reusing {built:,} items in {data_dir}")
        return archive
    if Item.objects.exists():
        sys.exit(f"{data_dir} holds an archive this script did not build; use an empty folder")
    rng = random.Random(search_bench.SEED)
    start = time.perf_counter()
    real_items, _ = archive.import_real(real_bulletins, rng)
    archive.bulk_load(items - real_items, rng)
    archive.reindex()  # the bulk-loaded items are not in the search index until then
    with archive.connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    marker.write_text(json.dumps({"items": items}))
    print(f"archive: built {items:,} items in {time.perf_counter() - start:,.0f} s in {data_dir}")
    return archive


def url_mix(count: int, rng: random.Random, mix: dict[str, int]) -> list[str]:
    """`count` request paths drawn from the archive, in the proportions of `mix`."""
    from kuaibao.archive.models import Issue, Item, Unit

    issues = list(
        Issue.objects.filter(current__isnull=False)
        .order_by("?")
        .values_list("bulletin__slug", "year", "number", "supplement")[:500]
    )
    top = Item.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    item_ids = list(Item.objects.filter(pk__in=[rng.randint(1, top) for _ in range(3000)]).values_list("pk", flat=True))
    units = list(Unit.objects.values_list("pk", "name"))
    texts = [text for row in Item.objects.order_by("?").values_list("title", "body")[:3000] for text in row]
    queries = [q for name, qs in search_bench.query_set(rng, texts).items() if name != "4+ chars" for q in qs]
    queries += [t[:4] for t in search_bench.query_set(rng, texts)["4+ chars"]]

    def search(filtered: bool) -> str:
        params = {"q": rng.choice(queries)}
        if filtered:
            choice = rng.randrange(4)
            if choice == 0:
                params["unit"] = rng.choice(units)[1]
            elif choice == 1:
                year = rng.randint(2010, 2023)
                params |= {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}
            elif choice == 2:
                params["order"] = "date"
            else:
                params["page"] = "2"
        return "/search/?" + urllib.parse.urlencode(params)

    makers = {
        "home": lambda: "/",
        "issue": lambda: "/b/{}/{}/{}{}/".format(*_issue_parts(rng.choice(issues))),
        "item": lambda: f"/items/{rng.choice(item_ids)}/",
        "unit": lambda: f"/units/{rng.choice(units)[0]}/",
        "search": lambda: search(False),
        "search+filter": lambda: search(True),
    }
    kinds = rng.choices(list(mix), weights=list(mix.values()), k=count)
    return [makers[kind]() for kind in kinds]


def index_figures(paths: list[str]) -> None:
    """Store the figures of the items the mix visits, as importing does (the bulk-loaded items
    skip that path) and `kuaibao figures-index` does for older archives: otherwise each visit
    extracts them again in memory, which a production archive does not do."""
    try:
        from kuaibao.stats.figures import is_indexed, refresh_figures
    except ImportError:  # an archive without the statistics app
        return
    from kuaibao.archive.models import Item

    ids = sorted({int(path.split("/")[2]) for path in paths if path.startswith("/items/")})
    items = [item for item in Item.objects.filter(pk__in=ids) if not is_indexed(item)]
    for start in range(0, len(items), 500):
        refresh_figures(items[start : start + 500])


def _issue_parts(row: tuple[str, int, int, bool]) -> tuple[str, int, str, int]:
    slug, year, number, supplement = row
    return slug, year, "s" if supplement else "", number


# --- The server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    data_dir: Path
    workers: int
    threads: int
    page_cache: bool = True
    cache_url: str = ""
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        env = os.environ | {
            "KUAIBAO_DATA_DIR": str(self.data_dir),
            "KUAIBAO_ARCHIVE_PUBLIC": "1",
            "KUAIBAO_DEBUG": "0",
            "KUAIBAO_SECRET_KEY": secrets.token_urlsafe(64),  # gunicorn refuses the public development key
            "KUAIBAO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SETTINGS_MODULE": "kuaibao.settings",
            "KUAIBAO_PAGE_CACHE": "1" if self.page_cache else "0",
        }
        env.pop("DATABASE_URL", None)
        env.pop("KUAIBAO_CACHE_URL", None)
        if self.cache_url:
            import redis

            redis.Redis.from_url(self.cache_url).flushdb()  # no page of an earlier run
            env["KUAIBAO_CACHE_URL"] = self.cache_url
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "kuaibao.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--threads", str(self.threads),
            "--worker-class", "gthread" if self.threads > 1 else "sync",
            "--backlog", "256",
            "--timeout", "60",
            "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own gunicorn
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, BASELINE)[0] == 200 and get(self.port, "/")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        sys.exit("gunicorn did not answer within 60 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def describe(self) -> str:
        kind = f"gthread, {self.threads} threads each" if self.threads > 1 else "sync"
        cache = f"shared cache {self.cache_url}" if self.cache_url else "each worker's own cache in memory"
        pages = f"page cache on ({cache})" if self.page_cache else "page cache off"
        return f"gunicorn {self.workers} workers ({kind}) on 127.0.0.1:{self.port}; {pages}"


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), response
    finally:
        connection.close()


# --- The load ----------------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = {%(paths)s}
local limit = %(limit)d
local counter = 0
local position = 0
hits = 0  -- global: done() reads it from each thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  position = math.random(#paths)
end

function request()
  position = position %% #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  counter = counter + 1
  if headers["X-Kuaibao-Page-Cache"] == "HIT" or headers["x-kuaibao-page-cache"] == "HIT" then hits = hits + 1 end
  if counter >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local e = summary.errors
  local hit_total = 0
  for _, thread in ipairs(threads) do hit_total = hit_total + thread:get("hits") end
  io.write(string.format(
    'WRK {"requests": %%d, "seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, "max": %%f, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d, "hits": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, e.connect, e.read, e.write, e.status, e.timeout, hit_total))
end
"""


def run_wrk(port: int, paths: list[str], args: argparse.Namespace, duration: int) -> dict[str, float]:
    """One bounded wrk run over `paths`; its figures (latencies in ms)."""
    quoted = ",".join(json.dumps(path) for path in paths)
    per_thread = max(1, args.max_requests // args.wrk_threads)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": quoted, "limit": per_thread})
    try:
        command = [
            shutil.which("wrk") or "wrk",
            "--threads", str(args.wrk_threads),
            "--connections", str(args.connections),
            "--duration", f"{duration}s",
            "--timeout", "10s",
            "--script", script.name,
            f"http://127.0.0.1:{port}",
        ]  # fmt: skip
        output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 60).stdout  # noqa: S603
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("WRK "))
    figures: dict[str, float] = json.loads(line[4:])
    figures["rps"] = figures["requests"] / figures["seconds"]
    figures["errors"] = sum(figures[key] for key in ("connect", "read", "write", "status", "timeout"))
    return figures


def settle(port: int, limit_ms: float = 50, seconds: float = 120) -> None:
    """Wait until the workers have drained what the last run left queued (wrk stops sending, but
    gunicorn still answers the requests it accepted), so runs don't measure each other."""
    deadline = time.monotonic() + seconds
    fast = 0
    while fast < 3 and time.monotonic() < deadline:
        start = time.perf_counter()
        get(port, BASELINE)
        fast = fast + 1 if (time.perf_counter() - start) * 1000 < limit_ms else 0
        time.sleep(0.2)


def probe(port: int, paths: list[str], count: int) -> dict[str, list[float]]:
    """Unloaded latency per kind of page (one request at a time), to tell which kind is slow."""
    latencies: dict[str, list[float]] = {}
    for path in paths[:count]:
        kind = _kind(path)
        start = time.perf_counter()
        status, _, _ = get(port, path)
        latencies.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        if status != 200:
            latencies.setdefault(f"{kind} status {status}", []).append(0)
    return latencies


def _kind(path: str) -> str:
    if path == "/":
        return "home"
    if path.startswith("/search/"):
        query = urllib.parse.parse_qs(path.split("?", 1)[1])
        text = query["q"][0]
        size = "2 terms" if " " in text else f"{len(text)} char{'s' if len(text) > 1 else ''}"
        return f"search {size}" + (" + filter" if len(query) > 1 else "")
    return {"b": "issue", "items": "item", "units": "unit"}.get(path.split("/")[1], path)


def print_load(name: str, figures: dict[str, float]) -> None:
    hits = figures["hits"] / max(figures["requests"], 1)
    print(
        f"{name:<22}{figures['rps']:>9.0f}{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['p99']:>9.1f}"
        f"{figures['max']:>9.0f}{figures['requests']:>10,.0f}{figures['errors']:>8.0f}{hits:>12.0%}"
    )


# --- Concurrent editors ------------------------------------------------------------------------


@dataclass
class Save:
    editor: int
    submission: int
    based_on: int
    marker: str
    status: int


def prepare_editors(count: int, submissions: int) -> tuple[list[str], list[int]]:
    """`count` editor accounts and `submissions` submitted items, made through the real actions."""
    from django.contrib.auth.models import User

    from kuaibao.archive.units import resolve_unit
    from kuaibao.newsroom.actions import submissions as actions
    from kuaibao.newsroom.actions.accounts import create_account
    from kuaibao.newsroom.actions.base import Actor
    from kuaibao.newsroom.roles import Role

    stamp = dt.datetime.now().strftime("%H%M%S")  # noqa: DTZ005 - only makes names unique per run
    resolve_unit("东屯镇")
    reporter = create_account(f"load-reporter-{stamp}", PASSWORD, Role.REPORTER, unit="东屯镇")
    names = [create_account(f"load-editor-{stamp}-{n}", PASSWORD, Role.EDITOR).username for n in range(count)]
    ids = []
    for n in range(submissions):
        draft = actions.create_submission(
            Actor.command_line(reporter), title=f"负载测试稿件{n + 1}", body="东屯镇狠抓项目建设。"
        )
        ids.append(actions.submit(Actor.command_line(reporter), draft).pk)
    assert User.objects.filter(username__in=names).count() == count
    return names, ids


class Browser:
    """One editor's session over HTTP: cookies, the CSRF token, the pages' hidden fields."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def field(self, page: str, name: str) -> str:
        match = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(rf'value="([^"]*)" name="{name}"', page)
        if match is None:
            raise RuntimeError(f"no {name} field on the page")
        return match.group(1)

    def login(self, username: str) -> None:
        _, page = self.request("GET", "/login/")
        token = self.field(page, "csrfmiddlewaretoken")
        status, _ = self.request(
            "POST", "/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        )
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}")


def editor_session(
    port: int, number: int, username: str, plan: list[int], saves: list[Save], lock: threading.Lock
) -> None:
    browser = Browser(port)
    browser.login(username)
    for round_number, submission in enumerate(plan):
        _, page = browser.request("GET", f"/newsroom/submissions/{submission}/")
        version = int(browser.field(page, "version"))
        token = browser.field(page, "csrfmiddlewaretoken")
        marker = f"编辑{number}第{round_number}次保存"
        form = {
            "title": f"负载测试稿件{submission}",
            "body": f"东屯镇狠抓项目建设。{marker}",
            "version": str(version),
            "csrfmiddlewaretoken": token,
        }
        status, _ = browser.request("POST", f"/newsroom/submissions/{submission}/save/", form)
        with lock:
            saves.append(Save(number, submission, version, marker, status))


def run_editors(port: int, args: argparse.Namespace) -> bool:
    """20 editors save concurrently; return whether no update was lost."""
    from kuaibao.newsroom.models import Submission, SubmissionVersion

    names, ids = prepare_editors(args.editors, args.submissions)
    rng = random.Random(7)
    # Half the saves go to one submission everybody edits, the rest to the editor's own group's.
    plans = [
        [ids[0] if round_number % 2 == 0 else ids[1 + n % (len(ids) - 1)] for round_number in range(args.rounds)]
        for n in range(len(names))
    ]
    for plan in plans:
        rng.shuffle(plan)
    saves: list[Save] = []
    lock = threading.Lock()
    threads = [
        threading.Thread(target=editor_session, args=(port, n, name, plans[n], saves, lock))
        for n, name in enumerate(names)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    statuses = Counter(save.status for save in saves)
    problems = []
    for save in saves:
        versions = SubmissionVersion.objects.filter(submission_id=save.submission)
        if save.status == 302:
            # The save made exactly the next version from the one the editor saw.
            if not versions.filter(number=save.based_on + 1, body__contains=save.marker).exists():
                problems.append(f"lost: {save}")
        elif save.status == 409:
            if versions.filter(body__contains=save.marker).exists():
                problems.append(f"refused but stored: {save}")
        else:
            problems.append(f"unexpected answer: {save}")
    for pk in ids:
        submission = Submission.objects.get(pk=pk)
        numbers = list(SubmissionVersion.objects.filter(submission=submission).values_list("number", flat=True))
        successes = sum(1 for s in saves if s.submission == pk and s.status == 302)
        if sorted(numbers) != list(range(1, successes + 2)) or submission.version != successes + 1:
            problems.append(f"submission {pk}: versions {sorted(numbers)} after {successes} saves")
        last = SubmissionVersion.objects.get(submission=submission, number=submission.version)
        if (last.title, last.body) != (submission.title, submission.body):
            problems.append(f"submission {pk}: current text is not its last version")
    print(
        f"editors: {len(names)} concurrent, {len(saves)} saves in {seconds:.1f} s over {len(ids)} submissions: "
        f"{statuses[302]} saved, {statuses[409]} refused with 409 conflict, "
        f"{sum(n for s, n in statuses.items() if s not in (302, 409))} other answers"
    )
    print(f"lost updates: {sum(1 for p in problems if p.startswith('lost'))}; problems: {len(problems)}")
    for problem in problems[:20]:
        print(f"  {problem}")
    return not problems


def measure_load(port: int, paths: list[str], args: argparse.Namespace) -> bool:
    """Per-kind latency one request at a time, then the baseline and the mix under load."""
    limits = f"≤ {args.duration} s and ≤ {args.max_requests:,} requests per run"
    print(f"load: wrk on loopback, {args.connections} connections, {limits}")
    print("\nunloaded latency per kind of page (ms, one request at a time):")
    for kind, values in sorted(probe(port, paths, args.probe).items()):
        p50, p95 = statistics.median(values), search_bench.percentile(values, 0.95)
        print(f"  {kind:<24} n={len(values):<4} p50 {p50:7.1f}  p95 {p95:7.1f}  max {max(values):7.1f}")
    run_wrk(port, paths, args, args.warmup)
    settle(port)
    columns = ("req/s", "p50 ms", "p95 ms", "p99 ms", "max ms")
    header = "".join(f"{name:>9}" for name in columns) + f"{'requests':>10}{'errors':>8}{'page hits':>12}"
    print(f"\n{'':<22}{header}")
    baseline = run_wrk(port, [BASELINE], args, min(args.duration, 10))
    print_load("baseline (static file)", baseline)
    settle(port)
    mixed = run_wrk(port, paths, args, args.duration)
    print_load("archive + search mix", mixed)
    passed = mixed["rps"] >= 200 and mixed["p95"] <= 200 and mixed["errors"] == 0
    print(f"target ≥ 200 req/s, p95 ≤ 200 ms, no errors: {'met' if passed else 'NOT met'}")
    return passed


# --- Main --------------------------------------------------------------------------------------


def parse_mix(text: str) -> dict[str, int]:
    shares = {}
    for part in text.split(","):
        kind, _, share = part.partition("=")
        if kind.strip() not in MIX or not share.strip().isdigit():
            raise argparse.ArgumentTypeError(f"{part!r}: expected KIND=PERCENT, KIND one of {', '.join(MIX)}")
        shares[kind.strip()] = int(share)
    return shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1_000_000, help="archive size when building")
    parser.add_argument("--data-dir", type=Path, help="build here, or reuse what a previous run built here")
    parser.add_argument("--real-bulletins", type=int, default=100, help="bulletins through the import action")
    parser.add_argument("--build-only", action="store_true", help="build the archive and stop")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (more than 1: gthread)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections of the load generator")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--duration", type=int, default=30, help="seconds of mixed load (at most)")
    parser.add_argument("--max-requests", type=int, default=30_000, help="requests of mixed load (at most)")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of load before measuring")
    parser.add_argument("--urls", type=int, default=5000, help="distinct paths in the mix")
    parser.add_argument("--mix", type=parse_mix, default=MIX, help="shares, e.g. item=50,search=50")
    parser.add_argument("--probe", type=int, default=300, help="paths timed one at a time before the load")
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--submissions", type=int, default=5, help="submissions the editors share")
    parser.add_argument("--rounds", type=int, default=10, help="saves per editor")
    parser.add_argument("--no-editors", dest="editors_check", action="store_false")
    parser.add_argument("--no-load", dest="load", action="store_false", help="only the editors' check")
    parser.add_argument(
        "--page-cache",
        choices=["on", "off", "both"],
        default="both",
        help="whole pages kept for anonymous readers (kuaibao.archive.pagecache); both: off, then on",
    )
    parser.add_argument("--cache-url", default="", help="redis://… shared by the workers (default: each its own)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="kuaibao-load-"))
    archive = build_archive(data_dir.resolve(), args.items, args.real_bulletins)
    if args.build_only:
        return
    from kuaibao.archive.models import Item

    items = Item.objects.filter(is_current=True).count()
    paths = url_mix(args.urls, random.Random(search_bench.SEED), args.mix)
    index_figures(paths)
    archive.connection.close()
    ok = True
    settings = {"on": [True], "off": [False], "both": [False, True]}[args.page_cache] if args.load else [True]
    for number, page_cache in enumerate(settings):
        with Server(data_dir.resolve(), args.workers, args.threads, page_cache, args.cache_url) as server:
            print(f"{'' if number == 0 else chr(10)}server: {server.describe()}; archive: {items:,} current items")
            if args.load:
                ok = measure_load(server.port, paths, args) and ok
            if args.editors_check and number == len(settings) - 1:
                settle(server.port)
                print()
                ok = run_editors(server.port, args) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
