"""Golden-file tests: every corpus bulletin parses to its hand-made gold structure."""

from __future__ import annotations

import json

import jsonschema
import pytest

from kuaibao.core.parse import parse_path
from kuaibao.core.render.json import to_dict
from tests.golden import CORPUS, CORPUS_NAMES, FIXTURES, differences, load_gold


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_text_parses_to_gold(name: str) -> None:
    bulletin = parse_path(CORPUS / f"{name}.txt")
    assert differences(bulletin, load_gold(name)) == []


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_output_validates_against_schema(name: str) -> None:
    schema = json.loads((FIXTURES / "bulletin.schema.json").read_text("utf-8"))
    jsonschema.validate(to_dict(parse_path(CORPUS / f"{name}.txt")), schema)


def test_page_breaks_inside_items_are_reported_with_their_line() -> None:
    bulletin = parse_path(CORPUS / "000_14293bf241bcd247.txt")
    joined = [w for w in bulletin.warnings if w.code == "paragraph-joined"]
    assert [w.line for w in joined] == [17, 29, 39]


def test_provenance_keeps_name_hash_and_format() -> None:
    path = CORPUS / "002_21a254231077ad00.txt"
    bulletin = parse_path(path)
    assert bulletin.provenance is not None
    assert bulletin.provenance.source_name == path.name
    assert len(bulletin.provenance.sha256) == 64
    assert bulletin.provenance.format == "markdown"
    assert bulletin.provenance.encoding == "utf-8"


def test_bold_lead_in_is_kept_as_emphasis_only_in_title() -> None:
    bulletin = parse_path(CORPUS / "002_21a254231077ad00.txt")
    first = bulletin.items[0]
    assert first.title == "县发改委落实稳经济政策推动企业健康发展"
    assert all(not span.bold for p in first.paragraphs for span in p.spans)
