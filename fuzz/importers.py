"""Coverage-guided fuzzing of the importers with atheris (libFuzzer for Python).

Every input goes through `parse_bytes`, the entry point of every import (the format is sniffed
from the bytes, as for an upload). The only acceptable failure is `UnreadableInput`, the
one-line error a user sees; anything else, a hang past -timeout, or a crash in a native
library (pdfium, lxml) is a finding, and libFuzzer writes the input to crash-*/timeout-*.

Three targets:
- text: libFuzzer's byte mutations of text bulletins (UTF-8, GB18030, UTF-16, Markdown, HTML);
- pdf: byte mutations of the PDF files (pdfium reads what is left of them);
- docx: opens the seed as a ZIP, mutates one member (document.xml, styles, relationships...)
  and writes the package again, so the mutations reach the XML reading rather than stopping
  at a broken checksum.

    .venv/bin/python fuzz/importers.py --target text -runs=20000
    .venv/bin/python fuzz/importers.py --target docx -max_total_time=600

Seeds are the corpus bulletins in every format (tests/fixtures); extra libFuzzer options pass
through (-runs, -max_total_time, -timeout, -seed, -rss_limit_mb, a corpus folder to grow).
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["kuaibao"]):
    from kuaibao.core.errors import UnreadableInput
    from kuaibao.core.parse import parse_bytes

FIXTURES = ROOT / "tests" / "fixtures"


def seeds(target: str) -> list[bytes]:
    formats = sorted((FIXTURES / "formats").glob("*"))
    if target in ("docx", "pdf"):
        return [path.read_bytes() for path in formats if path.suffix == f".{target}"]
    texts = sorted((FIXTURES / "corpus").glob("*.txt"))
    text = texts[0].read_text("utf-8")
    html = "<html><head><meta charset=utf-8></head><body><h1>" + text.replace("\n\n", "</p><p>") + "</body></html>"
    return [path.read_bytes() for path in texts] + [
        text.encode("gb18030"),
        text.encode("utf-16"),
        text.replace("\n", "\r\n").encode("utf-8-sig"),
        html.encode(),
    ]


def one_input(data: bytes) -> None:
    try:
        parse_bytes(data, "fuzz")
    except UnreadableInput:
        pass


def mutate_docx(data: bytes, max_size: int, seed: int) -> bytes:
    """Mutate one member of the package and zip it again; non-ZIP inputs get byte mutations."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = [(info, package.read(info)) for info in package.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        return bytes(atheris.Mutate(data, max_size))
    if not members:
        return bytes(atheris.Mutate(data, max_size))
    # Mostly the document itself, sometimes any other part.
    names = [info.filename for info, _ in members]
    target = "word/document.xml" if seed % 4 and "word/document.xml" in names else names[seed % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info, content in members:
            if info.filename == target:
                content = bytes(atheris.Mutate(content, max(len(content) * 2, 64)))
            package.writestr(info.filename, content)
    mutated = out.getvalue()
    return mutated if len(mutated) <= max_size else bytes(atheris.Mutate(data, max_size))


def main() -> None:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--target", choices=["text", "pdf", "docx"], default="text")
    parser.add_argument("--seeds", type=Path, help="folder to write the seeds into (default: a temporary one)")
    known, libfuzzer = parser.parse_known_args()
    folder = known.seeds
    if folder is None:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix=f"kuaibao-fuzz-{known.target}-"))
    folder.mkdir(parents=True, exist_ok=True)
    for number, seed in enumerate(seeds(known.target)):
        (folder / f"seed-{number:03d}").write_bytes(seed)
    argv = [sys.argv[0], *libfuzzer, str(folder)]
    if known.target == "docx":
        atheris.Setup(argv, one_input, custom_mutator=mutate_docx)
    else:
        atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
