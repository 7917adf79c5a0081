"""Mapping a platform user to an account, office by office: the claim naming the office (by name
or short name) picks it, the unit is that office's, an e-mail links only to an account of that
office, and an unknown or missing office is refused with a reason in Chinese."""

from __future__ import annotations

from typing import Any

import pytest

from kuaibao.archive.models import Office, default_office
from kuaibao.archive.units import resolve_unit
from kuaibao.newsroom import scope
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.roles import Role
from kuaibao.sso.actions import Refused, sign_in

pytestmark = pytest.mark.django_db
ISSUER = "https://platform.example.gov.cn"


@pytest.fixture
def counties() -> tuple[Office, Office]:
    a = Office.objects.create(name="延津县人民政府办公室", short_name="延津县")
    b = Office.objects.create(name="封丘县人民政府办公室", short_name="封丘县")
    resolve_unit("县商务局", a)
    resolve_unit("县商务局", b)
    return a, b


def claims(**extra: Any) -> dict[str, Any]:
    return {"name": "王五", "email": "wangwu@example.gov.cn", "email_verified": True, "department": "县商务局", **extra}


def test_the_claimed_office_holds_the_new_account_and_its_unit(counties: tuple[Office, Office]) -> None:
    _, b = counties
    for subject, office in [("1", "封丘县"), ("2", "封丘县人民政府办公室")]:
        user = sign_in(issuer=ISSUER, subject=subject, claims=claims(organization=office, email=f"{subject}@x.cn"))
        assert user is not None
        where = scope.scope_of(user)
        assert where.office == b and where.unit is not None and where.unit.office == b


def test_an_email_links_only_to_an_account_of_the_claimed_office(counties: tuple[Office, Office]) -> None:
    a, b = counties
    in_a = create_account("wang-a", "a-long-test-password-2023", Role.EDITOR, email="wangwu@example.gov.cn", office=a)
    user = sign_in(issuer=ISSUER, subject="9", claims=claims(organization="封丘县"))
    assert user is not None and user != in_a and scope.scope_of(user).office == b
    again = sign_in(issuer=ISSUER, subject="10", claims=claims(organization="延津县"))
    assert again == in_a


def test_an_unknown_or_missing_office_is_refused_and_maps_nobody(counties: tuple[Office, Office]) -> None:
    with pytest.raises(Refused, match="平台所说的机关“长垣市”不在本系统中"):
        sign_in(issuer=ISSUER, subject="3", claims=claims(organization="长垣市"))
    with pytest.raises(Refused, match="平台没有说明您属于哪个机关"):
        sign_in(issuer=ISSUER, subject="4", claims=claims())
    from kuaibao.sso.models import PlatformIdentity

    assert not PlatformIdentity.objects.exists()


def test_one_office_needs_no_claim() -> None:
    office = Office.objects.get(pk=default_office())  # the installation's only one
    resolve_unit("县商务局", office)
    user = sign_in(issuer=ISSUER, subject="5", claims=claims())
    assert user is not None and scope.scope_of(user).office == office
