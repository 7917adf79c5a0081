"""schemathesis drives every operation of the whole schema with generated input, once with the
token of each role and the unit's system: no answer is a server error or one the schema does not
describe, and a token is refused (403) by every operation whose scope it lacks."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from kuaibao.api.models import ApiToken, digest
from kuaibao.archive.actions import import_path
from kuaibao.archive.models import Item
from kuaibao.newsroom.actions import editions, instructions
from tests.api.conftest import Tokens
from tests.golden import CORPUS
from tests.newsroom.conftest import People, ready_edition, submitted, write

pytestmark = pytest.mark.django_db
ROLES = ["reporter", "reporter_b", "editor", "reviewer", "signer", "leader", "admin", "outsider", "system"]
EXAMPLES = 5  # per operation and token that holds its scope; one where it does not (refused first)


@pytest.fixture
def api_schema(settings: Any, tokens: Tokens, people: People, bulletin: Any, wsgi_in_transaction: None) -> Any:
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        import_path(path)
    # Something of everything, so that generated ids sometimes name real rows.
    write(people)
    submitted(people, "reporter_b")
    edition = ready_edition(people, bulletin)
    editions.send_to_review(people.act("editor"), edition)
    instructions.record_instruction(people.act("leader"), Item.objects.first(), text="请总结推广。")  # type: ignore[arg-type]
    settings.ARCHIVE_PUBLIC = True  # to read the schema; the calls below come with tokens only
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    settings.ARCHIVE_PUBLIC = False
    return schema


def exercise(operation: Any, role: str, secret: str, held: set[str]) -> list[str]:
    """Generated calls of one operation with one token; the failures, described."""
    raw = operation.definition.raw
    permission = raw.get("x-permission") or {}
    scope = permission.get("scope", "archive:read")
    session_only = "x-permission" in raw and scope is None and "/tokens" in operation.path
    allowed = (scope is None or scope in held) and not session_only

    @settings(
        max_examples=EXAMPLES if allowed else 1,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.explicit, Phase.generate],  # report, don't spend minutes shrinking
    )
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        response = case.call(headers={"Authorization": f"Bearer {secret}"})
        where = f"{role}: {case.method} {case.formatted_path}"
        assert response.status_code < 500, f"{where} → {response.status_code}"
        if session_only:
            assert response.status_code == 401, f"{where}: tokens cannot manage tokens"
        elif not allowed:
            assert response.status_code == 403, f"{where} without {scope} → {response.status_code}"
        # Valid input may still be refused with a documented 400/404 (positive_data_acceptance);
        # schemathesis takes our token for a generated one (ignored_auth): the scope check
        # above and test_scopes.py test the refusals instead.
        case.validate_response(response, excluded_checks=[positive_data_acceptance, ignored_auth])

    try:
        check()
    except AssertionError as exc:
        return [str(exc)[:600]]
    except (Exception, BaseExceptionGroup) as exc:  # schemathesis reports violations as its own errors
        return [f"{role}: {operation.method.upper()} {operation.path}: {str(exc)[:600]}"]
    return []


def test_every_operation_with_every_roles_token(api_schema: Any, tokens: Tokens) -> None:
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 40
    for role in ROLES:
        secret = getattr(tokens, role)
        held = set(ApiToken.objects.get(digest=digest(secret)).scopes)
        for operation in operations:
            failures += exercise(operation, role, secret, held)
    assert failures == []
