"""采用情况通报: the ranking of a period as the circular's plain data, for the DOCX and XLSX."""

from __future__ import annotations

from django.utils import timezone

from kuaibao.archive.models import Bulletin
from kuaibao.stats.render.model import Circular, CircularLine, CircularRow
from kuaibao.stats.rules import summary as rules_summary
from kuaibao.stats.statistics import Ranking

DEFAULT_PUBLISHER = "县人民政府办公室"
ADDRESSEES = "各乡镇人民政府、街道办事处，县直各单位："
LINE_KINDS = {"adoption": "采用", "penalty": "扣分", "quota": "定额"}


def build_circular(ranking: Ranking) -> Circular:
    """The circular of a ranking that has no error (the view checks)."""
    if ranking.rules is None or ranking.summary is None:
        raise ValueError(ranking.error or "no rules")
    s = ranking.summary
    office = ranking.rules.row.office
    bulletin = Bulletin.objects.filter(office=office).exclude(publisher="").order_by("pk").first()
    text = (
        f"{ranking.period.label}，共收到 {s.units} 个单位报送的政务信息 {s.submitted} 条，"
        f"快报采用 {s.adopted_items} 条，被上级采用 {s.external} 条次；"
        f"约稿 {s.commissions} 项次，按时报送 {s.on_time} 项次；领导批示 {s.instructions} 件，已反馈 {s.answered} 件。"
    )
    rows = tuple(
        CircularRow(
            rank=row.score.rank,
            unit=row.stats.unit,
            kind=row.stats.kind,
            submitted=row.stats.submitted,
            adopted=row.stats.adopted,
            rate=row.stats.adoption_rate,
            external=row.stats.external,
            commissions=row.stats.commissions,
            on_time=row.stats.on_time,
            instructions=row.stats.instructions,
            answered=row.stats.answered,
            adoption_points=row.score.adoption,
            penalty_points=row.score.penalty,
            quota_points=row.score.quota,
            total=row.score.total,
        )
        for row in ranking.rows
    )
    lines = tuple(
        CircularLine(line.unit, line.month, LINE_KINDS[line.kind], line.points, line.reason)
        for row in ranking.rows
        for line in row.lines
    )
    return Circular(
        title=f"关于{ranking.period.label}政务信息报送采用情况的通报",
        period=ranking.period.label,
        publisher=bulletin.publisher if bulletin is not None else (office.name or DEFAULT_PUBLISHER),
        date=timezone.localtime(ranking.generated_at).date(),
        addressees=ADDRESSEES,
        summary=text,
        rows=rows,
        lines=lines,
        rules_name=ranking.rules.row.name,
        rules=tuple(rules_summary(ranking.rules.rules)),
    )


def filename(ranking: Ranking, suffix: str) -> str:
    return f"采用情况通报-{ranking.period.key}.{suffix}"
