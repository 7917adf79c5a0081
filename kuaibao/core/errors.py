"""Errors the core raises for input it cannot use: each says what is wrong in one line."""

from __future__ import annotations


class KuaibaoError(Exception):
    """Base of the core's own errors."""


class UnreadableInput(KuaibaoError):
    """The file cannot be read as a bulletin: empty, binary, encrypted, truncated, too large,
    image-only, or not a bulletin at all. The message is one line in Chinese for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
