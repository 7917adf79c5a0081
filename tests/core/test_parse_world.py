"""The world corpus (tests/fixtures/world): bulletins of other counties and families, written
from the rules of how offices lay them out (and real public documents, see SOURCES.md), each
beside its hand-checked gold; documents that are no bulletin are said to be what they are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import parse_bytes, parse_path
from kuaibao.core.render.json import to_dict
from tests.golden import FIXTURES, differences
from tests.scanner import OFFICE_200, OFFICE_300, Scanner, scanned_ofd, scanned_pdf

WORLD = FIXTURES / "world"
GOLDS = sorted(WORLD.glob("*.gold.json"))
NOT_BULLETINS: dict[str, str] = json.loads((WORLD / "not-bulletins.json").read_text("utf-8"))


def sources(gold: Path) -> list[Path]:
    """The file as written and the formats made from it (scripts/make_world.py: Word 97 by
    LibreOffice, its PDF export, that PDF printed to OFD)."""
    stem = gold.name.removesuffix(".gold.json")
    candidates = [*WORLD.iterdir(), *(WORLD / "formats").iterdir()]
    return sorted(
        p for p in candidates if p.is_file() and p.name.split(".")[0] == stem and not p.name.endswith(".json")
    )


def world_differences(path: Path, gold: dict[str, Any]) -> list[str]:
    bulletin = parse_path(path)
    out = differences(bulletin, gold)
    got = to_dict(bulletin)
    for key in ("total_issue", "supplement"):
        if got.get(key) != gold.get(key, None if key == "total_issue" else False):
            out.append(f"{key}: {got.get(key)!r} != {gold.get(key)!r}")
    return out


CASES = [(source, gold) for gold in GOLDS for source in sources(gold)]


@pytest.mark.parametrize(("source", "gold"), CASES, ids=[s.name for s, _ in CASES])
def test_world_file_parses_to_gold(source: Path, gold: Path) -> None:
    assert world_differences(source, json.loads(gold.read_text("utf-8"))) == []


def test_every_world_bulletin_comes_in_every_format() -> None:
    for gold in GOLDS:
        suffixes = {p.suffix for p in sources(gold)}
        if ".html" in suffixes:
            continue  # a web page: its text copy (w08) goes through every format
        assert {".doc", ".pdf", ".ofd"} <= suffixes, gold.name


@pytest.mark.parametrize(("stem", "kind"), sorted(NOT_BULLETINS.items()))
def test_document_that_is_no_bulletin_is_named(stem: str, kind: str) -> None:
    for path in sorted(WORLD.glob(f"{stem}.*")):
        with pytest.raises(UnreadableInput) as caught:
            parse_path(path)
        assert caught.value.reason.startswith(f"这是{kind}"), caught.value.reason
        assert "\n" not in caught.value.reason


REAL = sorted(gold for gold in GOLDS if gold.name.startswith("r"))


@pytest.mark.parametrize("scanner", [OFFICE_300, OFFICE_200], ids=["300dpi-office", "200dpi-office"])
@pytest.mark.parametrize("gold", REAL, ids=[g.name.split(".")[0] for g in REAL])
def test_real_bulletin_printed_and_scanned_parses_to_gold(gold: Path, scanner: Scanner) -> None:
    """A real public bulletin (SOURCES.md), typed into Word, printed and scanned the way offices
    scan (skewed, noisy, dusty, JPEG), at 300 and at 200 dpi."""
    stem = gold.name.removesuffix(".gold.json")
    pdf = (WORLD / "formats" / f"{stem}.pdf").read_bytes()
    bulletin = parse_bytes(scanned_pdf(pdf, scanner), f"{stem}-scan.pdf")
    assert bulletin.provenance is not None and bulletin.provenance.format == "pdf-scan"
    assert differences(bulletin, json.loads(gold.read_text("utf-8"))) == []


@pytest.mark.parametrize("gold", REAL, ids=[g.name.split(".")[0] for g in REAL])
def test_real_bulletin_scanned_into_ofd_parses_to_gold(gold: Path) -> None:
    """An OFD whose pages are only scanned images (an 电子公文 system keeping signed paper):
    the pictures are recognised."""
    stem = gold.name.removesuffix(".gold.json")
    pdf = (WORLD / "formats" / f"{stem}.pdf").read_bytes()
    bulletin = parse_bytes(scanned_ofd(pdf, OFFICE_300), f"{stem}-scan.ofd")
    assert bulletin.provenance is not None and bulletin.provenance.format == "ofd-scan"
    assert any(w.code == "ocr" for w in bulletin.warnings)
    assert differences(bulletin, json.loads(gold.read_text("utf-8"))) == []
