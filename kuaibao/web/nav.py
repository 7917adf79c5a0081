"""The menu: what each role may use, in the order of its day. Every page a role may use is one
click from here or from a page linked here (tests/web/test_crawl.py checks it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.http import HttpRequest
from django.urls import reverse

from kuaibao.newsroom.roles import can
from kuaibao.stats.access import can_view_statistics
from kuaibao.web.access import is_administrator


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str
    icon: str
    badge: int = 0
    # URL prefixes that count as "this menu entry" for highlighting the current one.
    prefixes: tuple[str, ...] = ()


def _links(user: AbstractBaseUser | AnonymousUser) -> list[Link]:
    from kuaibao.newsroom import queries

    archive_pages = ("/archive/", "/b/", "/items/", "/units/", "/sections/")
    archive = Link("快报档案", reverse("archive:home"), "books", prefixes=archive_pages)
    search = Link("检索", reverse("archive:search"), "search", prefixes=("/search/",))
    if not isinstance(user, User) or not user.is_active:
        return [archive, search] if getattr(settings, "ARCHIVE_PUBLIC", False) else []
    links = [Link("工作台", reverse("workbench"), "layout-dashboard")]
    if is_administrator(user):
        links.append(Link("人员与设置", reverse("web:people"), "settings", prefixes=("/manage/",)))
    if can(user, "submit"):
        links += [
            Link("本单位稿件", reverse("newsroom:submissions"), "file-text", prefixes=("/newsroom/submissions/",)),
            Link("写稿件", reverse("newsroom:submission_new"), "pencil"),
        ]
    if can(user, "edit"):
        inbox = queries.inbox(queries.InboxFilter(), user).count()
        links.append(Link("待处理稿件", reverse("newsroom:inbox"), "inbox", inbox, ("/newsroom/submissions/",)))
    if can(user, "compile") or can(user, "review") or can(user, "sign"):
        links.append(Link("编期与审签", reverse("newsroom:editions"), "news", prefixes=("/newsroom/editions/",)))
    if can(user, "submit") or can(user, "edit"):
        links.append(Link("约稿与报送要点", reverse("newsroom:requests"), "list-check"))
    if can(user, "submit") or can(user, "edit") or can(user, "instruct"):
        links.append(Link("领导批示", reverse("newsroom:instructions"), "message-2"))
    if can_view_statistics(user):
        links.append(Link("统计考核", reverse("stats:statistics"), "chart-bar", prefixes=("/stats/",)))
    elif can(user, "submit"):
        links.append(Link("本单位得分", reverse("stats:my_unit"), "trophy", prefixes=("/stats/",)))
    if can(user, "edit") or is_administrator(user):
        links.append(Link("导入与任务", reverse("jobs:list"), "file-import", prefixes=("/jobs/",)))
    links += [archive, search]
    if user.is_superuser:
        links.append(Link("系统后台", reverse("admin:index"), "database", prefixes=("/admin/",)))
    return links


def _current(links: list[Link], path: str) -> Link | None:
    """The entry for this page: an exact address first, then the longest matching prefix."""
    for link in links:
        if link.url == path:
            return link
    best: tuple[int, Link] | None = None
    for link in links:
        for prefix in (link.url, *link.prefixes):
            if prefix != "/" and path.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), link)
    return best[1] if best else None


def navigation(request: HttpRequest) -> dict[str, object]:
    """Template context: `menu` (links with `current` marked) and the user's unread notices."""
    from kuaibao.newsroom import queries

    links = _links(request.user)
    current = _current(links, request.path)
    unread = queries.unread_count(request.user) if request.user.is_authenticated else 0
    return {"menu": [(link, link is current) for link in links], "unread_count": unread}
