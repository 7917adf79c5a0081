"""The child process that keeps one headless LibreOffice alive and converts files to DOCX.

Run by `kuaibao.core.parse.office` with a Python that has LibreOffice's UNO bridge (Debian's
python3-uno, for /usr/bin/python3), never imported by kuaibao itself: it imports nothing of
kuaibao. It starts soffice with a private profile, connects over a private pipe, then reads one
JSON request a line on stdin ({"in": path, "out": path}) and answers one JSON line on stdout
({"ok": true} or {"error": "..."}). Documents are opened hidden, read-only, with macros never
run and links never updated. The parent enforces the time limit and restarts the whole process
group on any failure.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode.NO_UPDATE


def _props(**values: object) -> tuple[object, ...]:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _start(profile: str, pipe: str) -> tuple[subprocess.Popen[bytes], object]:
    office = subprocess.Popen(  # noqa: S603 - a fixed program with our own arguments
        [
            os.environ.get("KUAIBAO_SOFFICE", "soffice"),
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            "--headless",
            "--invisible",
            "--nocrashreport",
            "--nodefault",
            "--nofirststartwizard",
            "--nolockcheck",
            "--nologo",
            "--norestore",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not start") from None
            time.sleep(0.1)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return office, desktop


def _convert(desktop: object, source: str, target: str) -> None:
    load = _props(Hidden=True, ReadOnly=True, MacroExecutionMode=NEVER_EXECUTE, UpdateDocMode=NO_UPDATE)
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, load)  # type: ignore[attr-defined]
    if document is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        document.storeToURL(uno.systemPathToFileUrl(target), _props(FilterName="MS Word 2007 XML", Overwrite=True))
    finally:
        document.close(True)


def _limit() -> None:
    """Memory and file-size limits for this process and the LibreOffice it starts; no core."""
    memory, output = (int(v) for v in os.environ.get("KUAIBAO_OFFICE_LIMITS", "0 0").split())
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if output:
        resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main() -> None:
    profile, pipe = sys.argv[1], sys.argv[2]
    _limit()
    office, desktop = _start(profile, pipe)
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(desktop, request["in"], request["out"])
                answer: dict[str, object] = {"ok": True}
            except Exception as exc:  # reported to the parent as one line; the process lives on
                answer = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()
    finally:
        try:
            desktop.terminate()  # type: ignore[attr-defined]
        except Exception:  # noqa: S110 - the office is going away either way
            pass
        office.kill()


if __name__ == "__main__":
    main()
