"""The archive's tables: bulletins, their issues and revisions, items, units, source files.

An issue is identified by bulletin, year, 增刊 flag and number. Each import of a changed file
for that issue adds a `Revision`; the issue points at its current one, older ones stay.
Items belong to a revision and carry copies of the fields search filters on (bulletin, date,
section, current) so that a search query needs no joins beyond units.
"""

from __future__ import annotations

from django.db import models

from kuaibao.core.render.official import DEFAULT_PROFILE, PROFILES

# The fonts the office's machines have (kuaibao.core.render.official).
FONT_PROFILES = [(key, profile.label) for key, profile in PROFILES.items()]


class Office(models.Model):
    """机关: a government office that runs bulletins (延津县人民政府办公室). Offices form a tree:
    an office below reports to the one above as one of that office's units (`Unit.represents`).
    Units, bulletins, staff, requests and scoring rules each belong to one office."""

    class Level(models.TextChoices):
        # The values are the outlet levels scoring rules name (kuaibao.core.scoring).
        TOWNSHIP = "乡镇", "乡镇"
        COUNTY = "县", "县（区）"
        CITY = "市", "市"
        PROVINCE = "省", "省"
        STATE = "国务院办公厅", "国务院办公厅"

    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True, help_text="如“延津县”，用于列表和转报说明")
    level = models.CharField("级别", max_length=20, choices=Level.choices, default=Level.COUNTY)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级机关"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list[Office]:
        """The offices above, nearest first."""
        out: list[Office] = []
        office = self.parent
        while office is not None and office not in out:
            out.append(office)
            office = office.parent
        return out

    def descendant_ids(self) -> set[int]:
        """This office's id and those of every office below it."""
        found = {self.pk}
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Office.objects.filter(parent_id__in=frontier).exclude(pk__in=found).values_list("pk", flat=True)
            )
            found.update(frontier)
        return found


class MoreThanOneOffice(Exception):
    """A row was made without naming its office in an installation that has several."""


def default_office() -> int:
    """The office of a row made without one: the installation's only office (made, as 本级办公室,
    when there is none yet). A single-office installation never has to name it; one with
    several must, and a row that does not is refused rather than filed under a guess."""
    ids = list(Office.objects.values_list("pk", flat=True)[:2])
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise MoreThanOneOffice("本系统有多个机关，请指明所属机关")
    return Office.objects.create(name="本级办公室").pk


class Unit(models.Model):
    """报送单位: a department, township or subdistrict that reports news to an office, or an
    office below (`represents`) reporting to the office above."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "部门"
        TOWNSHIP = "township", "乡镇"
        SUBDISTRICT = "subdistrict", "街道"
        OFFICE = "office", "下级机关"
        OTHER = "other", "其他"

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="units", verbose_name="所属机关", default=default_office
    )
    name = models.CharField("规范名称", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    represents = models.OneToOneField(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="as_unit",
        verbose_name="代表的下级机关",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "报送单位"
        verbose_name_plural = "报送单位"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="unit_unique_name_per_office")]

    def __str__(self) -> str:
        return self.name


class UnitAlias(models.Model):
    """Another name a unit is written as (商务局 for 县商务局)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name="单位")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+", default=default_office)
    alias = models.CharField("别名", max_length=100)

    class Meta:
        verbose_name = "单位别名"
        verbose_name_plural = "单位别名"
        constraints = [models.UniqueConstraint(fields=["office", "alias"], name="unitalias_unique_per_office")]

    def __str__(self) -> str:
        return f"{self.alias} → {self.unit.name}"


class Classification(models.TextChoices):
    """密级 of an issue (GB/T 9704-2012 7.2.2); blank for an open one."""

    NONE = "", "无"
    SECRET = "秘密", "秘密"
    CONFIDENTIAL = "机密", "机密"
    TOP_SECRET = "绝密", "绝密"


