"""A separate process for tests/newsroom/test_publish_faults.py: prepares an edition awaiting
signature in a real SQLite archive, signs it (optionally pausing at a named point so the test
can kill it there), or reports the archive's state as JSON. Run as
`python -m tests.newsroom.publish_child prepare|sign|check [--pause-at POINT]`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

ITEMS = 40
PASSWORD = "a-long-test-password-2023"
WORD = "秸秆"  # in every item's body, so a search counts the indexed items


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuaibao.settings")
    import django

    django.setup()


def actor(name: str) -> Any:
    from django.contrib.auth.models import User

    from kuaibao.newsroom.actions.base import Actor

    return Actor(User.objects.get(username=name), "127.0.0.1", "publish-child")


def prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kuaibao.archive.models import Bulletin
    from kuaibao.archive.units import resolve_unit
    from kuaibao.newsroom.actions import editions, submissions
    from kuaibao.newsroom.actions.accounts import create_account
    from kuaibao.newsroom.roles import Role

    resolve_unit("东屯镇")
    for name, role in (("editor", Role.EDITOR), ("reviewer", Role.REVIEWER), ("signer", Role.SIGNER)):
        create_account(name, PASSWORD, role)
    create_account("dongtun", PASSWORD, Role.REPORTER, unit="东屯镇")
    bulletin = Bulletin.objects.create(title="延津政务快报", slug="yanjin", publisher="延津县人民政府办公室")
    edition = editions.create_edition(actor("editor"), bulletin)
    for n in range(ITEMS):
        draft = submissions.create_submission(
            actor("dongtun"),
            title=f"东屯镇第{n + 1}项工作取得进展",
            body=f"东屯镇推进{WORD}综合利用，完成投资{n + 1}万元，带动农户{10 + n}户。",
            suggested_section="项目建设",
        )
        placement = editions.add_submission(actor("editor"), edition, submissions.submit(actor("dongtun"), draft))
        editions.set_ready(actor("editor"), placement, ready=True)
    editions.send_to_review(actor("editor"), edition)
    editions.approve(actor("reviewer"), edition)
    print(edition.pk)


def pause_at(point: str) -> None:
    """Stop at `point` for the test to kill the process there: it prints the point's name."""

    def pausing(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            print(f"AT {point}", flush=True)
            time.sleep(60)
            return function(*args, **kwargs)

        return wrapper

    if point == "index":
        from kuaibao.archive import search

        search.add_items = pausing(search.add_items)  # type: ignore[assignment]
    elif point == "figures":
        from kuaibao.stats import figures

        figures.refresh_figures = pausing(figures.refresh_figures)  # type: ignore[assignment]
    elif point == "audit":
        from kuaibao.newsroom.actions import editions

        editions.audit = pausing(editions.audit)  # type: ignore[assignment]
    elif point == "after-commit":  # where the e-mails go out, once the transaction committed
        from django.db import transaction

        from kuaibao.newsroom import notices

        notify = notices.edition_signed

        def notify_then_pause_after_commit(*args: Any, **kwargs: Any) -> None:
            notify(*args, **kwargs)
            transaction.on_commit(pausing(lambda: None))

        notices.edition_signed = notify_then_pause_after_commit  # type: ignore[assignment]
    else:
        sys.exit(f"unknown point {point}")


def sign(point: str | None) -> None:
    from kuaibao.newsroom.actions import editions
    from kuaibao.newsroom.actions.base import ActionError
    from kuaibao.newsroom.models import Edition

    if point:
        pause_at(point)
    edition = Edition.objects.get()
    try:
        editions.sign(actor("signer"), edition)
    except ActionError as exc:
        print(f"REFUSED {exc.message}")
        return
    print("SIGNED")


def check() -> None:
    from kuaibao.archive import queries
    from kuaibao.archive.models import Issue, Item, Revision
    from kuaibao.newsroom.models import AuditEntry, Edition
    from kuaibao.stats.models import FigureIndex

    edition = Edition.objects.get()
    found = queries.run_search(queries.SearchRequest(WORD))
    state = {
        "status": edition.status,
        "edition_issue": edition.issue_id,
        "issues": Issue.objects.count(),
        "revisions": Revision.objects.count(),
        "items": Item.objects.filter(is_current=True).count(),
        "all_items": Item.objects.count(),
        "searched": found.total,
        "figures_indexed": FigureIndex.objects.count(),
        "sign_audits": AuditEntry.objects.filter(action="edition.sign").count(),
    }
    print(json.dumps(state))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["prepare", "sign", "check"])
    parser.add_argument("--pause-at")
    args = parser.parse_args()
    setup()
    if args.step == "prepare":
        prepare()
    elif args.step == "sign":
        sign(args.pause_at)
    else:
        check()


if __name__ == "__main__":
    main()
