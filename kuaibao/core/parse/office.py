"""Read Word 97 (.doc), WPS (.wps), RTF and ODT files by converting them to DOCX in LibreOffice.

Starting soffice costs about two seconds, so each process keeps one headless LibreOffice alive
in a child process (`office_worker.py`, run by a Python with the UNO bridge) and converts one
file at a time through it. The child runs in its own process group with a private profile and
a private folder for the files, with no network where the system allows (`unshare -n`), under
a memory limit; each conversion has a time limit, after which the whole group is killed and
the next file starts a fresh LibreOffice. The DOCX that comes out is read by the DOCX reader.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse.blocks import Reading

__all__ = ["OfficeUnavailable", "convert_to_docx", "office_available", "read_office", "shutdown"]

# Seconds one conversion may take; a bulletin converts in a fraction of a second.
TIMEOUT = float(os.environ.get("KUAIBAO_OFFICE_TIMEOUT", "60"))
# Seconds LibreOffice may take to start (the first start builds the profile).
START_TIMEOUT = float(os.environ.get("KUAIBAO_OFFICE_START_TIMEOUT", "90"))
# Address space of the child process group, in MiB.
MEMORY_MB = int(os.environ.get("KUAIBAO_OFFICE_MEMORY_MB", "4096"))
# The largest DOCX a conversion may write.
MAX_OUTPUT = 256 * 1024 * 1024

_WORKER = Path(__file__).with_name("office_worker.py")
_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
_LABELS = {
    "doc": "Word 97-2003 文档",
    "wps": "WPS 文字文档",
    "rtf": "RTF 文档",
    "odt": "OpenDocument 文本",
    "works": "Works 文档",
}
_MISSING = "读取旧版 Word/WPS 文件需要 LibreOffice（Debian 软件包 libreoffice-writer-nogui 和 python3-uno），本机未安装"
_SUFFIX = {"doc": ".doc", "wps": ".wps", "rtf": ".rtf", "odt": ".odt", "works": ".wps"}


class OfficeUnavailable(UnreadableInput):
    """LibreOffice or its Python bridge is not installed."""


@functools.cache
def _python() -> str | None:
    """A Python that can import LibreOffice's `uno` module (KUAIBAO_OFFICE_PYTHON first)."""
    candidates = [os.environ.get("KUAIBAO_OFFICE_PYTHON", ""), *_PYTHONS]
    for candidate in candidates:
        if not candidate or not os.access(candidate, os.X_OK):
            continue
        try:
            subprocess.run(  # noqa: S603 - our own fixed check
                [candidate, "-c", "import uno"], capture_output=True, timeout=30, check=True
            )
        except (subprocess.SubprocessError, OSError):
            continue
        return candidate
    return None


def office_available() -> bool:
    """True when LibreOffice and a Python with its UNO bridge are installed."""
    return shutil.which(os.environ.get("KUAIBAO_SOFFICE", "soffice")) is not None and _python() is not None