class Bulletin(models.Model):
    """刊物: a bulletin such as 延津政务快报; its 增刊 are issues flagged as supplements.

    The layout fields are the defaults of every new issue (an edition may change them)."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="bulletins", verbose_name="编发机关", default=default_office
    )
    title = models.CharField("刊名", max_length=100)
    info_type = models.CharField(
        "信息类别",
        max_length=20,
        blank=True,
        help_text="如“每日要情”“专报信息”“综合信息”；评分规则按此确定采用形式，留空按默认形式",
    )
    slug = models.SlugField("网址名", max_length=50, unique=True)
    publisher = models.CharField("编发单位", max_length=100, blank=True)
    default_distribution = models.TextField("默认发送范围", blank=True)
    classification = models.CharField("默认密级", max_length=4, choices=Classification.choices, blank=True)
    secrecy_period = models.CharField("默认保密期限", max_length=20, blank=True, help_text="如“1年”“长期”")
    internal = models.BooleanField("标注“内部资料 注意保存”", default=False)
    default_copies = models.PositiveIntegerField("默认印数", null=True, blank=True)
    total_numbering = models.BooleanField("标注总期号", default=False, help_text="期号旁印“总第 N 期”，新一期自动顺延")
    font_profile = models.CharField("字体方案", max_length=20, choices=FONT_PROFILES, default=DEFAULT_PROFILE)
    single_person_office = models.BooleanField(
        "允许一人编审签",
        default=False,
        help_text="只有一名工作人员的办公室：同一人可组稿、审核并签发同一期（每次都记入审计）",
    )

    class Meta:
        verbose_name = "刊物"
        verbose_name_plural = "刊物"
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["office", "title"], name="bulletin_unique_title_per_office")]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """栏目: a section name used by a bulletin (【项目建设】)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="sections", verbose_name="刊物")
    name = models.CharField("栏目", max_length=100)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        constraints = [models.UniqueConstraint(fields=["bulletin", "name"], name="section_unique_name")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SourceFile(models.Model):
    """An imported file: its original bytes are stored under the data directory by hash."""

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小")
    format = models.CharField("格式", max_length=20)
    encoding = models.CharField("编码", max_length=30, blank=True)
    stored_path = models.CharField(max_length=255)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "源文件"
        verbose_name_plural = "源文件"

    def __str__(self) -> str:
        return self.name


class Issue(models.Model):
    """期: one numbered issue of a bulletin."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.PROTECT, related_name="issues", verbose_name="刊物")
    year = models.PositiveSmallIntegerField("年份")
    number = models.PositiveIntegerField("期号")
    supplement = models.BooleanField("增刊", default=False)
    date = models.DateField("日期")
    current = models.OneToOneField(
        "Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="当前版本"
    )

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "year", "supplement", "number"], name="issue_unique_number")
        ]
        ordering = ["-date", "-number"]
        indexes = [
            models.Index(fields=["bulletin", "-date"]),
            # The latest issues (home page, months), without sorting every issue.
            models.Index(
                fields=["-date", "-number"], condition=models.Q(current__isnull=False), name="issue_published_by_date"
            ),
        ]

    def __str__(self) -> str:
        label = "增刊" if self.supplement else ""
        return f"{self.bulletin.title} {self.year} 年{label}第 {self.number} 期"


class Revision(models.Model):
    """One version of an issue's content, from an import (or, later, a correction)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="revisions", verbose_name="期")
    number = models.PositiveIntegerField("版本号")
    source = models.ForeignKey(SourceFile, on_delete=models.PROTECT, null=True, blank=True, verbose_name="源文件")
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    masthead_title = models.CharField("报头", max_length=100)
    publisher = models.CharField("编发单位", max_length=100, blank=True)
    date = models.DateField("日期")
    total_issue = models.PositiveIntegerField("总期号", null=True, blank=True)
    copies = models.PositiveIntegerField("印数", null=True, blank=True)
    classification = models.CharField("密级", max_length=4, choices=Classification.choices, blank=True)
    secrecy_period = models.CharField("保密期限", max_length=20, blank=True)
    serial = models.CharField("编号", max_length=30, blank=True)
    internal = models.BooleanField("内部资料", default=False)
    distribution = models.JSONField("发送范围", default=list)
    staff = models.JSONField("签发", default=dict)
    warnings = models.JSONField("导入提示", default=list)
    content_hash = models.CharField("内容摘要", max_length=64)

    class Meta:
        verbose_name = "版本"
        verbose_name_plural = "版本"
        constraints = [models.UniqueConstraint(fields=["issue", "number"], name="revision_unique_number")]
        ordering = ["issue", "-number"]

    def __str__(self) -> str:
        return f"{self.issue} 第 {self.number} 版"


class Item(models.Model):
    """信息: one news item of a revision."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="items", verbose_name="版本")
    position = models.PositiveIntegerField("序号")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, null=True, blank=True, verbose_name="栏目")
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文")
    paragraphs = models.JSONField("段落", default=list)
    units_as_written = models.JSONField("署名", default=list)
    units = models.ManyToManyField(Unit, through="ItemUnit", related_name="items", verbose_name="单位")
    # Copies of the revision's place, for filtering without joins.
    bulletin = models.ForeignKey(Bulletin, on_delete=models.PROTECT, related_name="+")
    date = models.DateField("日期")
    is_current = models.BooleanField(default=True)
    # The filter tokens indexed with the text (bulletin, section, units), kept so that the
    # item can be removed from the search index with exactly what it was indexed with.
    search_tags = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        verbose_name = "信息"
        verbose_name_plural = "信息"
        ordering = ["revision", "position"]
        constraints = [models.UniqueConstraint(fields=["revision", "position"], name="item_unique_position")]
        indexes = [
            # Current items newest first. Partial, because Django writes `is_current=True` as a
            # bare `WHERE "is_current"`, which SQLite matches to a partial index's condition but
            # not to an equality on an index column (the unit pages scanned 1M items).
            models.Index(
                fields=["-date", "position"], condition=models.Q(is_current=True), name="item_current_by_date"
            ),
            models.Index(fields=["bulletin", "is_current", "-date"]),
        ]

    def __str__(self) -> str:
        return self.title


class ItemUnit(models.Model):
    """An item's attributed unit, in the order written."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "信息署名单位"
        verbose_name_plural = "信息署名单位"
        constraints = [models.UniqueConstraint(fields=["item", "unit"], name="itemunit_unique")]
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.unit_id}"


class RenderedFile(models.Model):
    """A revision in a published format, generated once and kept (revisions never change)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="rendered")
    format = models.CharField("格式", max_length=10)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    stored_path = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "已生成的文件"
        verbose_name_plural = "已生成的文件"
        constraints = [models.UniqueConstraint(fields=["revision", "format"], name="renderedfile_unique")]

    def __str__(self) -> str:
        return f"{self.revision} ({self.format})"
