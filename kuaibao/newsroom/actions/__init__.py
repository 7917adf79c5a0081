"""Every write of the newsroom: views, the API and the CLI call these functions only."""

from kuaibao.newsroom.actions.base import ActionError, Actor, Conflict, Forbidden

__all__ = ["ActionError", "Actor", "Conflict", "Forbidden"]
