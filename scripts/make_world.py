"""Make the world corpus's other formats the way offices make them (tests/fixtures/world/formats).

For each bulletin in tests/fixtures/world (NAME.txt with NAME.gold.json: w* written from rules,
r* real public documents, see SOURCES.md): the text pasted into a
word processor and saved as Word 97 (.doc, by LibreOffice), that file exported to PDF (by
LibreOffice), and the PDF printed to OFD (scripts/ofdprint.py). Scans at 200 and 300 dpi are
made from the PDFs when tests and benches need them (tests/scanner.py), not stored.

    .venv/bin/python scripts/make_world.py [STEM ...]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from ofdprint import pdf_to_ofd  # noqa: E402

WORLD = ROOT / "tests" / "fixtures" / "world"
OUT = WORLD / "formats"


def soffice(*args: str, work: Path) -> None:
    binary = shutil.which("soffice")
    if binary is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the world corpus's formats")
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    subprocess.run([binary, profile, "--headless", "--norestore", *args], check=True, capture_output=True, timeout=600)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    wanted = set(sys.argv[1:])  # stems to make (default: every bulletin with its gold)
    sources = sorted(
        p
        for p in WORLD.glob("[wr]*.txt")
        if (WORLD / f"{p.stem}.gold.json").exists() and (not wanted or p.stem in wanted)
    )
    with tempfile.TemporaryDirectory(prefix="kuaibao-world-") as tmp:
        work = Path(tmp)
        texts = []
        for source in sources:  # as typed into Word: every line a paragraph
            copy = work / source.name
            copy.write_bytes(source.read_bytes())
            texts.append(copy)
        soffice(
            "--infilter=Text (encoded):UTF8,LF,,,",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(work / "doc"),
            *map(str, texts),
            work=work,
        )
        docs = sorted((work / "doc").glob("*.doc"))
        soffice("--convert-to", "pdf", "--outdir", str(work / "pdf"), *map(str, docs), work=work)
        for doc in docs:
            shutil.copy(doc, OUT / doc.name)
            pdf = work / "pdf" / f"{doc.stem}.pdf"
            (OUT / pdf.name).write_bytes(pdf.read_bytes())
            (OUT / f"{doc.stem}.ofd").write_bytes(pdf_to_ofd(pdf.read_bytes(), seal=True))
            print(f"wrote {doc.stem}.doc, .pdf, .ofd", file=sys.stderr)
    os.sync()


if __name__ == "__main__":
    main()
