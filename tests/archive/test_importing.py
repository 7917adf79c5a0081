"""The import action: idempotent, versioned, one transaction per file, originals kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.archive import search
from kuaibao.archive.actions import import_bytes, import_path
from kuaibao.archive.models import Issue, Item, Revision, SourceFile, Unit
from kuaibao.archive.queries import SearchRequest, run_search
from tests.golden import CORPUS

pytestmark = pytest.mark.django_db
FIRST = CORPUS / "000_14293bf241bcd247.txt"


def counts() -> tuple[int, int, int, int, int]:
    return (
        Issue.objects.count(),
        Revision.objects.count(),
        Item.objects.count(),
        SourceFile.objects.count(),
        Unit.objects.count(),
    )


def test_importing_the_corpus_twice_creates_each_issue_once(corpus: list[int]) -> None:
    before = counts()
    again = [import_path(path) for path in sorted(CORPUS.glob("*.txt"))]
    assert [o.status for o in again] == ["unchanged"] * 3
    assert counts() == before
    assert sorted(Issue.objects.values_list("number", flat=True)) == [13, 20, 41]
    assert Item.objects.filter(is_current=True).count() == 9 + 8 + 8


def test_original_bytes_are_kept_with_their_hash(corpus: list[int], data_dir: Path) -> None:
    source = SourceFile.objects.get(name=FIRST.name)
    stored = data_dir / "sources" / source.stored_path
    assert stored.read_bytes() == FIRST.read_bytes()
    assert source.size == FIRST.stat().st_size and source.format == "text"


def test_same_content_in_other_bytes_adds_nothing(corpus: list[int]) -> None:
    before = counts()
    outcome = import_bytes(FIRST.read_text("utf-8").encode("gb18030"), "41.gbk.txt")
    assert outcome.status == "unchanged"
    assert counts() == before


def test_corrected_file_makes_a_new_revision_and_keeps_the_old(corpus: list[int]) -> None:
    corrected = FIRST.read_text("utf-8").replace("县人大大正副主任", "县人大正副主任").replace("交易额达 21.4 亿", "交易额达 21.5 亿")
    outcome = import_bytes(corrected.encode(), "41-corrected.txt")
    assert (outcome.status, outcome.revision) == ("updated", 2)
    issue = Issue.objects.get(number=41)
    assert issue.revisions.count() == 2 and issue.current is not None and issue.current.number == 2
    assert issue.current.distribution[0]["text"].startswith("县委常委，县人大正副主任")
    old = issue.revisions.get(number=1)
    assert old.items.count() == 9 and not old.items.filter(is_current=True).exists()
    hits = run_search(SearchRequest("21.5亿"))
    assert hits.total == 1 and hits.hits[0].item.revision == issue.current
    assert run_search(SearchRequest("21.4亿")).total == 1  # the title still says 21.4 亿元
    assert run_search(SearchRequest("交易额达21.4亿")).total == 0


def test_unreadable_file_fails_with_a_reason_and_changes_nothing(corpus: list[int]) -> None:
    before = counts()
    outcome = import_bytes("县商务局召开会议。会议强调，要抓好落实。".encode(), "article.txt")
    assert outcome.status == "failed" and "不是快报" in outcome.reason
    assert counts() == before


def test_failure_mid_way_rolls_the_whole_file_back(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    def broken(rows: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(search, "add_items", broken)
    with pytest.raises(RuntimeError):
        import_path(FIRST)
    assert counts() == (0, 0, 0, 0, 0)
    monkeypatch.undo()
    assert import_path(FIRST).status == "imported"
    assert run_search(SearchRequest("评标")).total == 1


def test_units_are_resolved_to_the_directory(corpus: list[int]) -> None:
    commerce = Unit.objects.get(name="县商务局")
    assert commerce.kind == Unit.Kind.DEPARTMENT
    assert list(commerce.aliases.values_list("alias", flat=True)) == ["商务局"]
    assert Unit.objects.get(name="东屯镇").kind == Unit.Kind.TOWNSHIP
    assert Unit.objects.get(name="潭龙街道").kind == Unit.Kind.SUBDISTRICT
    item = Item.objects.get(title="县商务局依托特色产业引领电商行业促消费助振兴")
    assert item.units_as_written == ["商务局"]
    assert list(item.units.all()) == [commerce]
