"""The statistics tables: figures extracted from archive items, adoptions by higher outlets,
and the scoring rule sets (one active).

Figures live here rather than in the archive so that importing stays as it is: they are
filled by `kuaibao.stats.figures.refresh_figures`, which is idempotent, from the command line
(`kuaibao figures-index`) or lazily when an item page finds its figures missing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kuaibao.archive.models import Item, Office, Unit, default_office


class Metric(models.Model):
    """指标: a metric phrase as written (交易额, 一般公共预算收入), stored once.

    The explorer finds a metric by substring; searching these few distinct phrases and then
    the figures by key is fast where a substring scan of millions of figures is not."""

    name = models.CharField("指标", max_length=100, unique=True)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class ItemFigure(models.Model):
    """数据: one figure of an archive item, as `kuaibao.core.figures` found it.

    Values are exact decimals (21.4 亿元 is 2140000000 元; 99.9% is 0.999). `date` copies the
    item's issue date so that the explorer groups by month without a join.
    """

    class Field(models.TextChoices):
        TITLE = "title", "标题"
        BODY = "body", "正文"

    # No index of its own: the unique (item, position) index serves lookups by item.
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="figures", verbose_name="信息", db_index=False
    )
    position = models.PositiveIntegerField("序号")
    field = models.CharField("位置", max_length=5, choices=Field.choices)
    start = models.PositiveIntegerField("起")
    end = models.PositiveIntegerField("止")
    text = models.CharField("原文", max_length=100)
    value = models.DecimalField("数值", max_digits=40, decimal_places=10)
    value_max = models.DecimalField("上限", max_digits=40, decimal_places=10, null=True, blank=True)
    unit = models.CharField("计量单位", max_length=20, blank=True)
    metric = models.ForeignKey(
        Metric, on_delete=models.PROTECT, null=True, blank=True, related_name="figures", verbose_name="指标"
    )
    approx = models.CharField("约数", max_length=10, blank=True)
    change = models.CharField("变化", max_length=10, blank=True)
    basis = models.CharField("比较基准", max_length=30, blank=True)
    time_text = models.CharField("时间", max_length=60, blank=True)
    time_start = models.DateField("时间起", null=True, blank=True)
    time_end = models.DateField("时间止", null=True, blank=True)
    date = models.DateField("刊发日期")

    class Meta:
        verbose_name = "数据"
        verbose_name_plural = "数据"
        ordering = ("item", "position")
        constraints = (models.UniqueConstraint(fields=("item", "position"), name="itemfigure_unique_position"),)
        indexes = (models.Index(fields=("unit", "date"), name="itemfigure_unit_date"),)

    def __str__(self) -> str:
        return f"{self.metric or '（无指标）'} {self.text}"


class FigureIndex(models.Model):
    """That an item's figures were extracted (possibly none), and by which extractor version."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, primary_key=True, related_name="figure_index")
    version = models.PositiveIntegerField("提取版本")
    indexed_at = models.DateTimeField("提取时间", auto_now=True)

    class Meta:
        verbose_name = "数据提取记录"
        verbose_name_plural = "数据提取记录"

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class ScoringRules(models.Model):
    """评分规则: an office's rule set (the JSON `kuaibao.core.scoring.RuleSet` reads) and how the
    database's records map onto it. Exactly one rule set is active; administrators edit them."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="scoring_rules", verbose_name="机关", default=default_office
    )
    name = models.CharField("名称", max_length=100)
    rules = models.JSONField(
        "规则",
        help_text=(
            "各级采用、各种形式的分值，批示加分或倍数，联合报送的分成，扣分项和每月定额；"
            "在“人员与设置 › 评分规则”中按表填写。"
        ),
    )
    county_level = models.CharField(
        "本县快报的采用级别",
        max_length=20,
        default="县",
        help_text="档案中每条信息按此级别计分，须是采用分值中的一个级别",
    )
    county_instruction_level = models.CharField(
        "本系统批示的级别",
        max_length=20,
        blank=True,
        default="县领导",
        help_text="领导在本系统中的批示按此级别计分，须是批示加分中的一个级别；留空则不计分",
    )
    feedback_days = models.PositiveSmallIntegerField(
        "批示反馈期限（天）", default=7, help_text="批示超过此天数仍未反馈的，按“批示未反馈”扣分"
    )
    active = models.BooleanField("当前使用", default=False, editable=False)
    note = models.TextField("说明", blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "评分规则"
        verbose_name_plural = "评分规则"
        ordering = ("-active", "name")
        constraints = (
            models.UniqueConstraint(
                fields=("office", "active"), condition=models.Q(active=True), name="scoringrules_one_active_per_office"
            ),
            models.UniqueConstraint(fields=("office", "name"), name="scoringrules_unique_name_per_office"),
        )
        permissions = (("view_statistics", "可以查看统计、排名和采用情况通报"),)

    def __str__(self) -> str:
        return self.name + ("（当前使用）" if self.active else "")


class ExternalAdoption(models.Model):
    """上级采用: an item adopted by a higher outlet (市, 省, 国务院办公厅), recorded by an editor.

    Usually an archive item; an item the county bulletin never carried has only a title and
    its units. `units` keeps the units in written order (the first leads a joint item).
    """

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name="记录机关", default=default_office
    )
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="external_adoptions",
        verbose_name="快报信息",
    )
    title = models.CharField("标题", max_length=300)
    units = models.ManyToManyField(Unit, through="ExternalAdoptionUnit", related_name="+", verbose_name="报送单位")
    level = models.CharField("采用级别", max_length=20)
    form = models.CharField("采用形式", max_length=20, blank=True)
    outlet = models.CharField("采用刊物", max_length=100, blank=True)
    date = models.DateField("采用日期")
    instruction_level = models.CharField("批示级别", max_length=20, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "上级采用"
        verbose_name_plural = "上级采用"
        ordering = ("-date", "-id")
        indexes = (models.Index(fields=("date",), name="externaladoption_date"),)

    def __str__(self) -> str:
        return f"{self.level}采用《{self.title}》"


class ExternalAdoptionUnit(models.Model):
    adoption = models.ForeignKey(ExternalAdoption, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "上级采用的报送单位"
        verbose_name_plural = "上级采用的报送单位"
        ordering = ("position",)
        constraints = (models.UniqueConstraint(fields=("adoption", "unit"), name="externaladoptionunit_unique"),)

    def __str__(self) -> str:
        return f"{self.adoption_id} → {self.unit_id}"
