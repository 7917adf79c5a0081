"""The 采用情况通报 as a Word file the office sends out under its name, in 公文 style
(kuaibao.core.render.official_docx): title in 小标宋 二号, 主送, text in 仿宋 三号 with 黑体
headings (一、二、三、), the table of units with their rank across the text block, the
deductions, the rules as a note, and the issuer and date on the right."""

from __future__ import annotations

from kuaibao.core.render.official_docx import OfficialDocument
from kuaibao.stats.render.model import Circular, points_text, rate_text

HEADERS = ("排名", "单位", "报送", "采用", "采用率", "上级采用", "约稿按时/应报", "批示反馈/收到", "得分")
# Relative column widths; the table is scaled to the 156 mm text block. The unit's name gets
# the most room, so that 县政务服务和大数据管理局 wraps at most once in 五号.
WIDTHS_MM = (11, 40, 11, 11, 16, 14, 20, 20, 13)


def render_circular_docx(circular: Circular, *, font_profile: str | None = None) -> bytes:
    """The circular as .docx bytes, in the fonts of `font_profile` (the default profile if None)."""
    doc = OfficialDocument(
        title=circular.title, author=circular.publisher, date=circular.date, font_profile=font_profile
    )
    doc.title(circular.title)
    doc.addressee(circular.addressees)
    doc.text(f"现将{circular.period}各单位政务信息报送、采用情况通报如下。")
    doc.heading("一、总体情况")
    doc.text(circular.summary)
    doc.heading("二、各单位得分及排名")
    rows = [
        (
            str(row.rank),
            row.unit,
            str(row.submitted),
            str(row.adopted),
            rate_text(row.rate),
            str(row.external),
            f"{row.on_time}/{row.commissions}",
            f"{row.answered}/{row.instructions}",
            points_text(row.total),
        )
        for row in circular.rows
    ]
    doc.table(HEADERS, rows, WIDTHS_MM)
    doc.heading("三、扣分情况")
    if circular.deductions:
        for line in circular.deductions:
            doc.text(f"{line.unit}：{line.reason}，扣 {points_text(-line.points)} 分。")
    else:
        doc.text("本期无扣分。")
    doc.blank()
    doc.note(f"附：评分规则（{circular.rules_name}）。" + "；".join(circular.rules) + "。")
    doc.signature(circular.publisher, circular.date)
    return doc.save()
