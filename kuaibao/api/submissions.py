"""Submissions over the API: a unit (its reporter or its OA system) writes, attaches a Word file,
submits, revises and withdraws; editors read the inbox, edit, return, reject and adopt."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from kuaibao.api.auth import actor, principal
from kuaibao.api.common import MAX_ID, Page, UnitRef, local, name_of, op, paged, unit_ref
from kuaibao.archive import storage
from kuaibao.newsroom import queries
from kuaibao.newsroom.actions import editions as edition_actions
from kuaibao.newsroom.actions import submissions as actions
from kuaibao.newsroom.actions.base import ActionError, Forbidden
from kuaibao.newsroom.models import Request, Submission
from kuaibao.newsroom.roles import can

router = Router(tags=["稿件"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SubmissionStatus = Literal["draft", "submitted", "returned", "adopted", "rejected"]
REPORTERS = "信息员（本单位稿件）或责任编辑"


class FileOut(Schema):
    id: int
    name: str
    size: int
    uploaded_at: dt.datetime
    url: str


class SubmissionOut(Schema):
    id: int
    title: str
    body: str
    unit: UnitRef
    author: str
    status: SubmissionStatus
    status_label: str
    comment: str
    suggested_section: str
    contact: str
    version: int
    request: int | None
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    updated_at: dt.datetime
    files: list[FileOut]
    url: str


class HistoryOut(Schema):
    at: dt.datetime
    by: str
    action: str
    summary: str


class VersionOut(Schema):
    number: int
    saved_at: dt.datetime
    by: str
    note: str


class PlacementRef(Schema):
    edition: int
    name: str
    status: str
    section: str


class SubmissionDetail(SubmissionOut):
    history: list[HistoryOut]
    versions: list[VersionOut]
    editions: list[PlacementRef]


class CommentOut(Schema):
    at: dt.datetime
    by: str
    kind: Literal["return", "reject"]
    comment: str


class SubmissionList(Schema):
    total: int
    items: list[SubmissionOut]


class SubmissionIn(Schema):
    title: str = Field(min_length=1, max_length=actions.TITLE_MAX)
    body: str = Field(min_length=1, max_length=actions.BODY_MAX)
    suggested_section: str = Field("", max_length=50)
    contact: str = Field("", max_length=100)
    request: int | None = Field(None, ge=1, le=MAX_ID, description="所回应的约稿或报送要点")
    submit: bool = Field(False, description="保存后立即报送")


class DocxIn(Schema):
    suggested_section: str = Field("", max_length=50)
    contact: str = Field("", max_length=100)
    request: int | None = Field(None, ge=1, le=MAX_ID)
    submit: bool = False


class DocxRevision(Schema):
    expected_version: int = Field(ge=1, le=1_000_000, description="您修改的版本号（防止覆盖他人的修改）")
    submit: bool = False


class SubmissionEdit(Schema):
    title: str = Field(min_length=1, max_length=actions.TITLE_MAX)
    body: str = Field(min_length=1, max_length=actions.BODY_MAX)
    expected_version: int = Field(ge=1, le=1_000_000, description="您修改的版本号（防止覆盖他人的修改）")
    suggested_section: str | None = Field(None, max_length=50)
    contact: str | None = Field(None, max_length=100)


class CommentIn(Schema):
    comment: str = Field(min_length=1, max_length=2000)


class OptionalCommentIn(Schema):
    comment: str = Field("", max_length=2000)


class AdoptIn(Schema):
    edition: int = Field(ge=1, le=MAX_ID, description="编入的期（编辑中）")
    section: str | None = Field(None, max_length=50, description="栏目；不填用建议栏目")


class SubmissionFilter(Page):
    status: SubmissionStatus | None = None
    unit: int | None = Field(None, ge=1, le=MAX_ID)


class InboxFilter(Page):
    unit: int | None = Field(None, ge=1, le=MAX_ID)
    status: SubmissionStatus | None = Field(None, description="默认：已报送（待处理）")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    request: int | None = Field(None, ge=1, le=MAX_ID)


def summary(request: HttpRequest, submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "title": submission.title,
        "body": submission.body,
        "unit": unit_ref(submission.unit),
        "author": name_of(submission.author),
        "status": submission.status,
        "status_label": submission.get_status_display(),
        "comment": submission.comment,
        "suggested_section": submission.suggested_section,
        "contact": submission.contact,
        "version": submission.version,
        "request": submission.request_id,
        "created_at": local(submission.created_at),
        "submitted_at": local(submission.submitted_at),
        "updated_at": local(submission.updated_at),
        "files": [
            {
                "id": f.pk,
                "name": f.name,
                "size": f.size,
                "uploaded_at": local(f.uploaded_at),
                "url": request.build_absolute_uri(f"/api/submissions/{submission.pk}/files/{f.pk}"),
            }
            for f in submission.files.all()
        ],
        "url": request.build_absolute_uri(reverse("newsroom:submission", args=[submission.pk])),
    }


def detail(request: HttpRequest, submission: Submission) -> dict[str, Any]:
    data = summary(request, submission)
    data["history"] = [
        {"at": local(row.created_at), "by": name_of(row.actor), "action": row.action, "summary": row.summary}
        for row in submission.audit.select_related("actor__profile").order_by("created_at", "id")
    ]
    data["versions"] = [
        {"number": v.number, "saved_at": local(v.saved_at), "by": name_of(v.saved_by), "note": v.note}
        for v in submission.versions.select_related("saved_by__profile")
    ]
    data["editions"] = [
        {"edition": p.edition_id, "name": str(p.edition), "status": p.edition.status, "section": p.section}
        for p in submission.placements.select_related("edition__bulletin")
    ]
    return data


def visible(request: HttpRequest, pk: int) -> Submission:
    """A submission the caller may see; others are 404, as if they did not exist."""
    user = principal(request).user
    return get_object_or_404(queries.visible_submissions(user).prefetch_related("files"), pk=pk)


def _request_for(request: HttpRequest, pk: int | None) -> Request | None:
    if pk is None:
        return None
    found = queries.open_requests_for(principal(request).user).filter(pk=pk).first()
    if found is None:
        raise ActionError(f"没有编号为 {pk} 的未截止约稿或报送要点")
    return found


@router.get(
    "/submissions", **op("submissions:read", "信息员（本单位）、编辑、审核、签发", "稿件列表", response=SubmissionList)
)
def list_submissions(request: HttpRequest, filters: Query[SubmissionFilter]) -> dict[str, Any]:
    rows = queries.visible_submissions(principal(request).user).prefetch_related("files").order_by("-updated_at", "-id")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.unit:
        rows = rows.filter(unit_id=filters.unit)
    total, page = paged(rows, filters)
    return {"total": total, "items": [summary(request, s) for s in page]}


@router.post(
    "/submissions",
    **op("submissions:write", "信息员（为本单位）", "撰写稿件（可立即报送）", 400, response={201: SubmissionDetail}),
)
def create_submission(request: HttpRequest, payload: SubmissionIn) -> Status[dict[str, Any]]:
    acting = actor(request)
    submission = actions.create_submission(
        acting,
        title=payload.title,
        body=payload.body,
        suggested_section=payload.suggested_section,
        contact=payload.contact,
        request=_request_for(request, payload.request),
    )
    if payload.submit:
        actions.submit(acting, submission)
    return Status(201, detail(request, submission))


def _docx_bytes(file: UploadedFile) -> bytes:
    if file.size is not None and file.size > actions.DOCX_MAX_BYTES:
        raise ActionError(f"Word 文档过大（上限 {actions.DOCX_MAX_BYTES // 1024 // 1024} MB）")
    data: bytes = file.read(actions.DOCX_MAX_BYTES + 1)
    return data


@router.post(
    "/submissions/docx",
    **op(
        "submissions:write",
        "信息员（为本单位）",
        "以 Word 文档报送稿件（标题和正文从文档读出，文档随稿件保存）",
        400,
        response={201: SubmissionDetail},
    ),
)
def create_from_docx(request: HttpRequest, file: File[UploadedFile], data: Form[DocxIn]) -> Status[dict[str, Any]]:
    acting = actor(request)
    submission = actions.create_from_docx(
        acting,
        _docx_bytes(file),
        file.name or "稿件.docx",
        suggested_section=data.suggested_section,
        contact=data.contact,
        request=_request_for(request, data.request),
    )
    if data.submit:
        actions.submit(acting, submission)
    return Status(201, detail(request, submission))


@router.get(
    "/submissions/{submission_id}",
    **op(
        "submissions:read",
        "信息员（本单位）、编辑、审核、签发",
        "一篇稿件：状态、意见、历史、版本",
        404,
        response=SubmissionDetail,
    ),
)
def get_submission(request: HttpRequest, submission_id: int) -> dict[str, Any]:
    return detail(request, visible(request, submission_id))


@router.get(
    "/submissions/{submission_id}/comments",
    **op(
        "submissions:read",
        "信息员（本单位）、编辑、审核、签发",
        "编辑的退回和不采用意见",
        404,
        response=list[CommentOut],
    ),
)
def get_comments(request: HttpRequest, submission_id: int) -> list[dict[str, Any]]:
    submission = visible(request, submission_id)
    rows = submission.audit.filter(action__in=["submission.return", "submission.reject"]).select_related("actor")
    out = []
    for row in rows.order_by("created_at", "id"):
        comment = str(row.data.get("comment", "")) if row.data else row.summary.partition("：")[2]
        if comment:
            kind = "return" if row.action == "submission.return" else "reject"
            out.append({"at": local(row.created_at), "by": name_of(row.actor), "kind": kind, "comment": comment})
    return out


@router.get(
    "/submissions/{submission_id}/files/{file_id}",
    **op(
        "submissions:read",
        "信息员（本单位）、编辑、审核、签发",
        "下载稿件所附的 Word 文档",
        404,
        openapi_extra={
            "responses": {
                "200": {
                    "description": "Word 文档",
                    "content": {DOCX: {"schema": {"type": "string", "format": "binary"}}},
                }
            }
        },
    ),
)
def get_file(request: HttpRequest, submission_id: int, file_id: int) -> HttpResponse:
    submission = visible(request, submission_id)
    kept = get_object_or_404(submission.files, pk=file_id)
    response = HttpResponse(storage.read(kept.stored_path), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(kept.name)}"
    return response


@router.patch(
    "/submissions/{submission_id}",
    **op(
        "submissions:write",
        "信息员（本单位的草稿和退回稿）；责任编辑（已报送、已采用的稿件）",
        "修改稿件（以您修改的版本号防止覆盖）",
        400,
        404,
        409,
        response=SubmissionDetail,
    ),
)
def revise(request: HttpRequest, submission_id: int, payload: SubmissionEdit) -> dict[str, Any]:
    submission = visible(request, submission_id)
    acting = actor(request)
    if can(acting.user, "edit"):
        actions.edit(
            acting, submission, title=payload.title, body=payload.body, expected_version=payload.expected_version
        )
    else:
        actions.update_draft(
            acting,
            submission,
            title=payload.title,
            body=payload.body,
            expected_version=payload.expected_version,
            suggested_section=payload.suggested_section,
            contact=payload.contact,
        )
    return detail(request, submission)


@router.post(
    "/submissions/{submission_id}/docx",
    **op(
        "submissions:write",
        "信息员（本单位的草稿和退回稿）",
        "以新的 Word 文档修改稿件（可立即重新报送）",
        400,
        404,
        409,
        response=SubmissionDetail,
    ),
)
def revise_from_docx(
    request: HttpRequest, submission_id: int, file: File[UploadedFile], data: Form[DocxRevision]
) -> dict[str, Any]:
    submission = visible(request, submission_id)
    acting = actor(request)
    actions.revise_from_docx(
        acting, submission, _docx_bytes(file), file.name or "稿件.docx", expected_version=data.expected_version
    )
    if data.submit:
        actions.submit(acting, submission)
    return detail(request, submission)


def _transition(request: HttpRequest, submission_id: int, run: Any) -> dict[str, Any]:
    submission = visible(request, submission_id)
    run(actor(request), submission)
    submission.refresh_from_db()
    return detail(request, submission)


@router.post(
    "/submissions/{submission_id}/submit",
    **op("submissions:write", "信息员（本单位）", "报送（草稿或修改后的退回稿）", 400, 404, response=SubmissionDetail),
)
def submit(request: HttpRequest, submission_id: int) -> dict[str, Any]:
    return _transition(request, submission_id, actions.submit)


@router.post(
    "/submissions/{submission_id}/withdraw",
    **op(
        "submissions:write",
        "信息员（本单位）",
        "撤回尚未处理的已报送稿件（回到草稿）",
        400,
        404,
        response=SubmissionDetail,
    ),
)
def withdraw(request: HttpRequest, submission_id: int) -> dict[str, Any]:
    return _transition(request, submission_id, actions.withdraw)


@router.post(
    "/submissions/{submission_id}/return",
    **op("submissions:handle", "责任编辑", "退回修改（须写明意见）", 400, 404, response=SubmissionDetail),
)
def return_submission(request: HttpRequest, submission_id: int, payload: CommentIn) -> dict[str, Any]:
    return _transition(request, submission_id, lambda a, s: actions.return_submission(a, s, comment=payload.comment))


@router.post(
    "/submissions/{submission_id}/reject",
    **op("submissions:handle", "责任编辑", "标为未采用", 400, 404, response=SubmissionDetail),
)
def reject(request: HttpRequest, submission_id: int, payload: OptionalCommentIn) -> dict[str, Any]:
    return _transition(request, submission_id, lambda a, s: actions.reject(a, s, comment=payload.comment))


@router.post(
    "/submissions/{submission_id}/adopt",
    **op("submissions:handle", "责任编辑", "采用并编入一期（编辑中）", 400, 404, response=SubmissionDetail),
)
def adopt(request: HttpRequest, submission_id: int, payload: AdoptIn) -> dict[str, Any]:
    edition = get_object_or_404(queries.editions_for(principal(request).user), pk=payload.edition)
    return _transition(
        request,
        submission_id,
        lambda a, s: edition_actions.add_submission(a, edition, s, section=payload.section),
    )


@router.get(
    "/inbox",
    **op("submissions:handle", "责任编辑", "编辑的收稿箱（默认：待处理的已报送稿件）", response=SubmissionList),
)
def inbox(request: HttpRequest, filters: Query[InboxFilter]) -> dict[str, Any]:
    if not can(principal(request).user, "edit"):
        raise Forbidden("只有责任编辑可以查看收稿箱")
    rows = queries.inbox(
        queries.InboxFilter(
            unit=filters.unit,
            status=filters.status,
            date_from=filters.date_from,
            date_to=filters.date_to,
            request=filters.request,
        ),
        principal(request).user,
    ).prefetch_related("files")
    total, page = paged(rows, filters)
    return {"total": total, "items": [summary(request, s) for s in page]}