@functools.cache
def _no_network_prefix() -> tuple[str, ...]:
    """`unshare -n` when this system lets us drop the network; nothing otherwise."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for prefix in ((unshare, "-n"), (unshare, "-r", "-n")):
        try:
            subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=True)  # noqa: S603
        except (subprocess.SubprocessError, OSError):
            continue
        return prefix
    return ()


class _Office:
    """One LibreOffice child process and its private folder; used under `_LOCK`."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.home: str | None = None

    def start(self) -> subprocess.Popen[bytes]:
        python = _python()
        if python is None or shutil.which(os.environ.get("KUAIBAO_SOFFICE", "soffice")) is None:
            raise OfficeUnavailable(_MISSING)
        self.home = tempfile.mkdtemp(prefix="kuaibao-office-")
        profile = os.path.join(self.home, "profile")
        pipe = f"kuaibao_office_{os.getpid()}_{os.path.basename(self.home)}"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "TMPDIR": self.home,
            "LANG": "C.UTF-8",
            "SAL_USE_VCLPLUGIN": "svp",
            # The worker limits itself (and so LibreOffice) before it starts anything.
            "KUAIBAO_OFFICE_LIMITS": f"{MEMORY_MB * 1024 * 1024} {MAX_OUTPUT}",
        }
        if "KUAIBAO_SOFFICE" in os.environ:
            env["KUAIBAO_SOFFICE"] = os.environ["KUAIBAO_SOFFICE"]
        self.process = subprocess.Popen(  # noqa: S603 - fixed programs, our own arguments
            [*_no_network_prefix(), python, str(_WORKER), profile, pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=self.home,
            start_new_session=True,  # its own process group, killed whole on failure
        )
        answer = self._answer(START_TIMEOUT)
        if not answer.get("ready"):
            self.stop()
            raise UnreadableInput("LibreOffice 无法启动，旧版 Word/WPS 文件暂不能读取")
        return self.process

    def _answer(self, timeout: float) -> dict[str, object]:
        process = self.process
        if process is None or process.stdout is None:
            return {"died": True}
        deadline = time.monotonic() + timeout
        line = b""
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0:
                return {"timeout": True}
            ready, _, _ = select.select([process.stdout], [], [], left)
            if not ready:
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                return {"died": True}
            line += chunk
        try:
            answer: dict[str, object] = json.loads(line.decode("utf-8", "replace").splitlines()[-1])
        except ValueError:
            return {"died": True}
        return answer

    def convert(self, data: bytes, suffix: str) -> bytes:
        if self.process is not None and self.process.poll() is not None:
            self.stop()  # died since the last file: clean up, then start afresh
        process = self.process or self.start()
        if process.stdin is None or self.home is None:
            raise UnreadableInput("LibreOffice 未能启动")
        work = tempfile.mkdtemp(prefix="job-", dir=self.home)
        source, target = os.path.join(work, "in" + suffix), os.path.join(work, "out.docx")
        try:
            with open(source, "wb") as handle:
                handle.write(data)
            try:
                process.stdin.write((json.dumps({"in": source, "out": target}) + "\n").encode())
                process.stdin.flush()
            except OSError:
                self.stop()
                raise UnreadableInput("LibreOffice 意外退出，未能转换该文件") from None
            answer = self._answer(TIMEOUT)
            if answer.get("timeout") or answer.get("died"):
                self.stop()
                if answer.get("timeout"):
                    message = f"LibreOffice 转换超过 {TIMEOUT:.0f} 秒仍未完成，已中止（文件可能已损坏或过于复杂）"
                    raise UnreadableInput(message)
                raise UnreadableInput("LibreOffice 转换时崩溃，文件可能已损坏")
            if "error" in answer:
                raise UnreadableInput("LibreOffice 无法打开该文件，文件可能已损坏或不是文字文档")
            with open(target, "rb") as handle:
                return handle.read(MAX_OUTPUT + 1)
        except FileNotFoundError:
            raise UnreadableInput("LibreOffice 没有生成转换结果，文件可能已损坏") from None
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
        if self.home is not None:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None


_LOCK = threading.Lock()
_OFFICE = _Office()
atexit.register(lambda: _OFFICE.stop())


def shutdown() -> None:
    """Stop this process's LibreOffice (tests and workers call it when they finish)."""
    with _LOCK:
        _OFFICE.stop()


def convert_to_docx(data: bytes, kind: str) -> bytes:
    """The file converted to DOCX by this process's LibreOffice, one conversion at a time."""
    with _LOCK:
        return _OFFICE.convert(data, _SUFFIX.get(kind, ".doc"))


def read_office(data: bytes, kind: str) -> Reading:
    """Blocks of a .doc, .wps, .rtf or .odt file, read through its DOCX conversion."""
    from kuaibao.core.parse.docx import read_docx

    docx = convert_to_docx(data, kind)
    try:
        reading: Reading = read_docx(docx)
    except UnreadableInput as exc:
        raise UnreadableInput(f"{_LABELS.get(kind, '文档')}转换后无法读取：{exc.reason}") from None
    reading.format = kind
    return reading
