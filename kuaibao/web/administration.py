"""The office's administration, in Chinese: people (with a bulk import from Excel and password
resets), units (kinds, aliases, merging two), bulletins (their defaults and sections) and the
scoring rules as a form. Views parse and call actions; Django's admin is for superusers only."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from kuaibao.newsroom import scope
from kuaibao.newsroom.actions import accounts
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden
from kuaibao.newsroom.models import Profile
from kuaibao.newsroom.roles import GROUP_NAMES, Role
from kuaibao.stats.actions import activate_rules, save_rules
from kuaibao.stats.models import ScoringRules
from kuaibao.stats.rules import summary
from kuaibao.web import actions as web_actions
from kuaibao.web.access import administration_view
from kuaibao.web.forms import (
    TABLES,
    BulletinForm,
    ImportForm,
    MergeForm,
    PasswordResetForm,
    PersonForm,
    RulesError,
    RulesForm,
    SectionForm,
    UnitForm,
    rows_from_post,
    rows_from_rules,
    rules_from_rows,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_HEADERS = ["姓名", "登录名", "角色", "单位", "电子邮件"]
ROLE_BY_LABEL = {label: role for role, label in accounts.ROLE_LABELS.items()}


def _actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


def _people(request: HttpRequest) -> QuerySet[User]:
    """The people of the administrator's office (kuaibao.newsroom.scope); others are not found."""
    return scope.of_office(request.user, User.objects.all(), "profile__office_id")


def _rule_sets(request: HttpRequest) -> QuerySet[ScoringRules]:
    return scope.of_office(request.user, ScoringRules.objects.all(), "office_id")


# ---------------------------------------------------------------- people


@administration_view
def people(request: HttpRequest) -> HttpResponse:
    rows = scope.of_office(request.user, User.objects.all(), "profile__office_id")
    rows = rows.select_related("profile__unit").prefetch_related("groups").order_by("-is_active", "username")
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    if query:
        rows = rows.filter(
            Q(profile__display_name__contains=query)
            | Q(username__icontains=query)
            | Q(profile__unit__name__contains=query)
        )
    if role in GROUP_NAMES:
        rows = rows.filter(groups__name=GROUP_NAMES[Role(role)])
    context = {"people": rows[:500], "query": query, "role": role, "roles": accounts.ROLE_LABELS.items()}
    return render(request, "web/people.html", context)


def _role_labels(user: User) -> str:
    names = {g.name for g in user.groups.all()}
    return "、".join(label for label in accounts.ROLE_LABELS.values() if label in names)


@administration_view
def person_new(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    form.fields["unit"].queryset = scope.units(request.user)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = accounts.add_person(
                _actor(request),
                username=data["username"],
                display_name=data["display_name"],
                roles=form.chosen_roles(),
                unit=data["unit"],
                email=data["email"],
                password=data["password"],
            )
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            return render(request, "web/password_shown.html", {"person": user, "password": password, "new": True})
    return render(request, "web/person_form.html", {"form": form, "person": None})


@administration_view
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(_people(request).select_related("profile__unit"), pk=pk)
    profile = getattr(user, "profile", None)
    initial = {
        "display_name": getattr(profile, "display_name", ""),
        "roles": [
            role.value for role, label in accounts.ROLE_LABELS.items() if user.groups.filter(name=label).exists()
        ],
        "unit": getattr(profile, "unit", None),
        "email": user.email,
        "active": user.is_active,
    }
    form = PersonForm(request.POST or None, initial=initial, editing=True)
    form.fields["unit"].queryset = scope.units(request.user)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            accounts.change_person(
                _actor(request),
                user,
                display_name=data["display_name"],
                roles=form.chosen_roles(),
                unit=data["unit"],
                email=data["email"],
                active=data["active"],
            )
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存 {data['display_name']} 的资料")
            return redirect(reverse("web:people"))
    context = {"form": form, "person": user, "reset": PasswordResetForm(), "roles_text": _role_labels(user)}
    return render(request, "web/person_form.html", context)


@administration_view
def person_password(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(_people(request), pk=pk)
    form = PasswordResetForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect(reverse("web:person", args=[pk]))
    try:
        password = accounts.reset_password(_actor(request), user, password=form.cleaned_data["password"])
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("web:person", args=[pk]))
    return render(request, "web/password_shown.html", {"person": user, "password": password, "new": False})


def _read_sheet(data: bytes) -> list[accounts.PersonRow]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ActionError("无法读取这个文件：请上传 Excel（.xlsx）格式的人员表") from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True, max_row=2001))
    if not rows:
        raise ActionError("表格是空的")
    header = [str(c or "").strip() for c in rows[0]]
    missing = [h for h in SHEET_HEADERS[:4] if h not in header]
    if missing:
        raise ActionError(f"第 1 行应为表头，缺少：{'、'.join(missing)}（请用“下载模板”中的格式）")
    if len(rows) > 2001:
        raise ActionError("一次最多导入 2000 人")
    where = {name: header.index(name) for name in SHEET_HEADERS if name in header}
    out = []
    for line, row in enumerate(rows[1:], start=2):
        cells = {name: str(row[index] or "").strip() if index < len(row) else "" for name, index in where.items()}
        if not any(cells.values()):
            continue
        roles = set()
        for label in cells["角色"].replace("，", "、").replace(",", "、").split("、"):
            if label.strip():
                if label.strip() not in ROLE_BY_LABEL:
                    raise ActionError(
                        f"第 {line} 行：不认识的角色“{label.strip()}”（可用：{'、'.join(ROLE_BY_LABEL)}）"
                    )
                roles.add(ROLE_BY_LABEL[label.strip()])
        out.append(
            accounts.PersonRow(line, cells["姓名"], cells["登录名"], roles, cells["单位"], cells.get("电子邮件", ""))
        )
    return out


