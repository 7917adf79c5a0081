"""Bulletins set up before their issues are imported: the address name (slug) and the defaults
new issues take (publisher, 本期发). An import finds the bulletin by its title and keeps these."""

from __future__ import annotations

import re

from django.db import transaction

from kuaibao.archive.models import Bulletin

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")


class BulletinError(ValueError):
    """A setting refused; the message says why, in Chinese."""


@transaction.atomic
def set_bulletin(
    title: str, *, slug: str | None = None, publisher: str | None = None, distribution: str | None = None
) -> tuple[Bulletin, bool]:
    """Create the bulletin or change the given settings; returns it and whether it was new."""
    title = title.strip()
    if not title:
        raise BulletinError("刊名不能为空")
    if slug is not None and not SLUG.match(slug):
        raise BulletinError(f"网址名“{slug}”只能用小写字母、数字和连字符，如 yanjin")
    bulletin = Bulletin.objects.filter(title=title).first()
    created = bulletin is None
    if bulletin is None:
        bulletin = Bulletin(title=title, slug=slug or f"bulletin-{Bulletin.objects.count() + 1}")
    if slug is not None:
        if Bulletin.objects.filter(slug=slug).exclude(pk=bulletin.pk).exists():
            raise BulletinError(f"网址名“{slug}”已被另一刊物使用")
        bulletin.slug = slug
    if publisher is not None:
        bulletin.publisher = publisher.strip()
    if distribution is not None:
        bulletin.default_distribution = distribution.strip()
    bulletin.save()
    return bulletin, created
