"""Bulletin families as Chinese offices make them, from the rules (not from any one file):
titles of every family, every way of writing the 期号 and the date, 密级 and 编号 at the top,
items with lead-ins, heading lines, numbers or one long article, attributions before, after
or none; web chrome dropped; a 公文 or a report said to be one."""

from __future__ import annotations

import datetime as dt

import pytest

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import parse_bytes

ITEM = "县商务局推动消费品以旧换新　组织商场开展以旧换新活动，带动消费增长。（县商务局）"


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_bytes(text.encode("utf-8"), "family.txt")


@pytest.mark.parametrize(
    ("masthead", "title", "issue", "total", "date"),
    [
        ("寿县政务督查\n20期\n寿县人民政府督查室  2022年8月19", "寿县政务督查", 20, None, dt.date(2022, 8, 19)),
        ("要闻简报 1886 期\n2023年4月12日\n市政府办公室", "要闻简报", 1886, None, dt.date(2023, 4, 12)),
        ("延津政务快报\n第43期\n延津县人民政府办公室\n2023年9月22日", "延津政务快报", 43, None, dt.date(2023, 9, 22)),
        ("平安县政务信息\n第5期（总第128期）\n县政府办公室编　2023年3月10日", "平安县政务信息", 5, 128, dt.date(2023, 3, 10)),
        ("工作动态\n总第56期\n县住建局　2023年5月6日", "工作动态", 56, 56, dt.date(2023, 5, 6)),
        ("督查通报\n2023年第3期\n县政府督查室　2023-06-01", "督查通报", 3, None, dt.date(2023, 6, 1)),
        ("信 息 专 报\n第十二期\n县政府办公室　二〇二四年六月三日", "信息专报", 12, None, dt.date(2024, 6, 3)),
        ("简报\n第二十一期\n县委办公室　　二〇二三年十一月八日", "简报", 21, None, dt.date(2023, 11, 8)),
    ],
)
def test_masthead_forms(masthead: str, title: str, issue: int, total: int | None, date: dt.date) -> None:
    bulletin = parse(f"{masthead}\n\n{ITEM}\n")
    assert (bulletin.title, bulletin.issue, bulletin.total_issue, bulletin.date) == (title, issue, total, date)
    assert bulletin.items[0].units == ("县商务局",)


def test_total_issue_alone_is_also_the_issue() -> None:
    assert parse(f"工作动态\n总第56期\n县住建局　2023年5月6日\n\n{ITEM}\n").issue == 56


def test_publisher_verb_is_not_part_of_its_name() -> None:
    bulletin = parse(f"政务信息\n第5期\n东湖县人民政府办公室编印　　2023年3月10日\n\n{ITEM}\n")
    assert bulletin.publisher == "东湖县人民政府办公室"


def test_secrecy_and_serial_number_at_the_top_are_read_as_marks() -> None:
    bulletin = parse(f"秘密★1年\n编号：000126\n\n政务信息\n第5期\n县政府办公室　2023年3月10日\n\n{ITEM}\n")
    assert (bulletin.marks.classification, bulletin.marks.secrecy_period, bulletin.marks.serial) == (
        "秘密",
        "1年",
        "000126",
    )
    assert not [w for w in bulletin.warnings if w.code == "masthead-notice"]
    assert bulletin.title == "政务信息"


def test_supplement_is_marked() -> None:
    bulletin = parse(f"南山县要情\n增刊　2023年第2期\n县政府值班室　2023年7月30日\n\n{ITEM}\n")
    assert bulletin.supplement and bulletin.issue == 2


def test_date_at_the_foot_with_the_publisher_above() -> None:
    text = f"工作动态\n第3期\n\n{ITEM}\n\n清河县住房和城乡建设局办公室\n2024年4月2日\n"
    bulletin = parse(text)
    assert (bulletin.date, bulletin.publisher) == (dt.date(2024, 4, 2), "清河县住房和城乡建设局办公室")
    assert len(bulletin.items) == 1
    assert any(w.code == "date-at-foot" and "2024年4月2日" in w.message for w in bulletin.warnings)


