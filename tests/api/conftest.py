"""The API's tests share the newsroom's personas; each gets an API token made through the real
token actions, and `Api` calls the site with it as a program would."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from kuaibao.api import actions
from kuaibao.archive.models import Unit
from tests.newsroom.conftest import People, bulletin, data_dir, people

__all__ = ["Api", "Tokens", "bulletin", "data_dir", "people"]


@dataclass
class Api:
    """A client that sends `Authorization: Bearer …` and JSON, and reads JSON back."""

    token: str
    client: Client

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self._headers())

    def post(self, path: str, data: Any = None, **kwargs: Any) -> Any:
        if "files" in kwargs:
            return self.client.post(path, {**(data or {}), **kwargs["files"]}, headers=self._headers())
        return self.client.post(path, json.dumps(data or {}), content_type="application/json", headers=self._headers())

    def patch(self, path: str, data: Any) -> Any:
        return self.client.patch(path, json.dumps(data), content_type="application/json", headers=self._headers())

    def put(self, path: str, data: Any) -> Any:
        return self.client.put(path, json.dumps(data), content_type="application/json", headers=self._headers())

    def delete(self, path: str) -> Any:
        return self.client.delete(path, headers=self._headers())


@dataclass
class Tokens:
    reporter: str  # 东屯镇's 信息员, personal token
    reporter_b: str  # 县商务局's 信息员, personal token
    editor: str
    reviewer: str
    signer: str
    leader: str
    admin: str
    outsider: str  # signed-in account without a role: the archive only
    system: str  # 东屯镇's OA system: submits for 东屯镇 only

    def api(self, name: str) -> Api:
        return Api(getattr(self, name), Client())


@pytest.fixture
def tokens(people: People) -> Tokens:
    made = {}
    for name in ["reporter", "reporter_b", "editor", "reviewer", "signer", "leader", "admin", "outsider"]:
        _, secret = actions.issue_personal_token(people.act(name), name=f"{name} 的令牌", scopes=None, days=30)
        made[name] = secret
    _, made["system"] = actions.issue_system_token(
        people.act("admin"), name="东屯镇 OA 系统", unit=Unit.objects.get(name="东屯镇"), days=30
    )
    return Tokens(**made)
