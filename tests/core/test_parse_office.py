"""Word 97 (.doc), WPS, RTF and ODT files through one headless LibreOffice kept alive per
process: the structure of each equals the gold; a conversion that hangs or crashes gives one
line and the next file gets a fresh LibreOffice."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import office, parse_bytes, parse_path
from tests.golden import CORPUS_NAMES, FIXTURES, differences, load_gold

FORMATS = FIXTURES / "formats"
KINDS = FIXTURES / "kinds"


@pytest.fixture(autouse=True, scope="module")
def _stop_office() -> Iterator[None]:
    yield
    office.shutdown()


@pytest.mark.parametrize("variant", ["", ".word-habits"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_word97_file_parses_to_gold(name: str, variant: str) -> None:
    bulletin = parse_path(FORMATS / f"{name}{variant}.doc")
    assert differences(bulletin, load_gold(name)) == []
    assert bulletin.provenance is not None and bulletin.provenance.format == "doc"


@pytest.mark.parametrize("kind", ["rtf", "odt"])
def test_rtf_and_odt_parse_to_gold(kind: str) -> None:
    bulletin = parse_path(KINDS / f"document.{kind}")
    assert differences(bulletin, load_gold("000_14293bf241bcd247")) == []
    assert bulletin.provenance is not None and bulletin.provenance.format == kind


def test_damaged_word97_file_gets_one_line() -> None:
    data = (KINDS / "word97.doc").read_bytes()
    damaged = data[:4096] + b"\0" * (len(data) - 4096)
    with pytest.raises(UnreadableInput) as caught:
        parse_bytes(damaged, "damaged.doc")
    assert "\n" not in caught.value.reason


def test_conversion_over_time_limit_is_stopped_and_next_file_converts(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (KINDS / "word97.doc").read_bytes()
    parse_bytes(data)  # LibreOffice is running
    monkeypatch.setattr(office, "TIMEOUT", 0.001)
    with pytest.raises(UnreadableInput, match="秒仍未完成，已中止"):
        parse_bytes(data)
    monkeypatch.undo()
    assert parse_bytes(data).issue == 41


def test_libreoffice_killed_between_files_is_restarted() -> None:
    data = (KINDS / "word97.doc").read_bytes()
    parse_bytes(data)
    process = office._OFFICE.process
    assert process is not None
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert parse_bytes(data).issue == 41


def test_libreoffice_runs_with_a_private_profile_and_no_inherited_environment() -> None:
    parse_bytes((KINDS / "word97.doc").read_bytes())
    process = office._OFFICE.process
    assert process is not None and office._OFFICE.home is not None
    home = Path(office._OFFICE.home)
    assert (home / "profile").is_dir()
    environ = (Path("/proc") / str(process.pid) / "environ").read_bytes().split(b"\0")
    assert f"HOME={home}".encode() in environ
    assert not any(entry.startswith((b"DATABASE_URL=", b"KUAIBAO_SECRET_KEY=")) for entry in environ)
