"""Proofreading measured on public test sets nobody here wrote, beside the old engine.

Each DATA file is a public spelling-check set in the format of `../shared/proof-dev/`
(`source<TAB>target` a line, same lengths, UTF-8; see that folder's README for the protocol this
bench implements). The data is read from the paths given and never copied into the project.

For each set and each engine, the sources are written one a line to a temporary file and
`kuaibao proof FILE --format json` runs once on it, as a subprocess. The old engine is the
code of `--baseline` (a git revision, by default the commit before the statistical engine),
extracted to a temporary folder and run with the same Python; the new one is this checkout.

Printed per set, engine beside engine: sentence-level detection and correction P/R/F1,
false alarms on clean sentences, narrow detection, character-level detection P/R/F1, the
"second view" (punctuation and number findings that cover no gold error dropped), findings per
rule family, and throughput (source characters per second of the run, minus start-up: the
faster of two runs on an empty file made just before), by the wall clock as the protocol says
and by the CPU time of the process (user + system), which a busy shared machine does not
inflate.

    .venv/bin/python bench/proof_public.py ../shared/proof-dev/textproof.tsv
    .venv/bin/python bench/proof_public.py --folds 5 ../shared/proof-dev/textproof.tsv   # per fold too
    .venv/bin/python bench/proof_public.py --engines new SET.tsv                           # new engine only
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The last commit of the rule-only engine (before issue 21's statistical detection).
BASELINE = "aad0f5f"
TIMEOUT = 1800
# Characters that could break a line in the one-sentence-a-line file (protocol step 1).
_BREAKS = dict.fromkeys(map(ord, "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"))


@dataclass(frozen=True, slots=True)
class Pair:
    source: str
    target: str

    @property
    def errors(self) -> frozenset[int]:
        return frozenset(i for i, (a, b) in enumerate(zip(self.source, self.target, strict=True)) if a != b)


@dataclass(slots=True)
class Placed:
    """A finding placed in its sentence: [start, end) and whether its text is really there."""

    line: int
    start: int
    end: int
    text: str
    rule: str
    suggestion: str | None
    matches: bool


@dataclass(slots=True)
class Run:
    engine: str
    seconds: float
    startup: float
    status: int
    findings: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    cpu: float = 0.0  # CPU seconds (user + system) of the run: one core's work on a busy machine
    startup_cpu: float = 0.0


def read_set(path: Path) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text("utf-8").split("\n"), start=1):
        if not line:
            continue
        source, _, target = line.partition("\t")
        source, target = source.translate(_BREAKS), target.translate(_BREAKS)
        if len(source) != len(target):
            raise SystemExit(f"{path}:{number}: source and target differ in length")
        pairs.append(Pair(source, target))
    return pairs


# --- running an engine -------------------------------------------------------------------


def engine_env(engine: str, workdir: Path, baseline: str) -> dict[str, str]:
    """The environment that runs one engine: KUAIBAO_PROOF_ENGINE names the folder whose
    `kuaibao` package is imported (an editable install would otherwise always win)."""
    env = dict(os.environ)
    if engine == "old":
        target = workdir / "old"
        if not target.exists():
            target.mkdir()
            archive = subprocess.run(  # noqa: S603
                ["git", "-C", str(ROOT), "archive", baseline, "kuaibao"],  # noqa: S607
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)  # noqa: S603, S607
        env["KUAIBAO_PROOF_ENGINE"] = str(target)
    else:
        env["KUAIBAO_PROOF_ENGINE"] = str(ROOT)
    return env


# Drop the editable install's import hook, put the engine's folder first, run the command line.
_RUNNER = (
    "import os, sys; "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
    "sys.path.insert(0, os.environ['KUAIBAO_PROOF_ENGINE']); "
    "from kuaibao.cli import main; main()"
)


def run_engine(engine: str, text_file: Path, env: dict[str, str]) -> tuple[float, int, str, str, float]:
    """Wall time, exit status, output, errors and CPU time (user + system) of one run."""
    command = [sys.executable, "-c", _RUNNER, "proof", str(text_file), "--format", "json"]
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)  # noqa: S603
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)
    return wall, done.returncode, done.stdout, done.stderr, cpu


def measure(engine: str, pairs: list[Pair], workdir: Path, baseline: str) -> Run:
    env = engine_env(engine, workdir, baseline)
    empty = workdir / "empty.txt"
    empty.write_text("")
    empties = [run_engine(engine, empty, env) for _ in range(2)]
    startup = min(e[0] for e in empties)
    startup_cpu = min(e[4] for e in empties)
    text_file = workdir / "sentences.txt"
    text_file.write_text("".join(pair.source + "\n" for pair in pairs), encoding="utf-8")
    try:
        seconds, status, out, err, cpu = run_engine(engine, text_file, env)
    except subprocess.TimeoutExpired:
        return Run(engine, TIMEOUT, startup, -1, error="timeout")
    run = Run(engine, seconds, startup, status, cpu=cpu, startup_cpu=startup_cpu)
    if status not in (0, 1):
        run.error = f"exit status {status}: {err.strip()[-300:]}"
        return run
    try:
        payload = json.loads(out)
        run.findings = list(payload["findings"])
    except (ValueError, KeyError, TypeError) as exc:
        run.error = f"output is not {{'findings': [...]}}: {exc}"
    return run


# --- placing findings (protocol step 2) ---------------------------------------------------


def place(findings: Iterable[dict[str, Any]], pairs: list[Pair]) -> tuple[list[Placed], int, int]:
    """Findings in their sentences; also how many were mismatched and how many unplaceable."""
    starts, position = [], 0
    for pair in pairs:
        starts.append(position)
        position += len(pair.source) + 1
    placed: list[Placed] = []
    mismatched = unplaced = 0
    for finding in findings:
        text = str(finding.get("text") or "")
        width = max(1, len(text))
        line, column = finding.get("line"), finding.get("column")
        rule, suggestion = str(finding.get("rule", "")), finding.get("suggestion")
        valid = isinstance(line, int) and 1 <= line <= len(pairs) and isinstance(column, int) and column >= 1
        if valid:
            sentence = pairs[line - 1].source
            start = column - 1
            if sentence[start : start + len(text)] == text:
                placed.append(Placed(line, start, min(start + width, len(sentence)), text, rule, suggestion, True))
                continue
        by_offset = _by_offset(finding.get("offset"), text, pairs, starts)
        if by_offset is not None:
            line_at, start = by_offset
            end = min(start + width, len(pairs[line_at - 1].source))
            placed.append(Placed(line_at, start, end, text, rule, suggestion, True))
            continue
        if valid:
            mismatched += 1
            sentence = pairs[line - 1].source
            start = min(column - 1, len(sentence))
            placed.append(Placed(line, start, min(start + width, len(sentence)), text, rule, suggestion, False))
        else:
            unplaced += 1
    return placed, mismatched, unplaced


def _by_offset(offset: Any, text: str, pairs: list[Pair], starts: list[int]) -> tuple[int, int] | None:
    if not isinstance(offset, int) or offset < 0:
        return None
    from bisect import bisect_right

    line = bisect_right(starts, offset)
    if line < 1 or line > len(pairs):
        return None
    start = offset - starts[line - 1]
    sentence = pairs[line - 1].source
    if start <= len(sentence) and sentence[start : start + len(text)] == text:
        return line, start
    return None


# --- scoring (protocol steps 3 to 6) ------------------------------------------------------


def narrow_positions(found: Placed) -> set[int]:
    """The characters a finding's suggestion changes (the whole span when it has none)."""
    whole = set(range(found.start, found.end))
    if found.suggestion is None or found.suggestion == found.text or not found.matches:
        return whole
    text, fixed = found.text, found.suggestion
    if len(text) == len(fixed):
        return {found.start + i for i, (a, b) in enumerate(zip(text, fixed, strict=True)) if a != b}
    out: set[int] = set()
    matcher = difflib.SequenceMatcher(None, text, fixed, autojunk=False)
    for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            out.update(range(found.start + i1, found.start + i2))
        elif op == "insert":
            out.update(p for p in (found.start + i1 - 1, found.start + i1) if found.start <= p < found.end)
    return out or whole


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pairs: list[Pair], placed: list[Placed], lines: set[int] | None = None) -> dict[str, Any]:
    """Every figure of the protocol for the sentences in `lines` (1-based; all when None)."""
    chosen = set(range(1, len(pairs) + 1)) if lines is None else lines
    by_line: dict[int, list[Placed]] = defaultdict(list)
    for found in placed:
        if found.line in chosen:
            by_line[found.line].append(found)
    wrong = [n for n in chosen if pairs[n - 1].errors]
    clean = [n for n in chosen if not pairs[n - 1].errors]
    out: dict[str, Any] = {"sentences": len(chosen), "with_errors": len(wrong), "clean": len(clean)}
    out["detection"] = _detection(pairs, by_line, wrong, lambda f: set(range(f.start, f.end)))
    out["narrow"] = _detection(pairs, by_line, wrong, narrow_positions)
    out["correction"] = _correction(pairs, by_line, chosen, wrong)
    out["false_alarms"] = sum(1 for n in clean if by_line.get(n)) / len(clean) if clean else 0.0
    out["characters"] = _characters(pairs, by_line, chosen)
    second = {
        n: [f for f in found if not (_punct_or_number(f) and not (set(range(f.start, f.end)) & pairs[n - 1].errors))]
        for n, found in by_line.items()
    }
    out["second"] = {
        "detection": _detection(pairs, second, wrong, lambda f: set(range(f.start, f.end))),
        "correction": _correction(pairs, second, chosen, wrong),
        "false_alarms": sum(1 for n in clean if second.get(n)) / len(clean) if clean else 0.0,
    }
    out["families"] = _families(pairs, by_line)
    return out


