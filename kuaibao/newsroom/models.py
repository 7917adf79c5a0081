"""The newsroom's tables: accounts bound to units, submissions with versions, requests (约稿 and
报送要点), editions being compiled and signed, audit, notifications, leaders' instructions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kuaibao.archive.models import Bulletin, Classification, Issue, Item, Office, Revision, Unit, default_office


class Profile(models.Model):
    """What the newsroom knows about an account beyond Django's user: the office it works in (its
    staff membership: the roles it holds apply there only) and, for a reporter, the unit of that
    office it reports for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="staff", verbose_name="所属机关", default=default_office
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name="所属单位")
    display_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "账号资料"
        verbose_name_plural = "账号资料"

    def __str__(self) -> str:
        return self.display_name or self.user.get_username()


class Request(models.Model):
    """约稿 (asking chosen units for an item on a topic by a deadline) or 报送要点 (what to report)."""

    class Kind(models.TextChoices):
        COMMISSION = "commission", "约稿"
        GUIDANCE = "guidance", "报送要点"

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="requests", verbose_name="发出机关", default=default_office
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    title = models.CharField("主题", max_length=200)
    description = models.TextField("说明", blank=True)
    deadline = models.DateTimeField("截止时间", null=True, blank=True)
    units = models.ManyToManyField(Unit, blank=True, verbose_name="约稿单位", related_name="requests")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "约稿与报送要点"
        verbose_name_plural = "约稿与报送要点"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class Submission(models.Model):
    """信息稿件: an item as a unit submitted it and the editors shaped it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已报送"
        RETURNED = "returned", "退回修改"
        ADOPTED = "adopted", "已采用"
        REJECTED = "rejected", "未采用"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions", verbose_name="报送单位")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions")
    request = models.ForeignKey(
        Request, on_delete=models.SET_NULL, null=True, blank=True, related_name="submissions", verbose_name="约稿"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    suggested_section = models.CharField("建议栏目", max_length=50, blank=True)
    contact = models.CharField("联系人及电话", max_length=100, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    comment = models.TextField("编辑意见", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # 转报: a copy an office below forwarded up (its `unit` is that office as a unit here).
    forwarded_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="forwards", verbose_name="转报自"
    )
    origin_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="原报送单位"
    )
    origin_item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="下级刊发的信息"
    )

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-updated_at"]
        permissions = [
            ("submit_items", "可以为本单位报送稿件"),
            ("edit_submissions", "可以编辑、退回和采用稿件"),
        ]
        indexes = [models.Index(fields=["status", "-submitted_at"]), models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return self.title


class SubmissionVersion(models.Model):
    """Every saved state of a submission's text, for history, diff and revert."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "稿件版本"
        verbose_name_plural = "稿件版本"
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="submissionversion_unique")]
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.submission_id} v{self.number}"


class Edition(models.Model):
    """An issue being compiled, reviewed and signed; signing publishes it to the archive."""

    class Status(models.TextChoices):
        EDITING = "editing", "编辑中"
        IN_REVIEW = "in_review", "待审核"
        AWAITING_SIGNATURE = "awaiting_signature", "待签发"
        SIGNED = "signed", "已签发"

    bulletin = models.ForeignKey(Bulletin, on_delete=models.PROTECT, related_name="editions", verbose_name="刊物")
    year = models.PositiveSmallIntegerField("年份")
    number = models.PositiveIntegerField("期号")
    supplement = models.BooleanField("增刊", default=False)
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.EDITING)
    distribution = models.TextField("本期发", blank=True)
    copies = models.PositiveIntegerField("印数", null=True, blank=True)
    # The 简报 marks, from the bulletin's defaults when the edition is made.
    total_issue = models.PositiveIntegerField("总期号", null=True, blank=True)
    classification = models.CharField("密级", max_length=4, choices=Classification.choices, blank=True)
    secrecy_period = models.CharField("保密期限", max_length=20, blank=True)
    serial = models.CharField("编号", max_length=30, blank=True)
    internal = models.BooleanField("内部资料", default=False)
    comment = models.TextField("审核或签发意见", blank=True)
    number_warning = models.CharField("期号提示", max_length=200, blank=True)
    correction_of = models.ForeignKey(Issue, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    correction_note = models.CharField("更正说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    signed_at = models.DateTimeField("签发时间", null=True, blank=True)
    date = models.DateField("日期", null=True, blank=True)
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, null=True, blank=True, related_name="editions")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "编辑中的期"
        verbose_name_plural = "编辑中的期"
        ordering = ["-created_at"]
        permissions = [
            ("compile_editions", "可以组稿编期"),
            ("review_editions", "可以审核"),
            ("sign_editions", "可以签发"),
        ]

    def __str__(self) -> str:
        label = "增刊" if self.supplement else ""
        return f"{self.bulletin.title} {self.year} 年{label}第 {self.number} 期"


class Placement(models.Model):
    """A submission placed in an edition, in a section, at a position; `ready` once edited."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="placements")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="placements")
    section = models.CharField("栏目", max_length=50, blank=True)
    position = models.PositiveIntegerField()
    ready = models.BooleanField("已定稿", default=False)

    class Meta:
        verbose_name = "期中稿件"
        verbose_name_plural = "期中稿件"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["edition", "submission"], name="placement_unique")]

    def __str__(self) -> str:
        return f"{self.edition_id}#{self.position}"


class AuditEntry(models.Model):
    """Who did what, when and from where: one row per transition and edit."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=50)
    summary = models.CharField(max_length=300)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="audit")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, null=True, blank=True, related_name="audit")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, blank=True, related_name="audit")
    data = models.JSONField(default=dict)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.summary


