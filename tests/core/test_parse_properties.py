"""Properties of the importer: no input crashes it, and rendered bulletins read back whole."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Bulletin
from kuaibao.core.parse import parse_bytes
from kuaibao.core.render.json import to_dict
from kuaibao.core.render.plain import render_markdown, render_text
from tests.strategies import bulletin_lines, bulletins


def parses_or_refuses(data: bytes) -> None:
    try:
        result = parse_bytes(data, "fuzz")
    except UnreadableInput as exc:
        assert exc.reason and "\n" not in exc.reason
    else:
        assert isinstance(result, Bulletin) and result.items


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    parses_or_refuses(data)


@settings(max_examples=300)
@given(st.text(max_size=3000))
def test_arbitrary_text_never_crashes(text: str) -> None:
    parses_or_refuses(text.encode("utf-8"))


@settings(max_examples=400)
@given(st.lists(bulletin_lines, max_size=40), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_bulletin_like_lines_never_crash(lines: list[str], newline: str) -> None:
    parses_or_refuses(newline.join(lines).encode("utf-8"))


@settings(max_examples=100)
@given(st.lists(bulletin_lines, max_size=40), st.sampled_from(["gb18030", "utf-16", "utf-8-sig"]))
def test_bulletin_like_lines_in_other_encodings_never_crash(lines: list[str], encoding: str) -> None:
    parses_or_refuses("\n".join(lines).encode(encoding, errors="replace"))


def comparable(bulletin: Bulletin) -> dict[str, object]:
    data = to_dict(bulletin)
    data.pop("source", None)
    data.pop("warnings", None)
    return data


@settings(max_examples=150, deadline=None)
@given(bulletins())
def test_text_round_trip(bulletin: Bulletin) -> None:
    assert comparable(parse_bytes(render_text(bulletin).encode())) == comparable(bulletin)


@settings(max_examples=150, deadline=None)
@given(bulletins())
def test_markdown_round_trip(bulletin: Bulletin) -> None:
    assert comparable(parse_bytes(render_markdown(bulletin).encode())) == comparable(bulletin)