@administration_view
def people_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = _read_sheet(form.cleaned_data["sheet"].read())
            created = accounts.import_people(_actor(request), rows)
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
        except ActionError as exc:
            form.add_error("sheet", exc.message)
        else:
            return render(request, "web/people_imported.html", {"created": created})
    return render(request, "web/people_import.html", {"form": form, "headers": SHEET_HEADERS})


@administration_view
def people_template(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook has one sheet
    sheet.title = "人员"
    sheet.append(SHEET_HEADERS)
    sheet.append(["张三", "zhangsan", "信息员", "东屯镇", ""])
    sheet.append(["李四", "lisi", "责任编辑", "", "lisi@example.org"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('人员导入模板.xlsx')}"
    return response


# ---------------------------------------------------------------- units


@administration_view
def units(request: HttpRequest) -> HttpResponse:
    rows = (
        scope.units(request.user)
        .annotate(alias_count=Count("aliases", distinct=True), people=Count("profile", distinct=True))
        .order_by("kind", "name")
    )
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(Q(name__contains=query) | Q(aliases__alias__contains=query)).distinct()
    return render(request, "web/units.html", {"units": rows, "query": query, "new": UnitForm()})


def _run(request: HttpRequest, form: Any, action: Any) -> bool:
    """Run an administration action; a refusal lands on the form (or, without one, in the
    messages at the top of the next page), a forbidden one is a 403."""
    try:
        action()
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        if form is None:
            messages.error(request, exc.message)
        else:
            form.add_error(None, exc.message)
        return False
    return True


@administration_view
def unit_new(request: HttpRequest) -> HttpResponse:
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        add = lambda: web_actions.add_unit(  # noqa: E731
            _actor(request), name=data["name"], kind=data["kind"], aliases=form.alias_list()
        )
        if _run(request, form, add):
            messages.success(request, f"已新增报送单位 {data['name'].strip()}")
            return redirect(reverse("web:units"))
    return render(request, "web/unit_form.html", {"form": form, "unit": None})


@administration_view
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(scope.units(request.user), pk=pk)
    aliases = "\n".join(unit.aliases.values_list("alias", flat=True))
    form = UnitForm(request.POST or None, initial={"name": unit.name, "kind": unit.kind, "aliases": aliases})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = lambda: web_actions.change_unit(  # noqa: E731
            _actor(request), unit, name=data["name"], kind=data["kind"], aliases=form.alias_list()
        )
        if _run(request, form, change):
            messages.success(request, f"已保存 {unit.name}")
            return redirect(reverse("web:units"))
        unit.refresh_from_db()
    merge = MergeForm()
    merge.fields["target"].queryset = scope.units(request.user).exclude(pk=unit.pk)  # type: ignore[attr-defined]
    counts = {"items": unit.items.count(), "people": Profile.objects.filter(unit=unit).count()}
    return render(request, "web/unit_form.html", {"form": form, "unit": unit, "merge": merge, "counts": counts})


@administration_view
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(scope.units(request.user), pk=pk)
    form = MergeForm(request.POST or None)
    form.fields["target"].queryset = scope.units(request.user)  # type: ignore[attr-defined]
    if request.method != "POST" or not form.is_valid():
        messages.error(request, "请选择要并入的单位")
        return redirect(reverse("web:unit", args=[pk]))
    target, name = form.cleaned_data["target"], unit.name
    try:
        web_actions.merge(_actor(request), unit, target)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("web:unit", args=[pk]))
    messages.success(request, f"已把“{name}”并入“{target.name}”：信息、稿件和人员都归到“{target.name}”，原名保留为别名")
    return redirect(reverse("web:unit", args=[target.pk]))


# ---------------------------------------------------------------- bulletins


@administration_view
def bulletins(request: HttpRequest) -> HttpResponse:
    rows = scope.bulletins(request.user).annotate(issue_count=Count("issues", distinct=True)).order_by("title")
    return render(request, "web/bulletins.html", {"bulletins": rows})


@administration_view
def bulletin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(scope.bulletins(request.user), pk=pk)
    initial = {
        "title": bulletin.title,
        "publisher": bulletin.publisher,
        "default_distribution": bulletin.default_distribution,
        **{name: getattr(bulletin, name) for name in BulletinForm.LAYOUT},
        "single_person_office": bulletin.single_person_office,
    }
    editing = request.method == "POST" and "section" not in request.POST
    form = BulletinForm(request.POST if editing else None, initial=initial)
    section_form = SectionForm(request.POST if request.method == "POST" and not editing else None)
    if request.method == "POST" and not editing and section_form.is_valid():
        name = section_form.cleaned_data["name"]
        if _run(request, section_form, lambda: web_actions.add_section(_actor(request), bulletin, name)):
            messages.success(request, f"已新增栏目【{name.strip().strip('【】')}】")
            return redirect(reverse("web:bulletin", args=[pk]))
    elif editing and form.is_valid():
        data = form.cleaned_data
        change = lambda: web_actions.change_bulletin(  # noqa: E731
            _actor(request),
            bulletin,
            title=data["title"],
            publisher=data["publisher"],
            distribution=data["default_distribution"],
            **{name: data[name] for name in BulletinForm.LAYOUT},
            single_person_office=data["single_person_office"],
        )
        if _run(request, form, change):
            messages.success(request, "已保存；新建的期会用这些默认设置")
            return redirect(reverse("web:bulletins"))
    sections = bulletin.sections.annotate(items=Count("item")).order_by("name")
    context = {"form": form, "bulletin": bulletin, "sections": sections, "section_form": section_form}
    return render(request, "web/bulletin_form.html", context)


# ---------------------------------------------------------------- scoring rules


@administration_view
def rules(request: HttpRequest) -> HttpResponse:
    rows = scope.of_office(request.user, ScoringRules.objects.all(), "office_id")
    return render(request, "web/rules.html", {"rule_sets": rows})


def _rules_context(form: RulesForm, rows: dict[str, list[dict[str, str]]], row: ScoringRules | None) -> dict[str, Any]:
    tables = {name: {"columns": columns, "rows": rows[name]} for name, columns in TABLES.items()}
    lines: list[str] = []
    if row is not None:
        from kuaibao.core.scoring import RuleSet, RuleSetError

        try:
            lines = summary(RuleSet.from_dict(row.rules))
        except RuleSetError:
            lines = []
    return {"form": form, "tables": tables, "row": row, "lines": lines}


@administration_view
def rules_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    row = get_object_or_404(_rule_sets(request), pk=pk) if pk is not None else None
    source = (
        row.rules
        if row is not None
        else (_rule_sets(request).filter(active=True).values_list("rules", flat=True).first() or {})
    )
    initial = {
        "name": row.name if row else "",
        "county_level": row.county_level if row else "县",
        "county_instruction_level": row.county_instruction_level if row else "县领导",
        "feedback_days": row.feedback_days if row else 7,
        "note": row.note if row else "",
        "default_form": source.get("default_form", "全文"),
        "instruction_combine": source.get("instruction_combine", "sum"),
        "adoption_combine": source.get("adoption_combine", "sum"),
        "lead_share": None if source.get("lead_share") is None else float(source["lead_share"]) * 100,
    }
    form = RulesForm(request.POST or None, initial=initial)
    rows = rows_from_post(request.POST) if request.method == "POST" else rows_from_rules(source)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rule_set = rules_from_rows(rows, data)
            saved = save_rules(
                _actor(request),
                row,
                name=data["name"],
                rules=rule_set,
                county_level=data["county_level"].strip(),
                county_instruction_level=(data["county_instruction_level"] or "").strip(),
                feedback_days=data["feedback_days"],
                note=data["note"] or "",
            )
        except RulesError as exc:
            form.add_error(None, str(exc))
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            state = "（当前使用，立即生效）" if saved.active else "（未启用：在列表中点“启用”后生效）"
            messages.success(request, f"已保存评分规则“{saved.name}”{state}")
            return redirect(reverse("web:rules"))
        for table, columns in TABLES.items():  # show the posted rows again, with spare ones
            rows[table] += [{name: "" for name, _, _ in columns}]
    return render(request, "web/rules_form.html", _rules_context(form, rows, row))


@administration_view
def rules_activate(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(_rule_sets(request), pk=pk)
    if request.method != "POST":
        return redirect(reverse("web:rules"))
    try:
        activate_rules(_actor(request), row)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已启用评分规则“{row.name}”，排名和通报按它计分")
    return redirect(reverse("web:rules"))
