"""What an API token may be used for: one scope per kind of operation. A token holds some of the
scopes its account's roles allow; every operation names the scope it needs (shown in the OpenAPI
schema as x-permission), and the action behind it still checks the account's role and unit."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from kuaibao.newsroom.roles import Role, roles_of

SCOPES: dict[str, str] = {
    "archive:read": "读取档案（期、信息、单位、检索、导出）",
    "submissions:read": "查看稿件及其状态、意见和历史",
    "submissions:write": "撰写、修改、报送、撤回本单位稿件",
    "submissions:handle": "处理稿件：退回、不采用、采用",
    "editions:read": "查看编辑中的期",
    "editions:compile": "组稿编期、定稿、送审",
    "editions:review": "审核期刊",
    "editions:sign": "签发期刊",
    "requests:read": "查看约稿和报送要点",
    "requests:write": "发布约稿和报送要点",
    "instructions:read": "查看领导批示",
    "instructions:write": "作出批示",
    "instructions:answer": "反馈批示落实情况",
    "stats:read": "查看统计、排名，导出通报",
    "notifications:read": "读取本人的提醒",
    "webhooks:manage": "管理通知接收地址和投递记录",
}

_COMMON = {"archive:read", "notifications:read"}
ROLE_SCOPES: dict[Role, set[str]] = {
    Role.REPORTER: _COMMON
    | {"submissions:read", "submissions:write", "requests:read", "instructions:read", "instructions:answer"},
    Role.EDITOR: _COMMON
    | {
        "submissions:read",
        "submissions:write",
        "submissions:handle",
        "editions:read",
        "editions:compile",
        "requests:read",
        "requests:write",
        "instructions:read",
        "stats:read",
    },
    Role.REVIEWER: _COMMON | {"submissions:read", "editions:read", "editions:review", "stats:read"},
    Role.SIGNER: _COMMON | {"submissions:read", "editions:read", "editions:sign", "stats:read"},
    Role.READER: _COMMON | {"instructions:read", "instructions:write"},
    Role.ADMINISTRATOR: _COMMON | {"webhooks:manage", "stats:read"},
}

# What a unit's OA system gets unless told otherwise: its unit's submissions and what concerns it.
SYSTEM_DEFAULT = [
    "submissions:read",
    "submissions:write",
    "requests:read",
    "instructions:read",
    "instructions:answer",
    "notifications:read",
]


def allowed_scopes(user: AbstractBaseUser | AnonymousUser) -> set[str]:
    """Every scope the account's roles allow (an account without a role: the archive only)."""
    scopes = {"archive:read", "notifications:read"} if user.is_authenticated else set()
    for role in roles_of(user):
        scopes |= ROLE_SCOPES[role]
    return scopes
