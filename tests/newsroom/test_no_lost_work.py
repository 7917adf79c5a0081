"""No edit is lost through the pages: a submit carries the edits with it, two people's changes to
different fields both survive, a field both changed is shown side by side to decide, a locked
item is read-only with the reason, an edited item loses its 定稿 mark, and a long paste is
refused with its length, never cut. Each of these failed on the pages before issue 15."""

from __future__ import annotations

import pytest
from django.test import Client

from kuaibao.newsroom.actions import editions as edition_actions
from kuaibao.newsroom.actions import submissions as actions
from kuaibao.newsroom.models import Placement, Submission
from tests.newsroom.conftest import People, ready_edition, submitted, write

pytestmark = pytest.mark.django_db


def as_(people: People, who: str) -> Client:
    client = Client()
    client.force_login(getattr(people, who))
    return client


def post_save(client: Client, item: Submission, **fields: object) -> object:
    data = {"title": item.title, "body": item.body, "version": item.version, "then": "save"}
    data.update(fields)
    return client.post(f"/newsroom/submissions/{item.pk}/save/", data)


def test_submitting_a_returned_item_sends_the_edits_made_on_the_page(people: People) -> None:
    item = submitted(people)
    actions.return_submission(people.act("editor"), item, comment="请补充具体数字")
    item.refresh_from_db()
    reporter = as_(people, "reporter")
    page = reporter.get(f"/newsroom/submissions/{item.pk}/").content.decode()
    assert 'value="submit"' in page and "保存并报送" in page
    response = post_save(reporter, item, body="补充了数字：总投资350万元，带动105人增收。", then="submit")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Submission.Status.SUBMITTED
    assert item.body == "补充了数字：总投资350万元，带动105人增收。"


def test_a_new_item_can_be_saved_and_submitted_in_one_click(people: People) -> None:
    reporter = as_(people, "reporter")
    response = reporter.post(
        "/newsroom/submissions/new/", {"title": "东屯镇秸秆还田", "body": "还田面积2万余亩。", "then": "submit"}
    )
    assert response.status_code == 302
    assert Submission.objects.get(title="东屯镇秸秆还田").status == Submission.Status.SUBMITTED


def test_changes_to_different_fields_by_two_editors_both_survive(people: People) -> None:
    item = submitted(people)
    seen = item.version
    first, second = as_(people, "editor"), as_(people, "editor")
    assert post_save(first, item, title="甲改的标题").status_code == 302
    # The second editor opened the same version and changed only the body.
    response = post_save(second, item, body="乙改写的正文。", version=seen)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "甲改的标题" and item.body == "乙改写的正文。"
    assert "合并" in item.versions.first().note


def test_a_second_save_never_reverts_what_it_did_not_change(people: People) -> None:
    item = submitted(people)
    seen = item.version
    actions.edit(people.act("editor"), item, title="甲改的标题", body=item.body, expected_version=seen)
    stale = Submission.objects.get(pk=item.pk)
    stale.title, stale.version = "东屯镇狠抓项目建设促进经济发展", seen  # the page as the other editor opened it
    assert post_save(as_(people, "editor"), stale).status_code == 302  # saved without changing anything
    item.refresh_from_db()
    assert item.title == "甲改的标题"


def test_the_same_field_changed_twice_shows_both_texts_to_decide(people: People) -> None:
    item = submitted(people)
    seen = item.version
    actions.edit(people.act("editor"), item, title="甲改的标题", body="甲改写的正文。", expected_version=seen)
    stale = Submission.objects.get(pk=item.pk)
    stale.version = seen
    response = post_save(as_(people, "editor"), stale, title=stale.title, body="乙改写的正文。")
    assert response.status_code == 409
    html = response.content.decode()
    assert 'class="merge"' in html and "甲改写的正文。" in html and "乙改写的正文。" in html
    assert "<del>甲</del><ins>乙</ins>" in html  # the diff between the two
    assert 'name="resolve_body"' in html
    assert 'value="甲改的标题"' in html  # the title, changed by the other only, kept in the form
    item.refresh_from_db()
    assert item.body == "甲改写的正文。"  # nothing saved yet
    # Deciding for the other editor's body keeps it; the form now carries the current version.
    response = post_save(as_(people, "editor"), item, body="乙改写的正文。", resolve_body="theirs")
    item.refresh_from_db()
    assert item.body == "甲改写的正文。"


def test_a_locked_item_is_shown_read_only_with_the_reason(people: People, bulletin: object) -> None:
    edition = ready_edition(people, bulletin)
    edition_actions.send_to_review(people.act("editor"), edition, reason="")
    item = edition.placements.first().submission
    html = as_(people, "editor").get(f"/newsroom/submissions/{item.pk}/").content.decode()
    assert 'name="body"' not in html
    assert 'id="lock-reason"' in html and "正在等待审核" in html and "退回" in html


def test_a_submitted_item_is_read_only_for_its_unit_with_the_reason(people: People) -> None:
    item = submitted(people)
    html = as_(people, "reporter").get(f"/newsroom/submissions/{item.pk}/").content.decode()
    assert 'name="body"' not in html and "正在等待编辑处理" in html


def test_editing_a_final_item_clears_its_mark(people: People, bulletin: object) -> None:
    edition = ready_edition(people, bulletin, count=1)
    placement = edition.placements.get()
    item = placement.submission
    response = post_save(as_(people, "editor"), item, body="编辑又改了一处。")
    assert response.status_code == 302
    assert not Placement.objects.get(pk=placement.pk).ready
    assert edition.audit.filter(action="edition.unready").exists()


def test_a_long_paste_is_refused_with_its_length_and_kept(people: People) -> None:
    item = write(people)
    reporter = as_(people, "reporter")
    page = reporter.get(f"/newsroom/submissions/{item.pk}/").content.decode()
    assert ' maxlength="20000"' not in page and 'data-maxlength="20000"' in page
    long_body = "字" * 20_005
    response = post_save(reporter, item, body=long_body)
    assert response.status_code == 400
    html = response.content.decode()
    assert "20005 字，超出上限 20000 字 5 字" in html and long_body in html


def test_a_failed_follow_up_keeps_the_edits_on_the_page(people: People) -> None:
    item = submitted(people)
    response = post_save(as_(people, "editor"), item, body="编辑改过的正文。", then="return", comment="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "退回修改必须写明意见" in html and "编辑改过的正文。" in html
    item.refresh_from_db()
    assert item.body != "编辑改过的正文。" and item.status == Submission.Status.SUBMITTED


def test_an_editor_sees_similar_archive_items_with_the_shared_passage(people: People, settings: object) -> None:
    from kuaibao.archive.actions import import_path
    from tests.golden import CORPUS

    for path in sorted(CORPUS.glob("*.txt")):
        assert import_path(path).status == "imported"
    body = "定期召开重点指标、重点项目、重点工作任务落实情况汇报会，实时掌握项目建设进度，会商研判下一步推进措施。"
    item = actions.submit(
        people.act("reporter"), actions.create_submission(people.act("reporter"), title="东屯镇再报项目建设", body=body)
    )
    html = as_(people, "editor").get(f"/newsroom/submissions/{item.pk}/").content.decode()
    similar = html.split('id="similar"')[1].split("</section>")[0]
    assert "东屯镇狠抓项目建设促进经济发展" in similar and "<mark>" in similar
