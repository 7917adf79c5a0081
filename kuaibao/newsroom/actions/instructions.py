"""领导批示: a leader records an instruction on a published item; the unit answers with feedback."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kuaibao.archive.models import Item
from kuaibao.newsroom import notices
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden, audit, office_of, require, require_office
from kuaibao.newsroom.actions.submissions import unit_of
from kuaibao.newsroom.models import Instruction


@transaction.atomic
def record_instruction(actor: Actor, item: Item, *, text: str, leader_title: str = "") -> Instruction:
    require(actor, "instruct", "只有领导（读者角色）可以批示")
    require_office(actor, item)  # a leader writes on the bulletins of their own office
    if not item.is_current:
        raise ActionError("只能对当前版本的信息批示")
    if not text.strip():
        raise ActionError("批示内容不能为空")
    instruction = Instruction.objects.create(
        item=item,
        leader=actor.user,
        leader_title=leader_title.strip()[:100],
        level=office_of(actor).level,
        text=text.strip(),
    )
    audit(actor, "instruction.record", f"批示《{item.title}》：{text.strip()[:100]}", item=item)
    notices.instruction_recorded(instruction)
    return instruction


@transaction.atomic
def answer_instruction(actor: Actor, instruction: Instruction, *, feedback: str) -> Instruction:
    """A reporter of one of the item's units answers with what was done."""
    require(actor, "submit", "只有相关单位的信息员可以反馈")
    if not instruction.item.units.filter(pk=unit_of(actor).pk).exists():
        raise Forbidden("只有署名单位可以反馈这条批示")
    if not feedback.strip():
        raise ActionError("反馈内容不能为空")
    if instruction.feedback:
        raise ActionError("这条批示已经反馈过")
    instruction.feedback = feedback.strip()
    instruction.feedback_by = actor.user
    instruction.feedback_at = timezone.now()
    instruction.save(update_fields=["feedback", "feedback_by", "feedback_at"])
    audit(actor, "instruction.answer", f"反馈《{instruction.item.title}》的批示", item=instruction.item)
    notices.instruction_answered(instruction)
    return instruction
