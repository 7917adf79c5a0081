"""Typed input of the administration pages: people, units, bulletins and the scoring rules as
a form (each row of the rule set a row of fields, explained; never JSON)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.http import QueryDict

from kuaibao.archive.models import FONT_PROFILES, Classification, Unit
from kuaibao.newsroom.actions.accounts import ROLE_LABELS
from kuaibao.newsroom.models import ProofLeader, ProofPhrase
from kuaibao.newsroom.roles import Role


class Form(forms.Form):
    label_suffix = ""


ROLE_CHOICES = [(role.value, ROLE_LABELS[role]) for role in Role]


class PersonForm(Form):
    display_name = forms.CharField(label="姓名", max_length=50, help_text="页面、签发栏和通知里显示的名字")
    username = forms.CharField(label="登录名", max_length=150, help_text="登录时输入，建议用姓名拼音或单位简称")
    roles = forms.MultipleChoiceField(
        label="角色", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
        help_text="信息员为本单位报送；责任编辑编稿组期；审核、签发审签；读者（领导）阅读并批示；管理员管理人员和设置",
    )  # fmt: skip
    unit = forms.ModelChoiceField(
        label="所属单位", queryset=Unit.objects.all(), required=False, help_text="信息员必填",
        empty_label="（不属于单位）",
    )  # fmt: skip
    email = forms.EmailField(label="电子邮件", required=False, help_text="接收待办提醒，可不填")
    password = forms.CharField(
        label="初始密码", required=False, widget=forms.PasswordInput(render_value=False),
        help_text="留空则自动生成，保存后显示一次，请转交本人；本人登录后可自行修改",
    )  # fmt: skip
    active = forms.BooleanField(
        label="在用", required=False, initial=True, help_text="取消勾选即停用账号；其名字仍保留在历史记录中"
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["username"], self.fields["password"]
        else:
            del self.fields["active"]

    def chosen_roles(self) -> set[Role]:
        return {Role(value) for value in self.cleaned_data["roles"]}


class PasswordResetForm(Form):
    password = forms.CharField(
        label="新密码", required=False, widget=forms.PasswordInput,
        help_text="留空则自动生成一个，保存后显示一次",
    )  # fmt: skip


class ImportForm(Form):
    sheet = forms.FileField(label="人员表（Excel .xlsx）")

    def clean_sheet(self) -> Any:
        upload = self.cleaned_data["sheet"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("文件过大（上限 2 MB）")
        return upload


class UnitForm(Form):
    name = forms.CharField(label="规范名称", max_length=100, help_text="署名和统计都用这个名称，如“县商务局”")
    kind = forms.ChoiceField(label="类别", choices=Unit.Kind.choices, help_text="定额考核按类别计算")
    aliases = forms.CharField(
        label="别名", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="其他写法，每行一个（如“商务局”）；导入和署名时都认作本单位",
    )  # fmt: skip

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]


class MergeForm(Form):
    target = forms.ModelChoiceField(
        label="并入", queryset=Unit.objects.all(), help_text="保留的单位", empty_label="请选择单位"
    )


class BulletinForm(Form):
    title = forms.CharField(label="刊名", max_length=100, help_text="报头上的刊名，如“延津政务快报”")
    publisher = forms.CharField(
        label="编发单位", max_length=100, required=False, help_text="报头左下的编发单位，如“延津县人民政府办公室”"
    )
    default_distribution = forms.CharField(
        label="本期发（默认）", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="新建一期时填入的发送范围；审校会检查每期的本期发",
    )  # fmt: skip
    default_copies = forms.IntegerField(
        label="印数（默认）", min_value=1, max_value=100000, required=False, help_text="版末“共印 N 份”；可留空"
    )
    classification = forms.ChoiceField(
        label="密级（默认）", choices=Classification.choices, required=False,
        help_text="印在报头左上角；公开的快报选“无”。每期的编号在编期时填写",
    )  # fmt: skip
    secrecy_period = forms.CharField(
        label="保密期限（默认）", max_length=20, required=False, help_text="如“1年”“长期”，有密级时印在密级后"
    )
    internal = forms.BooleanField(label="标注“内部资料 注意保存”", required=False)
    total_numbering = forms.BooleanField(
        label="标注总期号", required=False, help_text="期号旁印“总第 N 期”，新一期自动顺延"
    )
    font_profile = forms.ChoiceField(
        label="字体方案", choices=FONT_PROFILES, help_text="按办公电脑和印刷厂已装的字体选择；Word、PDF、OFD 都用它"
    )
    single_person_office = forms.BooleanField(
        label="允许一人编审签", required=False,
        help_text="仅限只有一名工作人员的办公室：同一人可组稿、审核并签发同一期，每次都记入审计",
    )  # fmt: skip

    LAYOUT = ("default_copies", "classification", "secrecy_period", "internal", "total_numbering", "font_profile")

    def clean_secrecy_period(self) -> str:
        period: str = (self.cleaned_data.get("secrecy_period") or "").strip()
        if period and not self.data.get("classification"):
            raise forms.ValidationError("没有密级时不标保密期限")
        return period


class LeaderForm(forms.ModelForm):  # type: ignore[type-arg]
    """A row of the 领导排序表."""

    label_suffix = ""

    class Meta:
        model = ProofLeader
        fields = ("rank", "name", "titles", "active", "note")


class PhraseForm(forms.ModelForm):  # type: ignore[type-arg]
    """An entry of the 规范提法 / 禁用词 list."""

    label_suffix = ""

    class Meta:
        model = ProofPhrase
        fields = ("kind", "phrase", "suggestion", "source", "note", "severity", "active")

    def _get_validation_exclusions(self) -> set[str]:
        # The phrase's uniqueness is the action's to check: it says “禁用词中已有……” rather than
        # Django's sentence about a constraint (the form field checks length and blank already).
        return {*super()._get_validation_exclusions(), "phrase"}  # type: ignore[misc]


class SectionForm(Form):
    name = forms.CharField(label="新栏目", max_length=100, help_text="如“项目建设”，不用加【】")


# ---------------------------------------------------------------- scoring rules as a form

COUNTS = [("submitted", "报送条数"), ("adopted", "采用条数")]
COMBINE_INSTRUCTIONS = [("sum", "都计：加分累加，倍数取最大"), ("max", "只计分值最高的一个")]
COMBINE_ADOPTIONS = [("sum", "各级分别计分"), ("max", "只计最高一级")]


class RulesForm(Form):
    name = forms.CharField(label="名称", max_length=100, help_text="如“2024 年政务信息考核办法”")
    county_level = forms.CharField(
        label="本县快报的采用级别", max_length=20, help_text="档案中每条信息按此级别计分，须是下面“采用分值”中的级别"
    )
    county_instruction_level = forms.CharField(
        label="本系统批示的级别", max_length=20, required=False,
        help_text="领导在本系统中的批示按此级别计分，须是下面“批示”中的一个级别；留空则不计分",
    )  # fmt: skip
    default_form = forms.CharField(label="默认采用形式", max_length=20, help_text="采用记录未写形式时按此计分")
    feedback_days = forms.IntegerField(
        label="批示反馈期限（天）", min_value=1, max_value=365, help_text="批示超过此天数仍未反馈的，按“批示未反馈”扣分"
    )
    instruction_combine = forms.ChoiceField(label="同一信息有多个批示时", choices=COMBINE_INSTRUCTIONS)
    adoption_combine = forms.ChoiceField(label="同一信息被多级采用时", choices=COMBINE_ADOPTIONS)
    lead_share = forms.DecimalField(
        label="联合报送时牵头单位所得比例（%）", required=False, min_value=Decimal("0.01"), max_value=100,
        help_text="如 60 表示牵头单位得 60%，其余单位平分余下部分；留空则各单位平分",
    )  # fmt: skip
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


# The repeating parts of a rule set: each a list of rows with these fields (name, label, kind).
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "outlet": [("level", "采用级别", "text"), ("form", "采用形式", "text"), ("points", "每条得分", "number")],
    "instruction": [("level", "批示级别", "text"), ("bonus", "加分", "number"), ("multiplier", "倍数", "number")],
    "penalty": [("kind", "扣分项", "text"), ("points", "每次扣分", "number")],
    "quota": [
        ("category", "单位类别", "text"),
        ("minimum", "每月至少", "number"),
        ("counts", "计数", "counts"),
        ("base", "达到得基础分", "number"),
        ("per_missing", "每少一条扣", "number"),
    ],
}
SPARE_ROWS = 2


def rows_from_rules(rules: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """A rule set's JSON as the form's rows (plus empty rows to add more)."""
    out: dict[str, list[dict[str, str]]] = {
        "outlet": [
            {"level": level, "form": form, "points": str(points)}
            for level, forms_ in rules.get("outlets", {}).items()
            for form, points in forms_.items()
        ],
        "instruction": [
            {"level": level, "bonus": str(rule.get("bonus", 0)), "multiplier": str(rule.get("multiplier", 1))}
            for level, rule in rules.get("instructions", {}).items()
        ],
        "penalty": [{"kind": kind, "points": str(points)} for kind, points in rules.get("penalties", {}).items()],
        "quota": [
            {
                "category": category,
                "minimum": str(q.get("minimum", "")),
                "counts": q.get("counts", "submitted"),
                "base": str(q.get("base", "")),
                "per_missing": str(q.get("per_missing", 0)),
            }
            for category, q in rules.get("quotas", {}).items()
        ],
    }
    for table, columns in TABLES.items():
        out[table] += [{name: "" for name, _, _ in columns} for _ in range(SPARE_ROWS)]
    return out


def rows_from_post(data: QueryDict) -> dict[str, list[dict[str, str]]]:
    """The rows as posted (table-N-field), empty rows dropped."""
    out: dict[str, list[dict[str, str]]] = {}
    for table, columns in TABLES.items():
        count = int(data.get(f"{table}-count", "0") or 0)
        rows = []
        for index in range(min(count, 200)):
            row = {name: data.get(f"{table}-{index}-{name}", "").strip() for name, _, _ in columns}
            if any(value for key, value in row.items() if key != "counts"):
                rows.append(row)
        out[table] = rows
    return out


class RulesError(ValueError):
    pass


def _number(value: str, what: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:
        raise RulesError(f"{what}应为数字：“{value}”") from None


def rules_from_rows(rows: dict[str, list[dict[str, str]]], common: dict[str, Any]) -> dict[str, Any]:
    """The rule set's JSON from the form (checked afterwards by the core scorer)."""
    outlets: dict[str, dict[str, str]] = {}
    for row in rows["outlet"]:
        if not row["level"] or not row["form"]:
            raise RulesError("采用分值的每一行都要填写级别和形式")
        points = _number(row["points"], f"“{row['level']}{row['form']}”的分值")
        outlets.setdefault(row["level"], {})[row["form"]] = str(points)
    instructions = {
        row["level"]: {
            "bonus": str(_number(row["bonus"] or "0", f"“{row['level']}”批示的加分")),
            "multiplier": str(_number(row["multiplier"] or "1", f"“{row['level']}”批示的倍数")),
        }
        for row in rows["instruction"]
    }
    penalties = {row["kind"]: str(_number(row["points"], f"扣分项“{row['kind']}”的分值")) for row in rows["penalty"]}
    quotas = {}
    for row in rows["quota"]:
        try:
            minimum = int(row["minimum"])
        except ValueError:
            raise RulesError(f"“{row['category']}”的每月条数应为整数") from None
        quotas[row["category"]] = {
            "minimum": minimum,
            "base": str(_number(row["base"] or "0", f"“{row['category']}”的基础分")),
            "counts": row["counts"] if row["counts"] in ("submitted", "adopted") else "submitted",
            "per_missing": str(_number(row["per_missing"] or "0", f"“{row['category']}”每少一条的扣分")),
        }
    lead = common.get("lead_share")
    return {
        "outlets": outlets,
        "default_form": common["default_form"],
        "instructions": instructions,
        "instruction_combine": common["instruction_combine"],
        "adoption_combine": common["adoption_combine"],
        "lead_share": None if lead is None else str(lead / 100),
        "penalties": penalties,
        "quotas": quotas,
    }