def test_attribution_before_the_body() -> None:
    text = "政务信息\n第5期\n县政府办公室　2023年3月10日\n\n县医保局推行一站式结算\n（县医保局）\n　　在12家定点医疗机构实现同步结算。\n"
    item = parse(text).items[0]
    assert (item.title, item.units, item.body) == ("县医保局推行一站式结算", ("县医保局",), "在12家定点医疗机构实现同步结算。")


def test_items_without_attribution_are_kept_with_a_warning() -> None:
    text = "工作动态\n第3期\n县住建局　2024年4月2日\n\n县住建局开展燃气安全检查　排查隐患41处。\n\n县教体局启动食品安全月　培训从业人员420人次。\n"
    bulletin = parse(text)
    assert [i.title for i in bulletin.items] == ["县住建局开展燃气安全检查", "县教体局启动食品安全月"]
    assert all(i.units == () for i in bulletin.items)
    assert sum(w.code == "no-attribution" for w in bulletin.warnings) == 2


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "东湖县人民政府办公室文件\n\n东政办〔2021〕38号\n\n关于做好政务信息工作的通知\n\n各乡镇人民政府：\n　　现将有关事项通知如下。\n",
            "这是公文（文号“东政办〔2021〕38号”，《关于做好政务信息工作的通知》），不是快报",
        ),
        ("关于上半年政务信息工作情况的报告\n\n县人民政府：\n　　现将有关情况报告如下。\n", "这是报告（《关于上半年政务信息工作情况的报告》），不是快报"),
        ("发票代码：033002000211\n发票号码：83089647\n开票日期：2020年07月23日\n", "这是发票，不是快报"),
        ("会议记录\n\n今天讨论了三件事。\n", "不是快报：报头中没有期号（第 N 期），文件开头是“会议记录”"),
    ],
)
def test_document_that_is_no_bulletin_says_what_it_is(text: str, says: str) -> None:
    with pytest.raises(UnreadableInput) as caught:
        parse(text)
    assert caught.value.reason == says


def test_web_chrome_is_dropped_and_quoted_exactly() -> None:
    text = (
        "当前位置：首页 > 政务公开 > 政务信息\n"
        "发布时间：2023-05-18 09:30　信息来源：县政府办公室　字号：大 中 小\n"
        f"政务信息\n第7期\n县政府办公室　2023年5月16日\n{ITEM}\n"
        "分享到：微信 微博\n您对本页面内容是否满意？ 满意 不满意\n"
    )
    bulletin = parse(text)
    dropped = [w.message for w in bulletin.warnings if w.code == "web-chrome-dropped"]
    assert "删去网页元素“发布时间：2023-05-18 09:30　信息来源：县政府办公室　字号：大 中 小”（导航、发布信息、元数据、分享或反馈等）" in dropped
    assert len(dropped) == 4
    assert (bulletin.title, bulletin.publisher, len(bulletin.items)) == ("政务信息", "县政府办公室", 1)


def test_masthead_from_the_page_metadata_when_the_content_has_none() -> None:
    text = (
        "文件名称：\t长宁县政务信息（2023年第7期）\t发布机构：\t长宁县人民政府办公室\n"
        "成文日期：\t2023-05-16\t发布日期：\t2023-05-18\n"
        f"{ITEM}\n"
    )
    bulletin = parse(text)
    assert (bulletin.title, bulletin.issue, bulletin.date) == ("长宁县政务信息", 7, dt.date(2023, 5, 16))
    assert bulletin.publisher == "长宁县人民政府办公室"
    assert any(w.code == "masthead-from-page" for w in bulletin.warnings)


def test_tail_line_it_cannot_read_is_quoted_as_written() -> None:
    text = f"政务信息\n第5期\n县政府办公室　2023年3月10日\n\n{ITEM}\n\n本期发：各乡镇。\n责任编辑：李勉\n（此件  公开发布）\n"
    messages = [w.message for w in parse(text).warnings if w.code == "tail-extra"]
    assert messages in ([], ["报尾无法识别的一行：“（此件  公开发布）”"])