class Notification(models.Model):
    """An in-app notice to whoever must act next."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "提醒"
        verbose_name_plural = "提醒"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text


class Instruction(models.Model):
    """领导批示: a leader's written instruction on a published item; the unit must answer."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="instructions")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    leader_title = models.CharField("领导职务", max_length=100, blank=True)
    level = models.CharField("批示级别", max_length=20, blank=True, help_text="批示领导所在机关的级别")
    text = models.TextField("批示内容")
    created_at = models.DateTimeField(auto_now_add=True)
    feedback = models.TextField("落实情况反馈", blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "领导批示"
        verbose_name_plural = "领导批示"
        ordering = ["-created_at"]
        permissions = [("give_instructions", "可以批示")]

    def __str__(self) -> str:
        return self.text[:40]


class Dismissal(models.Model):
    """A proofreading finding someone judged wrong: never shown again for that text."""

    fingerprint = models.CharField(max_length=40, unique=True)
    rule = models.CharField(max_length=50)
    text = models.CharField(max_length=200)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "忽略的审校提示"
        verbose_name_plural = "忽略的审校提示"

    def __str__(self) -> str:
        return f"{self.rule}: {self.text}"


class ProofLeader(models.Model):
    """领导排序表: a leader's name and exact titles, in the office's order of precedence;
    proofreading checks titles before names and the order of leaders named in one list."""

    name = models.CharField("姓名", max_length=20)
    titles = models.CharField("职务", max_length=100, help_text="多个职务用顿号分隔，如：县委副书记、县长")
    rank = models.PositiveIntegerField("排名", help_text="数字越小排名越靠前")
    active = models.BooleanField("启用", default=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "领导排序"
        verbose_name_plural = "领导排序表"
        ordering = ["rank", "id"]

    def __str__(self) -> str:
        return f"{self.titles} {self.name}"

    def title_list(self) -> tuple[str, ...]:
        return tuple(t.strip() for t in self.titles.replace("，", "、").replace(",", "、").split("、") if t.strip())


class ProofPhrase(models.Model):
    """An entry of the office's 规范提法 or 禁用词 list, with where the rule comes from."""

    class Kind(models.TextChoices):
        NORM = "norm", "规范提法"
        BANNED = "banned", "禁用词"

    class Level(models.TextChoices):
        ERROR = "error", "错误"
        WARNING = "warning", "警告"
        INFO = "info", "提示"

    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.NORM)
    phrase = models.CharField("表述", max_length=100, help_text="文中出现即提示的写法")
    suggestion = models.CharField("应为", max_length=100, blank=True, help_text="规范写法；禁用词可留空")
    source = models.CharField("依据", max_length=200, help_text="文件、标准或通知的名称与文号")
    note = models.CharField("说明", max_length=200, blank=True, help_text="提示中显示的说明；留空则自动生成")
    severity = models.CharField("级别", max_length=10, choices=Level.choices, default=Level.ERROR)
    active = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "规范提法与禁用词"
        verbose_name_plural = "规范提法与禁用词"
        ordering = ["kind", "phrase"]
        constraints = [models.UniqueConstraint(fields=["kind", "phrase"], name="proofphrase_unique_phrase")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.phrase}"


class ProofCounts(models.Model):
    """The character n-gram counts of one archived revision's items (kuaibao.core.proof.adapt):
    summed over the current revisions, they adapt proofreading's language model to the office."""

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="+", verbose_name="版本")
    counts = models.BinaryField("统计数据")
    characters = models.PositiveIntegerField("字数")
    created_at = models.DateTimeField("统计时间", auto_now_add=True)

    class Meta:
        verbose_name = "审校语料统计"
        verbose_name_plural = "审校语料统计"

    def __str__(self) -> str:
        return f"{self.revision}：{self.characters} 字"


class SubmissionFile(models.Model):
    """A Word file a unit sent with a submission (through the API or an upload), kept as sent."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField("大小")
    stored_path = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "稿件附件"
        verbose_name_plural = "稿件附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


# The notifier's tables live beside it (kuaibao/newsroom/notify/models.py).
from kuaibao.newsroom.notify.models import Delivery, DeliveryAttempt, SentOnce, Webhook  # noqa: E402

__all__ = ["Delivery", "DeliveryAttempt", "SentOnce", "Webhook"]
