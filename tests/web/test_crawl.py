"""Every role's interface, crawled from its landing page: each link it shows is followed (the
same origin, no downloads), and every page must answer, run without a console error (a CSP
violation is one), and show no English word; the pages each role may use must all be reached.
Screenshots of every page at 1366 and 390 pixels wide go to KUAIBAO_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import Resolver404, resolve

from tests.web.conftest import log_in, new_page
from tests.web.office import PASSWORD, PEOPLE, Office, build_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The pages each role may use, by URL name: the crawl must reach every one of them.
ARCHIVE = {
    "archive:home", "archive:search", "archive:years", "archive:year", "archive:month", "archive:issue",
    "archive:item", "archive:units", "archive:unit", "archive:sections", "archive:section", "stats:explorer",
}  # fmt: skip
EVERYONE = {"workbench", "web:password", "web:my_tokens", "newsroom:notifications"} | ARCHIVE
STATISTICS = {"stats:statistics", "stats:ranking", "stats:adoptions"}
MAY_USE = {
    "reporter": EVERYONE
    | {"newsroom:submissions", "newsroom:submission_new", "newsroom:submission", "newsroom:submission_diff",
       "newsroom:requests", "newsroom:instructions", "stats:my_unit"},
    "editor": EVERYONE | STATISTICS
    | {"newsroom:inbox", "newsroom:submission", "newsroom:submission_diff", "newsroom:editions", "newsroom:edition",
       "newsroom:edition_preview", "newsroom:requests", "newsroom:instructions", "jobs:list", "jobs:import"},
    "reviewer": EVERYONE | STATISTICS | {"newsroom:editions", "newsroom:edition", "newsroom:edition_preview"},
    "signer": EVERYONE | STATISTICS | {"newsroom:editions", "newsroom:edition", "newsroom:edition_preview"},
    "leader": EVERYONE | {"newsroom:instructions"},
    "admin": EVERYONE | STATISTICS
    | {"web:people", "web:person", "web:person_new", "web:people_import", "web:units", "web:unit", "web:unit_new",
       "web:bulletins", "web:bulletin", "web:rules", "web:rules_edit", "web:rules_new",
       "web:tokens", "web:token_new", "web:webhooks", "web:webhook", "web:webhook_new", "web:deliveries",
       "web:delivery", "web:proof_lists", "web:leader", "web:leader_new", "web:phrase", "web:phrase_new"},
}  # fmt: skip
# Names of formats and products that Chinese offices write in Latin letters.
ALLOWED = {
    *("pdf", "word", "excel", "docx", "doc", "xlsx", "csv", "wps", "ofd", "html", "zip", "gbk"),
    *("png", "jpeg", "jpg", "tiff", "tif", "kb", "mb", "gb"),
}
SKIP = re.compile(r"/(logout|admin|api)/|download\.|\.(csv|xlsx|docx|pdf|txt|md|html)(\?|$)")
MAX_PAGES = 160
MAX_PER_NAME = 4  # variants of one page (other items, units, filters) worth visiting

ENGLISH = re.compile(r"[A-Za-z]{2,}")
# The text a person reads, but not what is marked translate="no" (a server's folder, a file
# name, a login name: literal text, not the interface's words).
TEXT_JS = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('[translate=no], script, style, noscript, template, select:not([multiple]) option:not(:checked)')
    .forEach(e => e.remove());
  const parts = [document.title];
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) { parts.push(node.nodeValue); }
  for (const el of body.querySelectorAll('[placeholder],[title],[aria-label],[alt]')) {
    for (const a of ['placeholder', 'title', 'aria-label', 'alt']) { if (el.getAttribute(a)) parts.push(el.getAttribute(a)); }
  }
  for (const el of body.querySelectorAll('input[type=submit],input[type=button]')) { parts.push(el.value); }
  return parts.join('\\n');
}"""


def url_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return "?"
    return f"{match.namespace}:{match.url_name}" if match.namespace else str(match.url_name)


def crawl(page: Any, base: str, office: Office, shots: Path | None, role: str) -> tuple[set[str], list[str]]:
    problems: list[str] = []
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console.append(str(exc)))
    start = page.url
    queue, seen, names = [start], {start}, Counter[str]()
    reached: set[str] = set()
    while queue and len(reached) <= MAX_PAGES:
        url = queue.pop(0)
        path = urlparse(url).path
        name = url_name(path)
        if names[name] >= MAX_PER_NAME:
            continue
        names[name] += 1
        console.clear()
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        if response is None or response.status >= 400:
            problems.append(f"{role} {url}: answered {response.status if response else 'nothing'}")
            continue
        reached.add(name)
        for error in console:
            problems.append(f"{role} {url}: console error: {error}")
        words = {w for w in ENGLISH.findall(page.evaluate(TEXT_JS)) if w.lower() not in ALLOWED | office.latin_words}
        if words:
            problems.append(f"{role} {url}: English in the interface: {sorted(words)}")
        if shots is not None:
            stem = f"{role}-{name.replace(':', '-')}-{names[name]}"
            page.screenshot(path=str(shots / f"{stem}-1366.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(shots / f"{stem}-390.png"), full_page=True)
            page.set_viewport_size({"width": 1366, "height": 900})
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            link, _ = urldefrag(href)
            if not link.startswith(base) or SKIP.search(link) or link in seen:
                continue
            seen.add(link)
            queue.append(link)
    return reached, problems


@pytest.mark.parametrize("role", list(MAY_USE))
def test_every_page_of_a_role_is_reached_clean(live_server: Any, browser: Any, role: str) -> None:
    office = build_office()
    shots = Path(os.environ["KUAIBAO_SCREENSHOTS"]) if os.environ.get("KUAIBAO_SCREENSHOTS") else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    page = new_page(browser, phone=False)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, PEOPLE[role][0], PASSWORD)
    reached, problems = crawl(page, live_server.url, office, shots, role)
    missing = MAY_USE[role] - reached
    assert problems == []
    assert missing == set(), f"{role} cannot reach by clicking: {sorted(missing)}"
