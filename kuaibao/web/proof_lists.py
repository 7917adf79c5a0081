"""The office's proofreading lists in the administration: the 领导排序表 (leaders in order of
precedence, with their exact titles) and the 规范提法 / 禁用词 list with each rule's source."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from kuaibao.newsroom.actions.base import Actor
from kuaibao.newsroom.models import ProofLeader, ProofPhrase
from kuaibao.web import actions as web_actions
from kuaibao.web.access import administration_view
from kuaibao.web.administration import _run
from kuaibao.web.forms import LeaderForm, PhraseForm


@administration_view
def proof_lists(request: HttpRequest) -> HttpResponse:
    context = {
        "leaders": ProofLeader.objects.all(),
        "phrases": ProofPhrase.objects.all(),
        "may_edit": web_actions.may_keep_lists(request.user),
    }
    return render(request, "web/proof_lists.html", context)


def _edit(
    request: HttpRequest, form_class: type[ModelForm], row: Model | None, save: object, what: str  # type: ignore[type-arg]
) -> HttpResponse:
    if not web_actions.may_keep_lists(request.user):
        raise PermissionDenied("审校词表由各机关共用，只有最上级机关的管理员可以修改")
    form = form_class(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}  # type: ignore[attr-defined]
        if _run(request, form, lambda: save(Actor.from_request(request), row, **data)):  # type: ignore[operator]
            messages.success(request, f"已保存{what}；审校从下一次检查起使用")
            return redirect(reverse("web:proof_lists"))
    return render(request, "web/proof_entry.html", {"form": form, "row": row, "what": what})


def _remove(request: HttpRequest, row: Model, remove: object, what: str) -> HttpResponse:
    if request.method == "POST" and _run(request, None, lambda: remove(Actor.from_request(request), row)):  # type: ignore[operator]
        messages.success(request, f"已删除{what}")
    return redirect(reverse("web:proof_lists"))


@administration_view
def leader_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    row = get_object_or_404(ProofLeader, pk=pk) if pk else None
    return _edit(request, LeaderForm, row, web_actions.save_leader, "领导排序")


@administration_view
def leader_remove(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(ProofLeader, pk=pk)
    return _remove(request, row, web_actions.remove_leader, f"{row.titles} {row.name}")


@administration_view
def phrase_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    row = get_object_or_404(ProofPhrase, pk=pk) if pk else None
    return _edit(request, PhraseForm, row, web_actions.save_phrase, "规范提法与禁用词")


@administration_view
def phrase_remove(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(ProofPhrase, pk=pk)
    return _remove(request, row, web_actions.remove_phrase, f"“{row.phrase}”")
