"""Typed input of the newsroom's pages."""

from __future__ import annotations

from typing import Any

from django import forms

from kuaibao.archive.models import Bulletin, Classification, Unit
from kuaibao.newsroom.models import Edition, Request, Submission

MAX_UPLOAD = 10 * 1024 * 1024
TITLE_MAX = 200
BODY_MAX = 20_000


class LongText(forms.CharField):
    """Text whose limit is checked, never enforced by the browser: `maxlength` cuts a long paste
    without a word, so the page counts and warns (ui.js, data-maxlength) and the server refuses
    with the length, the text still in the form."""

    def __init__(self, *, limit: int, rows: int, **kwargs: object) -> None:
        self.limit = limit
        attrs = {"rows": rows, "data-maxlength": limit}
        super().__init__(widget=forms.Textarea(attrs=attrs), **kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> str:
        text = str(super().clean(value))
        if len(text) > self.limit:
            raise forms.ValidationError(
                f"{self.label}过长：{len(text)} 字，超出上限 {self.limit} 字 {len(text) - self.limit} 字。"
                "文字没有丢失，请删减后再保存。"
            )
        return text


class SubmissionForm(forms.Form):
    title = forms.CharField(label="标题", max_length=TITLE_MAX)
    body = LongText(label="正文", limit=BODY_MAX, rows=12)
    suggested_section = forms.CharField(label="建议栏目", max_length=50, required=False)
    contact = forms.CharField(label="联系人及电话", max_length=100, required=False)
    request = forms.ModelChoiceField(
        label="回应约稿", queryset=Request.objects.none(), required=False, empty_label="不回应约稿"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EditForm(forms.Form):
    """An item's text as the unit or the editor edits it, with what to do after saving."""

    THEN = ("save", "submit", "return", "reject", "adopt")

    title = forms.CharField(label="标题", max_length=TITLE_MAX)
    body = LongText(label="正文", limit=BODY_MAX, rows=14)
    suggested_section = forms.CharField(label="建议栏目", max_length=50, required=False)
    contact = forms.CharField(label="联系人及电话", max_length=100, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
    then = forms.ChoiceField(choices=[(t, t) for t in THEN], required=False)
    comment = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)
    edition = forms.IntegerField(required=False)
    section = forms.CharField(label="栏目", max_length=50, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label="上传 Word 稿件（.docx）")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(f"文件过大（上限 {MAX_UPLOAD // 1048576} MB）")
        return upload


class CommentForm(forms.Form):
    comment = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class OptionalCommentForm(forms.Form):
    comment = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)


class InboxFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.all(), required=False, empty_label="全部单位")
    status = forms.ChoiceField(
        label="状态",
        choices=[("", "待处理")] + [c for c in Submission.Status.choices if c[0] != "draft"],
        required=False,
    )
    date_from = forms.DateField(label="报送起", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="报送止", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    request = forms.ModelChoiceField(label="约稿", queryset=Request.objects.all(), required=False, empty_label="全部")


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Request.Kind.choices)
    title = forms.CharField(label="主题", max_length=200)
    description = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    deadline = forms.DateTimeField(
        label="截止时间", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )  # fmt: skip
    units = forms.ModelMultipleChoiceField(label="约稿单位", queryset=Unit.objects.all(), required=False)


class EditionForm(forms.Form):
    bulletin = forms.ModelChoiceField(label="刊物", queryset=Bulletin.objects.all(), empty_label=None)
    supplement = forms.BooleanField(label="增刊", required=False)
    number = forms.IntegerField(label="期号（留空为顺序下一期）", min_value=1, required=False)


class DetailsForm(forms.Form):
    distribution = forms.CharField(label="本期发", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    copies = forms.IntegerField(label="印数", min_value=1, max_value=100000, required=False)
    total_issue = forms.IntegerField(label="总期号", min_value=1, max_value=1000000, required=False)
    classification = forms.ChoiceField(label="密级", choices=Classification.choices, required=False)
    secrecy_period = forms.CharField(
        label="保密期限", max_length=20, required=False, help_text="如“1年”，有密级时印在密级后"
    )
    serial = forms.CharField(label="编号", max_length=30, required=False, help_text="印在报头右上角")
    internal = forms.BooleanField(label="标注“内部资料 注意保存”", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIELDS = ("distribution", "copies", "total_issue", "classification", "secrecy_period", "serial", "internal")

    @classmethod
    def for_edition(cls, edition: Edition) -> DetailsForm:
        initial = {name: getattr(edition, name) for name in cls.FIELDS}
        return cls(initial={**initial, "version": edition.version})

    def clean_secrecy_period(self) -> str:
        period: str = self.cleaned_data.get("secrecy_period") or ""
        if period.strip() and not self.data.get("classification"):
            raise forms.ValidationError("没有密级时不标保密期限")
        return period


class AdoptForm(forms.Form):
    edition = forms.IntegerField()
    section = forms.CharField(max_length=50, required=False)


class InstructionForm(forms.Form):
    text = forms.CharField(label="批示内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    leader_title = forms.CharField(label="职务", max_length=100, required=False)


class FeedbackForm(forms.Form):
    feedback = forms.CharField(label="落实情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class CorrectionForm(forms.Form):
    note = forms.CharField(label="更正说明", max_length=200)


class ForwardForm(forms.Form):
    """转报: the text as the office above should read it (blank: as it is), and a note."""

    title = forms.CharField(label="转报标题", max_length=200, required=False)
    body = forms.CharField(label="转报正文", widget=forms.Textarea(attrs={"rows": 8}), required=False)
    note = forms.CharField(label="转报说明", max_length=100, required=False)


def scoped(form: forms.Form, user: Any) -> forms.Form:
    """Narrow a form's choices of units, requests and bulletins to the person's office
    (kuaibao.newsroom.scope): another office's rows are neither offered nor accepted."""
    from kuaibao.newsroom import scope

    querysets = {"unit": scope.units, "units": scope.units, "bulletin": scope.bulletins}
    if "request" in form.fields and not isinstance(form, SubmissionForm):
        querysets["request"] = scope.requests
    for name, queryset in querysets.items():
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = queryset(user)
    return form
