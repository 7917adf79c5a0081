"""Write kuaibao/web/static/web/icons.svg, the interface's icon sprite, from Tabler Icons (MIT).

    npm pack @tabler/icons@3 && tar xzf tabler-icons-*.tgz
    .venv/bin/python scripts/make_icons.py package/icons/outline

Each icon becomes a <symbol id="NAME">; templates draw one with {% icon "NAME" %} (kuaibao.web).
Only the icons listed here are kept, so the sprite stays small (one request, cached)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ICONS = """
layout-dashboard file-text pencil send inbox archive search chart-bar trophy users building news
settings logout key bell check x arrow-back-up alert-triangle info-circle download upload clock
list-check eye lock git-merge copy calendar message-2 arrow-up arrow-down trash plus menu-2 user
file-import report table circle-check books file-pencil signature chart-line database shield-lock
list mail device-floppy alert-circle arrows-diff chevron-right building-bank
""".split()

OUT = Path(__file__).resolve().parent.parent / "kuaibao" / "web" / "static" / "web" / "icons.svg"
STROKE = 'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"'
HEADER = "<!-- Tabler Icons (https://tabler.io/icons), MIT License, Copyright (c) 2020-2026 Paweł Kuna. -->\n"


def symbol(name: str, svg: str) -> str:
    body = svg.split(">", 1)[1].rsplit("</svg>", 1)[0]
    body = re.sub(r'<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*/>', "", body)
    body = re.sub(r"\s+", " ", body).strip()
    return f'<symbol id="{name}" viewBox="0 0 24 24" {STROKE}>{body}</symbol>'


def main(folder: Path) -> None:
    symbols = [symbol(name, (folder / f"{name}.svg").read_text()) for name in ICONS]
    OUT.write_text(
        HEADER
        + '<svg xmlns="http://www.w3.org/2000/svg">\n'
        + "\n".join(symbols)
        + "\n</svg>\n"
    )
    print(f"{OUT}: {len(symbols)} icons", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