def _punct_or_number(found: Placed) -> bool:
    return found.rule.startswith(("punct.", "number."))


def _detection(pairs: list[Pair], by_line: dict[int, list[Placed]], wrong: list[int], cover: Any) -> tuple[float, ...]:
    flagged = [n for n, found in by_line.items() if found]
    tp = sum(1 for n in flagged if pairs[n - 1].errors and any(cover(f) & pairs[n - 1].errors for f in by_line[n]))
    return _prf(tp, len(flagged), len(wrong))


def _correction(
    pairs: list[Pair], by_line: dict[int, list[Placed]], chosen: set[int], wrong: list[int]
) -> tuple[float, ...]:
    predictions = tp = 0
    for n in chosen:
        pair = pairs[n - 1]
        result = apply(pair.source, by_line.get(n, []))
        if result != pair.source:
            predictions += 1
            tp += bool(pair.errors) and result == pair.target
    return _prf(tp, predictions, len(wrong))


def apply(source: str, found: list[Placed]) -> str:
    pieces, cursor = [], 0
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        if f.suggestion is None or not f.matches or f.start < cursor:
            continue
        pieces.append(source[cursor : f.start])
        pieces.append(str(f.suggestion))
        cursor = f.end
    pieces.append(source[cursor:])
    return "".join(pieces)


