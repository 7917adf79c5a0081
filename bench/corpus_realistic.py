"""A realistic benchmark corpus: bulletin items of a province whose vocabulary follows real
Chinese government prose, so that gram counts, hit counts and phrase frequencies look like a
real archive's rather than like 59 sentences recombined.

Where the words come from (no text is invented by hand):
- jieba's lexicon (`jieba/dict.txt`, 349,046 words with frequencies counted on general
  Chinese text, and part-of-speech tags): the general vocabulary, drawn by frequency; its place
  names (ns) and personal names (nr) for villages, townships and people.
- Government prose: `bench/data/gov_2018_rural_revitalization.txt` (中共中央 国务院关于实施乡村振兴
  战略的意见, 2018; an official document of state organs, outside copyright under Article 5 of the
  Copyright Law of the PRC; provenance in `bench/data/README.md`) and the real bulletins in
  `tests/fixtures/corpus`, segmented by jieba. Runs of one to four consecutive words are
  copied from them, so stock phrases (乡村振兴, 项目建设, 人居环境) recur as they do in real
  bulletins, with their real relative frequencies.
- Per unit: a topic of lexicon nouns (a township writes about its villages and crops, a bureau
  about its own business), its own place names, and its share of the archive (Zipf: some units
  report far more than others).
- Numbers, amounts, dates, percentages and Latin runs (5G, PPP, G107) as bulletins write them.
Item lengths follow the real bulletins' (log-normal fitted to their bodies).

    .venv/bin/python bench/corpus_realistic.py --items 20000      # statistics beside the real corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOV_TEXT = ROOT / "bench" / "data" / "gov_2018_rural_revitalization.txt"
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
START = dt.date(2010, 1, 1)
YEARS = 16  # 2010-2025
LATIN = [
    "5G", "GDP", "PPP", "APP", "AI", "CPI", "G107", "S226", "ETC", "LED", "PM2.5", "PM10", "VR", "QQ",
    "Wi-Fi", "EPC", "BIM", "CT", "ICU", "O2O", "12345", "110", "120", "4A", "3A", "ISO9001", "B2B", "IPO",
]  # fmt: skip
MEASURES = [
    "万元",
    "亿元",
    "元",
    "个",
    "户",
    "人",
    "人次",
    "亩",
    "公里",
    "平方米",
    "吨",
    "家",
    "项",
    "次",
    "场",
    "件",
    "%",
]
DEPARTMENTS = [
    "财政局", "商务局", "发改委", "教育局", "卫健委", "农业农村局", "水利局", "交通运输局", "自然资源局",
    "生态环境分局", "住建局", "市场监管局", "人社局", "医保局", "民政局", "文广旅局", "应急管理局", "公安局",
    "税务局", "统计局", "科工局", "审计局", "城管局", "林业局", "乡村振兴局", "融媒体中心", "供销社", "信访局",
]  # fmt: skip
TOWN_SUFFIXES = ["镇", "乡", "街道"]
# A clause's pieces: a run of the government register, a lexicon word, a word of the unit's
# topic, a village or person, a number or date, a Latin run.
KIND_CDF = np.cumsum([0.55, 0.12, 0.2, 0.05, 0.06, 0.02])[:-1]


def _segment(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(60)
    return [w for w in jieba.lcut(text) if w.strip()]


def real_items() -> list[tuple[str, str]]:
    """(title, body) of every item of the real bulletins in tests/fixtures/corpus."""
    from kuaibao.core.parse import parse_path

    items = []
    for path in sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")):
        items.extend((item.title, item.body) for item in parse_path(path).items)
    return items


def gov_paragraphs() -> list[str]:
    return [line.strip() for line in GOV_TEXT.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 20]


@dataclass(slots=True)
class Unit:
    name: str
    topic: np.ndarray  # indices into the lexicon
    places: list[str]
    weight: float


class Generator:
    """Items for a province of `counties` counties, each with its departments and townships."""

    def __init__(self, seed: int = 1_000_000, counties: int = 40) -> None:
        import jieba

        self.rng = np.random.default_rng(seed)
        self.py = random.Random(seed)
        words, freqs, tags = [], [], []
        with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as lexicon:
            for line in lexicon:
                word, freq, tag = line.split()
                if HAN.match(word) and len(word) <= 6 and tag not in ("nr", "nrt", "ns", "nrfg"):
                    words.append(word)
                    freqs.append(int(freq))
                    tags.append(tag)
        self.words = words
        p = np.array(freqs, dtype=np.float64)
        self.cdf_lexicon = np.cumsum(p / p.sum())
        nouns = np.array([i for i, t in enumerate(tags) if t in ("n", "vn", "nz") and len(words[i]) >= 2])
        noun_p = p[nouns] ** 0.7
        self.nouns, self.noun_p = nouns, noun_p / noun_p.sum()
        places, people = self._names()
        self.places, self.people = places, people
        # Government register: runs of consecutive words from the document and the bulletins.
        register: list[str] = []
        for paragraph in gov_paragraphs():
            register += _segment(paragraph)
        for title, body in real_items():
            register += _segment(title) + _segment(body)
        self.register = [w for w in register if not re.fullmatch(r"[\d.％%]+", w)]
        self.units = self._units(counties)
        weights = np.array([u.weight for u in self.units])
        self.p_units = weights / weights.sum()
        lengths = [len(body) for _, body in real_items()]
        logs = [math.log(n) for n in lengths]
        self.length_mu, self.length_sigma = statistics.mean(logs), statistics.stdev(logs)

    def _names(self) -> tuple[list[str], list[str]]:
        import jieba

        places, people = [], []
        with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as lexicon:
            for line in lexicon:
                word, _, tag = line.split()
                if not HAN.match(word):
                    continue
                if tag == "ns" and 2 <= len(word) <= 3 and word[-1] not in "国省市县区州":
                    places.append(word)
                elif tag == "nr" and len(word) == 3:
                    people.append(word)
        self.py.shuffle(places)
        self.py.shuffle(people)
        return places, people

    def _units(self, counties: int) -> list[Unit]:
        units = []
        place = iter(self.places)
        for _ in range(counties):
            county = next(place)[:2] + "县"
            members = [county + d for d in self.py.sample(DEPARTMENTS, 20)]
            members += [next(place)[:2] + self.py.choice(TOWN_SUFFIXES) for _ in range(12)]
            for name in members:
                topic = self.rng.choice(self.nouns, size=120, replace=False, p=self.noun_p)
                villages = [name[:2] + "村" for name in self.py.sample(self.places, 15)]
                units.append(Unit(name, topic, villages, 0.0))
        order = self.rng.permutation(len(units))
        for rank, index in enumerate(order, 1):
            units[index].weight = 1 / rank**0.8
        return units

    # --- pieces ------------------------------------------------------------------------------

    def _number(self) -> str:
        r = self.py.random()
        if r < 0.35:
            return f"{self.py.randint(1, 999)}{self.py.choice(MEASURES)}"
        if r < 0.6:
            return f"{self.py.randint(1, 9999) / 10:g}{self.py.choice(['万元', '亿元', '%', '万亩', '公里'])}"
        if r < 0.85:
            return f"{self.py.randint(1, 12)}月{self.py.randint(1, 28)}日"
        return f"{self.py.randint(2010, 2025)}年"

    def _clause(self, unit: Unit, kinds: np.ndarray, lexicon: np.ndarray, topic: np.ndarray) -> str:
        out = []
        for kind, lex, top in zip(kinds, lexicon, topic, strict=True):
            if kind == 0:  # a run of the register
                start = self.py.randrange(len(self.register) - 4)
                run = self.register[start : start + 1 + int(top % 4)]
                out.append("".join(w for w in run if not re.fullmatch(r"[，。、；：！？“”（）《》\s]+", w)))
            elif kind == 1:
                out.append(self.words[lex])
            elif kind == 2:
                out.append(self.words[unit.topic[top % len(unit.topic)]])
            elif kind == 3:
                out.append(unit.places[top % len(unit.places)] if top % 3 else self.people[lex % len(self.people)])
            elif kind == 4:
                out.append(self._number())
            else:
                out.append(self.py.choice(LATIN))
        return "".join(out)

    def _text(self, unit: Unit, chars: int) -> str:
        parts: list[str] = []
        size = 0
        while size < chars:
            pieces = int(self.rng.integers(3, 8))
            kinds = np.searchsorted(KIND_CDF, self.rng.random(pieces), side="right")
            lexicon = np.minimum(np.searchsorted(self.cdf_lexicon, self.rng.random(pieces)), len(self.words) - 1)
            topic = self.rng.integers(0, 1 << 30, size=pieces)
            clause = self._clause(unit, kinds, lexicon, topic)
            parts.append(clause + ("。" if self.py.random() < 0.35 else "，"))
            size += len(clause) + 1
        text = "".join(parts)
        return text[:-1] + "。"

    def items(self, count: int) -> Iterator[tuple[str, str, str, dt.date]]:
        """(title, body, unit name, date) for `count` items."""
        unit_indices = self.rng.choice(len(self.units), size=count, p=self.p_units)
        lengths = np.clip(self.rng.lognormal(self.length_mu, self.length_sigma, size=count), 40, 6000)
        days = self.rng.integers(0, YEARS * 365, size=count)
        for index, length, day in zip(unit_indices, lengths, days, strict=True):
            unit = self.units[index]
            title = unit.name + self._text(unit, self.py.randint(10, 22))[:-1]
            yield title, self._text(unit, int(length)), unit.name, START + dt.timedelta(days=int(day))


# --- statistics ----------------------------------------------------------------------------------


def distinct_grams(texts: list[str], chars: int) -> dict[int, float]:
    """Distinct 1-, 2- and 3-grams per million characters in the first `chars` characters."""
    from kuaibao.core.search import normalize

    seen: dict[int, set[str]] = {1: set(), 2: set(), 3: set()}
    total = 0
    for text in texts:
        text = normalize(text)[: chars - total]
        for n, grams in seen.items():
            grams.update(text[i : i + n] for i in range(len(text) - n + 1))
        total += len(text)
        if total >= chars:
            break
    return {n: len(grams) * 1e6 / max(total, 1) for n, grams in seen.items()}


def hit_shares(texts: list[str], words: list[str]) -> list[float]:
    """For each word, the share of texts that contain it."""
    return [sum(word in text for text in texts) / len(texts) for word in words]


def probe_words(seed: int = 7) -> dict[int, list[str]]:
    """2- and 4-character words of the real bulletins (jieba), 60 of each: what readers search."""
    rng = random.Random(seed)
    words = Counter(w for title, body in real_items() for w in _segment(title + body) if HAN.match(w))
    out = {}
    for n in (2, 4):
        pool = sorted(w for w in words if len(w) == n)
        out[n] = rng.sample(pool, min(60, len(pool)))
    return out


def shares_row(name: str, texts: list[str], probes: dict[int, list[str]]) -> str:
    cells = []
    for n in (2, 4):
        shares = sorted(hit_shares(texts, probes[n]))
        q = [shares[round(f * (len(shares) - 1))] for f in (0.1, 0.5, 0.9)]
        cells.append(" ".join(f"{v:>7.2%}" for v in q) + f"{sum(s == 0 for s in shares):>5}")
    return f"{name:<34}{len(texts):>9,}  " + "   ".join(cells)


def report(items: int, seed: int) -> None:
    from bench.search import generate  # the old generator, for comparison

    real = [t + b for t, b in real_items()]
    gov = gov_paragraphs()
    gen = Generator(seed)
    realistic = [t + b for t, b, _, _ in gen.items(items)]
    old = [t + b for t, b, _, _, _ in generate(items, random.Random(seed))]
    chars = sum(map(len, real))
    print(f"real bulletins: {len(real)} items, {chars:,} characters; government document: {len(gov)} paragraphs")
    print(f"\ndistinct grams per million characters, over the first {chars:,} characters of each:")
    print(f"{'corpus':<34}{'1-grams':>10}{'2-grams':>10}{'3-grams':>10}")
    for name, texts in (("real bulletins", real), ("government document", gov), ("old generator", old),
                        ("realistic generator", realistic)):  # fmt: skip
        g = distinct_grams(texts, chars)
        print(f"{name:<34}{g[1]:>10,.0f}{g[2]:>10,.0f}{g[3]:>10,.0f}")
    big = 1_000_000
    print(f"\nthe same over the first {big:,} characters (generators only: the real text is shorter):")
    for name, texts in (("old generator", old), ("realistic generator", realistic)):
        g = distinct_grams(texts, big)
        print(f"{name:<34}{g[1]:>10,.0f}{g[2]:>10,.0f}{g[3]:>10,.0f}")
    probes = probe_words()
    print("\nshare of items containing sampled words of the real bulletins (60 2-character, "
          f"{len(probes[4])} 4-character words):")  # fmt: skip
    print(f"{'corpus':<34}{'items':>9}  {'2 chars: p10':>12}{'p50':>8}{'p90':>8}{'none':>5}   "
          f"{'4 chars: p10':>12}{'p50':>8}{'p90':>8}{'none':>5}")  # fmt: skip
    for name, texts in (("real bulletins (words' own corpus)", real), ("government document", gov),
                        ("old generator", old), ("realistic generator", realistic)):  # fmt: skip
        print(shares_row(name, texts, probes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1_000_000)
    parser.add_argument("--show", type=int, default=0, help="print this many generated items")
    args = parser.parse_args()
    if args.show:
        for title, body, unit, date in Generator(args.seed).items(args.show):
            print(f"{date} {unit}\n  {title}\n  {body}\n")
        return
    report(args.items, args.seed)


if __name__ == "__main__":
    main()
