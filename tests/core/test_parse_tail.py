from __future__ import annotations

from kuaibao.core.parse.tail import read_tail, starts_tail


def tail(*lines: str):  # type: ignore[no-untyped-def]
    return read_tail([(line, number) for number, line in enumerate(lines, start=1)])


def test_sign_off_on_one_line_with_padded_names() -> None:
    staff = tail("责任编辑：李 勉    审核：原超俊    签发：麻彦伟").staff
    assert (staff.editor, staff.reviewer, staff.signer) == ("李勉", "原超俊", "麻彦伟")


def test_sign_off_on_three_lines_and_other_roles() -> None:
    staff = tail("责任编辑：李勉", "审核：原超俊", "签发：麻彦伟", "校对：王 芳").staff
    assert staff.as_dict() == {"责任编辑": "李勉", "审核": "原超俊", "签发": "麻彦伟", "校对": "王芳"}


def test_distribution_wrapped_over_lines_and_several_labels() -> None:
    result = tail("报：市委办公室，", "市政府办公室。", "本期发：县委常委，", "副县长。", "抄送：县人大。")
    assert [(d.label, d.text) for d in result.distribution] == [
        ("报", "市委办公室，市政府办公室。"),
        ("本期发", "县委常委，副县长。"),
        ("抄送", "县人大。"),
    ]


def test_copies_in_brackets_or_as_a_field() -> None:
    assert tail("（共印 120 份）").copies == 120
    assert tail("本期发：县委常委。", "印数：80份").copies == 80


def test_unknown_line_is_reported() -> None:
    result = tail("延津县人民政府办公室　　2023年9月8日印发")
    assert [w.code for w in result.warnings] == ["tail-extra"]


def test_tail_starts_at_distribution_or_sign_off() -> None:
    assert starts_tail("本期发：县委常委")
    assert starts_tail("**责任编辑：** 李勉")
    assert starts_tail("（共印 100 份）")
    assert not starts_tail("送温暖活动惠及群众 300 余户")
