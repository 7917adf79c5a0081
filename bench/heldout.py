"""How the recogniser does on real public documents it was not tuned on (tests/fixtures/world/heldout).

Each bulletin there is parsed and compared with its hand-made gold, field by field; each
document that is no bulletin must be refused with one line naming what it is. The files and
where they come from: tests/fixtures/world/SOURCES.md. Nothing here is asserted by the tests:
the figure is how well rules fitted to other documents carry over.

    .venv/bin/python bench/heldout.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuaibao.core.errors import UnreadableInput  # noqa: E402
from kuaibao.core.parse import parse_path  # noqa: E402
from tests.golden import differences  # noqa: E402

HELDOUT = ROOT / "tests" / "fixtures" / "world" / "heldout"


def main() -> None:
    kinds: dict[str, str] = json.loads((HELDOUT / "not-bulletins.json").read_text("utf-8"))
    right = total = 0
    for path in sorted(HELDOUT.glob("r*.txt")):
        stem = path.stem
        total += 1
        gold_path = HELDOUT / f"{stem}.gold.json"
        try:
            bulletin = parse_path(path)
        except UnreadableInput as exc:
            ok = stem in kinds and exc.reason.startswith(f"这是{kinds[stem]}")
            right += ok
            print(f"{'right' if ok else 'WRONG':<6} {path.name}: refused: {exc.reason}")
            continue
        if not gold_path.exists():
            print(f"WRONG  {path.name}: accepted as a bulletin, but it is {kinds.get(stem, '?')}")
            continue
        diffs = differences(bulletin, json.loads(gold_path.read_text("utf-8")))
        right += not diffs
        said = "; ".join(d[:120] for d in diffs) or "parses to gold"
        print(f"{'right' if not diffs else 'WRONG':<6} {path.name}: {said}")
    print(f"\nheld-out real documents right: {right}/{total}")


if __name__ == "__main__":
    main()
