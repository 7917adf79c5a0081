"""Make the small files of other kinds that the content sniffing tests need (tests/fixtures/kinds).

Run as `.venv/bin/python scripts/make_kinds.py` on a machine with LibreOffice and python3-uno.
It writes, from one DOCX fixture: a Word 97 file (.doc) and the same with an opening password,
an encrypted DOCX (Office's agile encryption in an OLE container), an RTF and an ODT, each
saved by LibreOffice as an office would (the encrypted DOCX by msoffcrypto-tool, which must
be installed with pip for this script). Spreadsheets are made in the tests with openpyxl.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ROOT / "tests" / "fixtures" / "kinds"
SOURCE = ROOT / "tests" / "fixtures" / "formats" / "000_14293bf241bcd247.docx"

_UNO_PROGRAM = r"""
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue(); p.Name = name; p.Value = value; out.append(p)
    return tuple(out)

work, source, target = sys.argv[1], sys.argv[2], sys.argv[3]
office = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + work + "/profile",
    "--accept=pipe,name=kuaibao_kinds;urp;", "--headless", "--norestore", "--nologo"])
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(600):
    try:
        ctx = resolver.resolve("uno:pipe,name=kuaibao_kinds;urp;StarOffice.ComponentContext"); break
    except NoConnectException:
        time.sleep(0.1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
def save(doc, name, filt, **extra):
    doc.storeToURL(uno.systemPathToFileUrl(os.path.join(target, name)), props(FilterName=filt, **extra))
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, props(Hidden=True))
save(doc, "word97.doc", "MS Word 97")
save(doc, "word97-password.doc", "MS Word 97", Password="kuaibao")
save(doc, "document.rtf", "Rich Text Format")
save(doc, "document.odt", "writer8")
doc.close(True)
desktop.terminate()
office.wait(60)
"""


def main() -> None:
    KINDS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kuaibao-kinds-") as work:
        subprocess.run(["/usr/bin/python3", "-c", _UNO_PROGRAM, work, str(SOURCE), str(KINDS)], check=True, timeout=300)
    # LibreOffice writes no encrypted DOCX; msoffcrypto-tool (pip) does, as Office does.
    from msoffcrypto.format.ooxml import OOXMLFile

    with SOURCE.open("rb") as plain, (KINDS / "password.docx").open("wb") as encrypted:
        OOXMLFile(plain).encrypt("kuaibao", encrypted)
    for path in sorted(KINDS.iterdir()):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
