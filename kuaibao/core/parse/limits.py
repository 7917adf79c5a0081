"""Limits on what one file may make a reader do, checked as it reads, so that the cost of an
import stays proportional to an ordinary bulletin's (a few pages, some ten thousand
characters) however the file is built: a DOCX whose document.xml is tens of megabytes, a PDF
page of thousands of text runs. Each can be changed by an environment variable (documented in
docs/deployment.md); `kuaibao.settings` checks their values at start-up."""

from __future__ import annotations

import os

from kuaibao.core.errors import UnreadableInput


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name) or default)
    except ValueError:  # the settings refuse it at start-up with one line
        return default


# Characters of text one file may yield (about ten times a long issue).
MAX_TEXT_CHARS = _int("KUAIBAO_MAX_TEXT_CHARS", 200_000)
# Characters on one PDF page (a dense A4 page of 小五 holds about 3,000).
MAX_PAGE_CHARS = _int("KUAIBAO_MAX_PAGE_CHARS", 10_000)
# Uncompressed size of one XML part of a DOCX or OFD (document.xml of an issue: under 2 MB).
MAX_XML_BYTES = _int("KUAIBAO_MAX_XML_MB", 16) * 1024 * 1024


def check_text(chars: int) -> None:
    if chars > MAX_TEXT_CHARS:
        raise UnreadableInput(
            f"文件中的文字超过 {MAX_TEXT_CHARS:,} 字的上限（KUAIBAO_MAX_TEXT_CHARS），不像一期快报，拒绝读取"
        )


def check_page(chars: int, page: int) -> None:
    if chars > MAX_PAGE_CHARS:
        raise UnreadableInput(
            f"PDF 第 {page} 页有 {chars:,} 个字符，超过每页 {MAX_PAGE_CHARS:,} 个的上限"
            "（KUAIBAO_MAX_PAGE_CHARS），不像一期快报，拒绝读取"
        )
