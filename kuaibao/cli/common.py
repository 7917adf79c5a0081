"""What the file-reading commands share: read each file, one line per bad file, warnings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Bulletin
from kuaibao.core.parse import parse_path


@dataclass
class Failures:
    count: int = 0


def each_bulletin(files: list[Path], *, quiet: bool, failures: Failures) -> Iterator[tuple[Path, Bulletin]]:
    """Parse the files in order; a file that fails gets one line on stderr (never a traceback)
    and is counted; warnings go to stderr unless `quiet`."""
    for path in files:
        try:
            bulletin = parse_path(path)
        except UnreadableInput as exc:
            failures.count += 1
            print(f"{path}: 无法解析：{exc.reason}", file=sys.stderr)
            continue
        except Exception as exc:  # the user sees one line, never a traceback
            failures.count += 1
            print(f"{path}: 无法解析：内部错误（{type(exc).__name__}: {exc}），请报告此文件", file=sys.stderr)
            continue
        if not quiet:
            for warning in bulletin.warnings:
                print(f"{path}: {warning.place()}: {warning.message}", file=sys.stderr)
        yield path, bulletin