def _characters(pairs: list[Pair], by_line: dict[int, list[Placed]], chosen: set[int]) -> tuple[float, ...]:
    predicted = {(n, i) for n, found in by_line.items() for f in found for i in range(f.start, f.end)}
    gold = {(n, i) for n in chosen for i in pairs[n - 1].errors}
    return _prf(len(predicted & gold), len(predicted), len(gold))


def _families(pairs: list[Pair], by_line: dict[int, list[Placed]]) -> dict[str, Counter[str]]:
    families: dict[str, Counter[str]] = defaultdict(Counter)
    for n, found in by_line.items():
        errors = pairs[n - 1].errors
        flagged: set[str] = set()
        for f in found:
            family = families[f.rule.split(".", 1)[0]]
            family["findings"] += 1
            if not errors:
                family["on_clean"] += 1
            elif set(range(f.start, f.end)) & errors:
                family["on_gold"] += 1
            else:
                family["elsewhere"] += 1
            flagged.add(f.rule.split(".", 1)[0])
        for name in flagged:
            families[name]["sentences"] += 1
    return families


# --- printing ------------------------------------------------------------------------------


def fmt(values: tuple[float, ...]) -> str:
    return " / ".join(f"{v:.3f}" for v in values)


def report(
    name: str, pairs: list[Pair], runs: list[Run], placed: dict[str, tuple[list[Placed], int, int]], folds: int
) -> None:
    chars = sum(len(p.source) for p in pairs)
    wrong = sum(1 for p in pairs if p.errors)
    print(
        f"\n== {name}: {len(pairs)} sentences ({wrong} with errors, {len(pairs) - wrong} clean), {chars:,} characters"
    )
    scores = {run.engine: score(pairs, placed[run.engine][0]) for run in runs if not run.error}
    for run in runs:
        if run.error:
            print(f"   {run.engine}: no measurement ({run.error})")
    engines = [run.engine for run in runs if not run.error]
    rows = [
        ("detection P / R / F1", lambda s: fmt(s["detection"])),
        ("correction P / R / F1", lambda s: fmt(s["correction"])),
        ("false alarms on clean", lambda s: f"{s['false_alarms']:.1%}"),
        ("narrow detection P / R / F1", lambda s: fmt(s["narrow"])),
        ("character P / R / F1", lambda s: fmt(s["characters"])),
        ("2nd view detection P / R / F1", lambda s: fmt(s["second"]["detection"])),
        ("2nd view correction P / R / F1", lambda s: fmt(s["second"]["correction"])),
        ("2nd view false alarms", lambda s: f"{s['second']['false_alarms']:.1%}"),
    ]
    print(f"   {'':32}" + "".join(f"{e:>26}" for e in engines))
    for label, cell in rows:
        print(f"   {label:32}" + "".join(f"{cell(scores[e]):>26}" for e in engines))
    for run in runs:
        if run.error:
            continue
        work = max(run.seconds - run.startup, 1e-9)
        _, mismatched, unplaced = placed[run.engine]
        print(
            f"   {run.engine}: {len(run.findings)} findings ({mismatched} mismatched, {unplaced} unplaceable), "
            f"exit {run.status}, {run.seconds:.2f} s run − {run.startup:.2f} s start-up: {chars / work:,.0f} chars/s"
        )
        cpu_work = max(run.cpu - run.startup_cpu, 1e-9)
        print(
            f"      CPU time (one core): {run.cpu:.2f} s run − {run.startup_cpu:.2f} s start-up: "
            f"{chars / cpu_work:,.0f} chars/s"
        )
    for engine in engines:
        print(
            f"   rule families, {engine} (findings, on clean, covering a gold error, "
            "elsewhere on pairs with errors, sentences):"
        )
        for family, counts in sorted(scores[engine]["families"].items()):
            print(
                f"      {family:12} {counts['findings']:6} {counts['on_clean']:6} {counts['on_gold']:6} "
                f"{counts['elsewhere']:6} {counts['sentences']:6}"
            )
    if folds > 1:
        print(f"   per fold (by line number, {folds} folds): detection P / R / F1, false alarms")
        for fold in range(folds):
            lines = {n for n in range(1, len(pairs) + 1) if (n - 1) * folds // len(pairs) == fold}
            cells = []
            for engine in engines:
                s = score(pairs, placed[engine][0], lines)
                cells.append(f"{engine}: {fmt(s['detection'])}, {s['false_alarms']:.1%}")
            print(f"      fold {fold + 1}: " + "   ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="+", type=Path, help="public sets: source<TAB>target a line")
    parser.add_argument("--engines", default="old,new", help="old,new (default), new or old")
    parser.add_argument("--baseline", default=BASELINE, help=f"git revision of the old engine (default {BASELINE})")
    parser.add_argument("--folds", type=int, default=1, help="also report per fold of consecutive lines")
    parser.add_argument("--dump", type=Path, help="write the new engine's placed findings here (JSON lines)")
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    with tempfile.TemporaryDirectory(prefix="kb-proof-public-") as tmp:
        workdir = Path(tmp)
        for path in args.data:
            pairs = read_set(path)
            runs = [measure(engine, pairs, workdir, args.baseline) for engine in engines]
            placed = {run.engine: place(run.findings, pairs) for run in runs}
            report(str(path), pairs, runs, placed, args.folds)
            if args.dump and "new" in placed:
                with args.dump.open("w", encoding="utf-8") as out:
                    for f in placed["new"][0]:
                        out.write(
                            json.dumps(f.__dict__ if hasattr(f, "__dict__") else _as_dict(f), ensure_ascii=False) + "\n"
                        )


def _as_dict(found: Placed) -> dict[str, Any]:
    return {name: getattr(found, name) for name in Placed.__slots__}  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
