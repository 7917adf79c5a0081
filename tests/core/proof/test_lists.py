"""The office's lists: banned formulations, leaders' names and exact titles."""

from __future__ import annotations

from kuaibao.core.proof import BannedPhrase, Leader, ProofConfig, Proofreader, Severity
from tests.core.proof.helpers import found

READER = Proofreader(
    ProofConfig(
        banned=(BannedPhrase("某提法", "新提法", "已停用"), BannedPhrase("慎用词", severity=Severity.warning)),
        leaders=(Leader("张伟", ("县长",)), Leader("李娜", ("副县长",)), Leader("王强", ("县委副书记", "县长"))),
    )
)


def test_banned_phrase_with_its_suggestion_and_severity() -> None:
    findings = READER.check("坚持某提法，避免慎用词。")
    assert [(f.rule, f.text, f.suggestion, f.severity.value, f.message) for f in findings] == [
        ("list.banned", "某提法", "新提法", "error", "已停用"),
        ("list.banned", "慎用词", None, "warning", "“慎用词”在禁用或慎用表述清单中"),
    ]


def test_wrong_title_before_a_leader() -> None:
    assert found("副县长张伟出席会议。", READER) == [("list.leader_title", "副县长张伟", "县长张伟")]
    assert found("县长李娜出席会议。", READER) == [("list.leader_title", "县长李娜", "副县长李娜")]


def test_right_titles_including_one_of_several() -> None:
    assert found("县长张伟、副县长李娜、县委副书记、县长王强出席会议。", READER) == []


def test_misspelt_name_after_a_leaders_title() -> None:
    assert found("县长张纬主持会议。", READER) == [("list.leader_name", "张纬", "张伟")]


def test_lists_are_empty_by_default() -> None:
    assert found("副县长张伟出席会议。") == []


ORDERED = ProofConfig(
    leaders=(Leader("王强", ("县委书记",)), Leader("张伟", ("县委副书记", "县长")), Leader("李娜", ("副县长",)))
)


def test_leaders_named_in_one_list_follow_the_table() -> None:
    reader = Proofreader(ORDERED)
    assert found("县委书记王强、县长张伟、副县长李娜出席会议。", reader) == []
    assert found("县长张伟、县委书记王强出席会议。", reader) == [("list.leader_order", "县长张伟、县委书记王强", None)]
    (finding,) = reader.check("副县长李娜，县长张伟到东屯镇调研。", parse=False)
    assert "张伟、李娜" in finding.message


def test_leaders_in_different_sentences_are_no_list() -> None:
    assert found("县长张伟在会上强调。县委书记王强指出，要压实责任。", Proofreader(ORDERED)) == []


def test_standard_formulation_names_its_source() -> None:
    entry = BannedPhrase("建国以来", "新中国成立以来", source="中共中央办公厅《关于规范…的通知》", kind="norm")
    reader = Proofreader(ProofConfig(banned=(entry,)))
    (finding,) = reader.check("建国以来，我县发展迅速。", parse=False)
    assert (finding.rule, finding.suggestion) == ("list.norm", "新中国成立以来")
    assert "依据：中共中央办公厅《关于规范…的通知》" in finding.message


def test_config_file_takes_norms_with_sources() -> None:
    config = ProofConfig.from_dict(
        {"norms": [{"phrase": "建国以来", "suggestion": "新中国成立以来", "source": "通知"}]}
    )
    assert config.banned == (BannedPhrase("建国以来", "新中国成立以来", source="通知", kind="norm"),)
