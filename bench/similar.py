"""Similar items (kuaibao.core.similar): how often a pair it calls similar really is the same
news, on real items.

Material: the 25 items of the three real issues in tests/fixtures/corpus (gold JSON).
- Unrelated pairs: every pair of two different items (300): real items of one office, on the same
  kinds of subjects (项目建设, 营商环境, 民生), which is where false alarms come from.
- Same news again: each item against the same item read back from the issue's PDF and DOCX
  (tests/fixtures/formats; real text through the real readers, with their line breaks and
  spacing), and against the item cut to its first half or with its title rewritten (a unit
  re-reporting shorter, an editor retitling) — made by us, so they say how the measure behaves,
  not how often units re-report.
The corpus holds no genuine re-report between its issues, so recall on real re-reports is not
measured here. Prints precision and recall at the threshold in use and at neighbours.

    .venv/bin/python bench/similar.py
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from kuaibao.core import similar
from kuaibao.core.parse import parse_path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def gold_items() -> dict[str, list[tuple[str, str]]]:
    out = {}
    for path in sorted((ROOT / "corpus").glob("*.gold.json")):
        data = json.loads(path.read_text("utf-8"))
        out[path.name.split(".")[0]] = [(item["title"], item["body"]) for item in data["items"]]
    return out


def main() -> None:
    issues = gold_items()
    items = [(name, i, t, b) for name, rows in issues.items() for i, (t, b) in enumerate(rows)]
    grams = {(n, i): similar.grams(f"{t}\n{b}") for n, i, t, b in items}
    negatives = [similar.resemblance(grams[a[:2]], grams[b[:2]]) for a, b in itertools.combinations(items, 2)]
    positives: list[float] = []
    for name in issues:
        for suffix in (".pdf", ".docx"):
            parsed = parse_path(ROOT / "formats" / f"{name}{suffix}")
            for i, item in enumerate(parsed.items[: len(issues[name])]):
                positives.append(similar.resemblance(grams[(name, i)], similar.grams(f"{item.title}\n{item.body}")))
    for name, i, title, body in items:
        positives.append(similar.resemblance(grams[(name, i)], similar.grams(f"{title}\n{body[: len(body) // 2]}")))
        positives.append(similar.resemblance(grams[(name, i)], similar.grams(f"关于{title[:6]}的工作情况\n{body}")))
    print(f"unrelated pairs {len(negatives)}, same-news pairs {len(positives)}")
    print(f"highest unrelated score {max(negatives):.3f}; lowest same-news score {min(positives):.3f}")
    for threshold in (0.2, 0.25, 0.3, similar.THRESHOLD, 0.45, 0.6):
        tp = sum(s >= threshold for s in positives)
        fp = sum(s >= threshold for s in negatives)
        precision = tp / (tp + fp) if tp + fp else 1.0
        mark = " (in use)" if threshold == similar.THRESHOLD else ""
        print(
            f"threshold {threshold:.2f}{mark}: precision {precision:.3f}, "
            f"recall {tp / len(positives):.3f}, false alarms {fp}"
        )


if __name__ == "__main__":
    main()
