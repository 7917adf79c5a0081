"""Text recognition (OCR) of scanned pages and photos into the glyphs the PDF layout reads.

Offices scan signed and stamped issues, and photograph printed ones. A page image becomes
glyphs with positions, sizes and boldness, like a PDF's text layer, so `pdf.layout` rebuilds
paragraphs from a scan exactly as from a PDF:

1. the page is binarised (Otsu, after a median filter against speckle) and straightened: the
   skew is the angle whose horizontal ink profile is sharpest (coarse, then fine);
2. horizontal rules (the masthead's red rule, the tail's rules) are found as rows of ink
   across the page and taken out; text lines are the bands of the ink profile, split into
   fields where a gap is wider than two characters (publisher and date on one line);
3. each field is recognised by PP-OCRv4's recogniser (the ONNX model shipped inside the
   rapidocr-onnxruntime package, run by onnxruntime on the CPU); the CTC output gives every
   character, its position along the field and its probability;
4. a character is bold where its ink is much denser than the page's median (bold lead-ins
   and 黑体 titles), as a reader sees it.

A page that is not a document page (a photo at an angle, text in every direction) falls back
to the packaged text detector (DB) for its lines. Every line keeps its confidence; characters
recognised with low confidence become warnings naming their page, line and the line's text.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
import os
import re
import threading
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import ImportWarning
from kuaibao.core.parse.blocks import Reading
from kuaibao.core.parse.pdf import Glyph, PageText, layout

__all__ = [
    "LOW_CONFIDENCE",
    "OcrLine",
    "OcrPage",
    "ocr_available",
    "page_text",
    "read_image",
    "recognise",
]

# A character recognised with less probability than this is reported.
LOW_CONFIDENCE = float(os.environ.get("KUAIBAO_OCR_LOW_CONFIDENCE", "0.6"))
# Threads onnxruntime may use for one page (1: one core per worker process).
THREADS = int(os.environ.get("KUAIBAO_OCR_THREADS", "1"))
# The largest image read: 12,000 × 12,000 pixels (an A4 page at 300 dpi is 2,480 × 3,508).
MAX_PIXELS = 144_000_000
MAX_IMAGE_PAGES = 200  # frames of a TIFF
_LOW_SHOWN = 20  # low-confidence warnings per page; the rest are counted

_REC_HEIGHT = 48
# One field a run: batches padded to their widest field cost more than they saved (1.12 s a
# page at 300 dpi alone, 2.0 s in eights, on one core; bench/ocr.py).
_BATCH = 1
# Fields are narrowed to this share of their width before recognition: the recogniser's cost
# grows with width, and a Chinese character keeps about four CTC steps at 0.7 (six at full
# width), enough for its letters and the blanks between doubled ones (bench/ocr.py measures).
_SQUASH = 0.7
_FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_LOCK = threading.Lock()


@dataclass(slots=True)
class OcrChar:
    text: str
    x0: float  # pixels in the straightened page
    x1: float
    confidence: float


@dataclass(slots=True)
class OcrLine:
    """One recognised field of a text line, in pixels of the straightened page."""

    top: float
    bottom: float
    chars: list[OcrChar]
    number: int = 0  # line number on the page, from the top

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def confidence(self) -> float:
        return min((c.confidence for c in self.chars), default=0.0)

    @property
    def mean_confidence(self) -> float:
        return float(np.mean([c.confidence for c in self.chars])) if self.chars else 0.0


@dataclass(slots=True)
class OcrPage:
    """What recognition found on one page image."""

    width: int
    height: int
    dpi: float
    skew: float  # degrees the page was turned back
    lines: list[OcrLine]
    rules: list[float]  # y of each rule, pixels
    bold: dict[int, list[bool]] = field(default_factory=dict)  # id(line) -> bold per char
    detector: str = "profile"


# --- the model --------------------------------------------------------------------------


@functools.cache
def _model_dir() -> Path | None:
    try:
        import rapidocr_onnxruntime
    except ImportError:
        return None
    folder = Path(rapidocr_onnxruntime.__file__).parent / "models"
    return folder if (folder / "ch_PP-OCRv4_rec_infer.onnx").is_file() else None


def ocr_available() -> bool:
    """True when the recognition model and onnxruntime are installed."""
    return _model_dir() is not None


class _Recogniser:
    def __init__(self) -> None:
        import onnxruntime as ort

        folder = _model_dir()
        if folder is None:
            raise UnreadableInput("文字识别需要 rapidocr-onnxruntime 软件包（含识别模型），本机未安装")
        options = ort.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(folder / "ch_PP-OCRv4_rec_infer.onnx"), options, providers=["CPUExecutionProvider"]
        )
        meta = self.session.get_modelmeta().custom_metadata_map
        self.characters = ["", *meta["character"].splitlines(), " "]
        self.input = self.session.get_inputs()[0].name
        self.det_folder = folder
        self.squash = _SQUASH

    def __call__(self, crops: list[np.ndarray]) -> list[list[tuple[str, float, float]]]:
        """Each crop (grey, any height) → characters with probability and centre (0..1)."""
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / max(crops[i].shape[0], 1))
        results: list[list[tuple[str, float, float]]] = [[] for _ in crops]
        for start in range(0, len(order), _BATCH):
            chosen = order[start : start + _BATCH]
            scale = [self.squash * _REC_HEIGHT / max(crops[i].shape[0], 1) for i in chosen]
            widths = [max(1, round(crops[i].shape[1] * k)) for i, k in zip(chosen, scale, strict=True)]
            batch_width = max(max(widths), 8 * _REC_HEIGHT // 6)
            batch = np.zeros((len(chosen), 3, _REC_HEIGHT, batch_width), dtype=np.float32)
            for row, (index, width) in enumerate(zip(chosen, widths, strict=True)):
                resized = _resize(crops[index], width, _REC_HEIGHT).astype(np.float32) / 127.5 - 1.0
                batch[row, :, :, :width] = resized[None, :, :]
            predictions = self.session.run(None, {self.input: batch})[0]
            for row, (index, width) in enumerate(zip(chosen, widths, strict=True)):
                results[index] = self._decode(predictions[row], width / batch_width)
        return results

    def _decode(self, prediction: np.ndarray, used: float) -> list[tuple[str, float, float]]:
        steps = prediction.shape[0]
        best = prediction.argmax(axis=1)
        probability = prediction.max(axis=1)
        out: list[tuple[str, float, float]] = []
        step = 0
        while step < steps:
            code = int(best[step])
            end = step
            while end + 1 < steps and int(best[end + 1]) == code:
                end += 1
            if code != 0 and code < len(self.characters):
                centre = (step + end + 1) / 2 / steps / used
                out.append((self.characters[code], float(probability[step : end + 1].max()), min(centre, 1.0)))
            step = end + 1
        return out


@functools.cache
def _recogniser() -> _Recogniser:
    return _Recogniser()


def _resize(image: np.ndarray, width: int, height: int) -> np.ndarray:
    import cv2

    interpolation = cv2.INTER_AREA if image.shape[0] > height else cv2.INTER_LINEAR
    resized: np.ndarray = cv2.resize(image, (width, height), interpolation=interpolation)
    return resized


# --- page images -------------------------------------------------------------------------


def _grey(image: np.ndarray) -> np.ndarray:
    """Grey levels where red ink (mastheads, rules) counts as dark, as on a photocopy."""
    import cv2

    if image.ndim == 2:
        return image
    rgb = np.ascontiguousarray(image[:, :, :3])
    luma = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    red = cv2.subtract(rgb[:, :, 0], cv2.max(rgb[:, :, 1], rgb[:, :, 2]))  # saturating: 0 where not red
    grey: np.ndarray = cv2.subtract(luma, red // 2)
    return grey


def _binarise(grey: np.ndarray) -> np.ndarray:
    import cv2

    smooth = cv2.medianBlur(grey, 3)
    _, ink = cv2.threshold(smooth, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink.astype(np.uint8)


def _skew(ink: np.ndarray) -> float:
    """The page's skew in degrees: the angle that makes the row profile of the ink sharpest."""
    step = max(1, ink.shape[1] // 1000)
    small = ink[::step, ::step]
    ys, xs = np.nonzero(small)
    if len(ys) < 200:
        return 0.0
    if len(ys) > 200_000:
        keep = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[keep], xs[keep]
    xs = xs - small.shape[1] / 2

    def sharpness(angle: float) -> float:
        rows = ys + xs * np.tan(np.radians(angle))
        counts = np.bincount((rows - rows.min()).astype(np.int64))
        return float((counts.astype(np.float64) ** 2).sum())

    best = max(np.arange(-5.0, 5.01, 0.5), key=sharpness)
    return float(max(np.arange(best - 0.5, best + 0.501, 0.05), key=sharpness))


def _rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    if abs(angle) < 0.02:
        return grey
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a 1-D mask."""
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _rules(ink: np.ndarray, dpi: float) -> tuple[list[float], np.ndarray]:
    """Rows of ink across at least 40 % of the page, no thicker than 2 mm; removed from ink."""
    width = ink.shape[1]
    longest = _longest_runs(ink)
    candidate = longest >= 0.4 * width
    rules = []
    thick = max(2, round(2 / 25.4 * dpi))
    for start, end in _runs(candidate):
        if end - start <= thick:
            rules.append((start + end - 1) / 2)
            ink[max(0, start - 1) : end + 1, :] = 0
    merged: list[float] = []
    for y in rules:  # a double rule (thick and thin) is one rule
        if not merged or y - merged[-1] > 6 / 72 * dpi:
            merged.append(y)
    return merged, ink


def _longest_runs(ink: np.ndarray) -> np.ndarray:
    """Per row, the longest run of ink allowing gaps of a few pixels (a scanned rule breaks)."""
    import cv2

    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, 9), np.uint8))
    rows = closed.shape[0]
    out = np.zeros(rows, dtype=np.int64)
    dense = np.flatnonzero(closed.sum(axis=1) >= 0.4 * closed.shape[1])
    for row in dense:
        runs = _runs(closed[row].astype(bool))
        out[row] = max((end - start for start, end in runs), default=0)
    return out


@dataclass(slots=True)
class _Field:
    top: int
    bottom: int
    left: int
    right: int


def _bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """Text lines as bands of rows with ink, tall bands with a deep valley split in two."""
    profile = ink.sum(axis=1)
    floor = max(2, int(0.002 * ink.shape[1]))
    bands = [(a, b) for a, b in _runs(profile >= floor) if b - a >= 3]
    if not bands:
        return []
    typical = float(np.median([b - a for a, b in bands]))
    out: list[tuple[int, int]] = []
    for top, bottom in bands:
        out.extend(_split_band(profile, top, bottom, typical))
    # Specks and dust: short bands with little ink are not text.
    heights = [b - a for a, b in out]
    typical = float(np.median(heights)) if heights else 0.0
    return [(a, b) for a, b in out if b - a >= 0.35 * typical or profile[a:b].sum() >= 0.5 * typical * typical]


def _split_band(profile: np.ndarray, top: int, bottom: int, typical: float) -> list[tuple[int, int]]:
    if bottom - top < 1.7 * typical or typical < 4:
        return [(top, bottom)]
    inner = profile[top + int(0.3 * typical) : bottom - int(0.3 * typical)]
    if not len(inner):
        return [(top, bottom)]
    cut = top + int(0.3 * typical) + int(inner.argmin())
    if profile[cut] > 0.08 * profile[top:bottom].max():
        return [(top, bottom)]
    return [*_split_band(profile, top, cut, typical), *_split_band(profile, cut + 1, bottom, typical)]


def _fields(ink: np.ndarray, top: int, bottom: int) -> list[_Field]:
    """A band cut into fields where its ink stops for more than two character widths."""
    height = bottom - top
    columns = ink[top:bottom].sum(axis=0) > 0
    runs = _runs(columns)
    if not runs:
        return []
    fields = [list(runs[0])]
    for start, end in runs[1:]:
        if start - fields[-1][1] > 2.2 * height:
            fields.append([start, end])
        else:
            fields[-1][1] = end
    return [_Field(top, bottom, a, b) for a, b in fields if (b - a) >= 0.3 * height or height < 8]


def _document_lines(ink: np.ndarray) -> list[_Field]:
    return [f for top, bottom in _bands(ink) for f in _fields(ink, top, bottom)]


def _looks_like_document(fields: list[_Field], width: int) -> bool:
    """Lines of a straightened document: several, none taller than a title, most of one height."""
    if len(fields) < 3:
        return len(fields) > 0
    heights = np.array([f.bottom - f.top for f in fields], dtype=np.float64)
    typical = float(np.median(heights))
    return bool(np.mean(np.abs(heights - typical) <= 0.25 * typical) >= 0.5)


def _crop(grey: np.ndarray, f: _Field) -> np.ndarray:
    """The field with a margin; half a character of paper after its end, so that a last small
    mark (。after a figure) is not at the edge the recogniser drops."""
    height = f.bottom - f.top
    pad = max(2, height // 6)
    top, bottom = max(0, f.top - pad), min(grey.shape[0], f.bottom + pad)
    left, right = max(0, f.left - pad), min(grey.shape[1], f.right + pad)
    crop = grey[top:bottom, left:right]
    margin = np.full((crop.shape[0], max(2, height // 2)), 255, dtype=crop.dtype)
    return np.concatenate([crop, margin], axis=1)


def recognise(image: np.ndarray, dpi: float) -> OcrPage:
    """Recognise one page image (grey or RGB array) scanned at `dpi`."""
    grey = _grey(image)
    ink = _binarise(grey)
    skew = _skew(ink)
    if skew:
        grey = _rotate(grey, skew)
        ink = _binarise(grey)
    rules, ink = _rules(ink, dpi)
    fields = _document_lines(ink)
    detector = "profile"
    if not _looks_like_document(fields, ink.shape[1]):
        fields, detector = _detected_lines(grey), "detector"
    recogniser = _recogniser()
    fields = [f for f in fields if not _solid(ink, f)]
    crops = [_crop(grey, f) for f in fields]
    with _LOCK:
        decoded = recogniser(crops) if crops else []
    narrow = _narrow_marks(crops, decoded)
    lines: list[OcrLine] = []
    for f, crop, chars in zip(fields, crops, decoded, strict=True):
        if not chars:
            continue
        pad_left = f.left - max(0, f.left - max(2, (f.bottom - f.top) // 6))
        span = crop.shape[1]
        line_chars = [
            OcrChar(text.translate(_HALF_WIDTH) if narrow else _full_width(text, chars, i), 0.0, 0.0, confidence)
            for i, (text, confidence, _) in enumerate(chars)
        ]
        height = f.bottom - f.top
        for char, (_, _, centre) in zip(line_chars, chars, strict=True):
            middle = f.left - pad_left + centre * span
            half = _width(char.text, height) / 2
            char.x0, char.x1 = middle - half, middle + half
        kept = _close_gaps([c for c in line_chars if c.text != " " and _inked(ink, f, c)], height)
        line = OcrLine(f.top, f.bottom, _tidy_marks(kept))
        if line.chars:
            lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.chars[0].x0))
    _number(lines)
    _curl_quotes(lines)
    page = OcrPage(ink.shape[1], ink.shape[0], dpi, skew, lines, rules, detector=detector)
    page.bold = _boldness(ink, lines)
    return page


_HALF_WIDTH = str.maketrans({v: k for k, v in _FULL_WIDTH.items()})
_MARKS = frozenset(",:;，：；")


def _narrow_marks(crops: list[np.ndarray], decoded: list[list[tuple[str, float, float]]]) -> bool:
    """True for a page typed with half-width commas and colons between Chinese characters (a
    web page's text pasted into Word): the letters on either side of each mark stand about 1.4
    to 1.7 letter pitches apart, where a full-width mark's own em cell puts them 2 apart (2.0 to
    2.3 measured on such pages). Judged over the page (a single mark's place is too rough), from
    three marks up."""
    spans, steps = [], []
    for crop, chars in zip(crops, decoded, strict=True):
        width = crop.shape[1]
        for i in range(1, len(chars) - 1):
            before, mark, after = chars[i - 1], chars[i], chars[i + 1]
            if mark[0] in _MARKS and _letter(before[0]) and _letter(after[0]):
                spans.append((after[2] - before[2]) * width)
            if _letter(before[0]) and _letter(mark[0]):
                steps.append((mark[2] - before[2]) * width)
    if len(spans) < 3 or len(steps) < 10:
        return False
    return float(np.median(spans)) < 1.83 * float(np.median(steps))


def _solid(ink: np.ndarray, f: Any) -> bool:
    """A block of ink, not a line of text (a photo, a grey box, a black bar): most of its
    area is ink, where letters leave at least half of their line's box paper."""
    box = ink[f.top : f.bottom, f.left : f.right]
    return bool(box.size) and float(box.mean()) > 0.6


def _close_gaps(chars: list[OcrChar], height: float) -> list[OcrChar]:
    """Neighbours less than 0.6 line heights (about half an em) apart touch. A character's
    place comes from the CTC step where it peaks (a quarter of an em at the recogniser's
    resolution), so two estimates can leave a gap of almost half an em between letters set
    solid, which the layout reads as a space (《政府工作报告》 主要任务 split a title); a typed gap
    between fields is far wider."""
    for before, after in itertools.pairwise(chars):
        gap = after.x0 - before.x1
        if 0 < gap < 0.6 * height:
            middle = (before.x1 + after.x0) / 2
            before.x1, after.x0 = middle, middle
    return chars


def _full_width(text: str, chars: list[tuple[str, float, float]], index: int) -> str:
    """Half-width punctuation in a Chinese line is the full-width mark of official text
    (GB/T 15834), which the recogniser confuses with it; between two ASCII digits or letters
    (1,000 / 8:30) it stays."""
    if text not in ",:;()!?":
        return text
    before = next((c[0] for c in reversed(chars[:index]) if c[0] != " "), "")
    after = next((c[0] for c in chars[index + 1 :] if c[0] != " "), "")
    if not any(unicodedata.east_asian_width(c[0]) in "WF" for c in chars):
        return text
    if text == "(":
        return text if after.isascii() and after.isalnum() and before.isascii() else "（"
    if text == ")":
        return text if before.isascii() and before.isalnum() and after.isascii() and after else "）"
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return text
    return text.translate(_FULL_WIDTH)


def _width(char: str, height: float) -> float:
    """A character's width in a line of this height: Chinese and full-width marks one em."""
    if unicodedata.east_asian_width(char) in "WFA":
        return height
    return (0.85 if char in "%%MWmw@" else 0.55) * height


def _inked(ink: np.ndarray, f: _Field, char: OcrChar) -> bool:
    """False for a mark the recogniser saw in an empty gap (a comma between a title and its
    body): its box holds (almost) no ink."""
    box = ink[f.top : f.bottom, max(0, int(char.x0)) : max(1, int(char.x1) + 1)]
    return bool(box.size) and float(box.mean()) >= 0.004


_DASHES = frozenset("-—–一－_~～")


def _tidy_marks(chars: list[OcrChar]) -> list[OcrChar]:
    """What the recogniser confuses in official text: a page number's dashes (— 1 — read as
    一 1 -), straight quotes for curly ones."""
    text = "".join(c.text for c in chars)
    core = text.strip("".join(_DASHES))
    if core.isdigit() and len(core) <= 4 and len(text) > len(core):
        return [OcrChar("—" if c.text in _DASHES else c.text, c.x0, c.x1, c.confidence) for c in chars]
    return chars


def _curl_quotes(lines: list[OcrLine]) -> None:
    """Straight quotes in Chinese text are curly ones: opening or closing by the quotes before
    them, across the lines of the page in reading order."""
    opened = False
    for line in lines:
        for char in line.chars:
            if char.text == "“":
                opened = True
            elif char.text == "”":
                opened = False
            elif char.text == '"':
                char.text = "”" if opened else "“"
                opened = not opened


def _number(lines: list[OcrLine]) -> None:
    number = 0
    previous: OcrLine | None = None
    for line in lines:
        if previous is None or line.top > (previous.top + previous.bottom) / 2:
            number += 1
        line.number = number
        previous = line


def _boldness(ink: np.ndarray, lines: list[OcrLine]) -> dict[int, list[bool]]:
    """Bold characters: strokes much wider than the page's usual (the mean distance from an ink
    pixel to the paper, which the shape of a character hardly changes). Chinese letters are
    measured; digits, Latin and punctuation take the weight of the letters around them."""
    import cv2

    distance = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    widths: dict[int, list[float | None]] = {}
    letters: list[float] = []
    for line in lines:
        top, bottom = int(line.top), int(line.bottom)
        row: list[float | None] = []
        for char in line.chars:
            left, right = max(0, int(char.x0)), min(ink.shape[1], int(char.x1))
            box = ink[top:bottom, left:right]
            if not _letter(char.text) or right <= left or not box.any():
                row.append(None)
                continue
            width = float(distance[top:bottom, left:right][box > 0].mean())
            row.append(width)
            letters.append(width)
        widths[id(line)] = row
    out: dict[int, list[bool]] = {id(line): [False] * len(line.chars) for line in lines}
    if len(letters) < 10:
        return out
    median = float(np.median(letters))
    for line in lines:
        row = widths[id(line)]
        flags = [w is not None and w >= 1.2 * median for w in row]
        measured = [i for i, w in enumerate(row) if w is not None]
        smoothed = list(flags)
        for k in range(1, len(measured) - 1):  # one letter unlike both its neighbours follows them
            before, index, after = measured[k - 1], measured[k], measured[k + 1]
            if flags[before] == flags[after] != flags[index]:
                smoothed[index] = flags[before]
        out[id(line)] = _spread_weight(line, smoothed, set(measured))
    return out


def _letter(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF" and unicodedata.category(char)[0] == "L"


_CLOSING = frozenset("”’）》〉」』】〕，。、；：！？…%％")
_OPENING = frozenset("“‘（《〈「『【〔")


def _spread_weight(line: OcrLine, flags: list[bool], measured: set[int]) -> list[bool]:
    """Unmeasured characters take the weight of the letters next to them: closing marks the
    one before, opening marks the one after, digits and Latin both, or the one on their side
    of a gap (增长3.5% 1-4月: the figure ends a bold title)."""
    out = list(flags)
    chars = line.chars
    height = line.bottom - line.top
    for index, char in enumerate(chars):
        if index in measured:
            continue
        before = next((out[j] for j in range(index - 1, -1, -1)), None)
        after_at = next((j for j in range(index + 1, len(chars)) if j in measured), None)
        after = flags[after_at] if after_at is not None else None
        if after_at is not None and any(chars[j + 1].x0 - chars[j].x1 > 0.8 * height for j in range(index, after_at)):
            after = None  # a gap: the next letters belong to something else
        if char.text in _CLOSING:
            out[index] = bool(before)
        elif char.text in _OPENING:
            out[index] = bool(after)
        else:
            sides = [side for side in (before, after) if side is not None]
            out[index] = bool(sides) and all(sides)
    return out


# --- the detector, for photos and pages that are no plain document ------------------------


def _detected_lines(grey: np.ndarray) -> list[_Field]:
    from rapidocr_onnxruntime.ch_ppocr_det import TextDetector

    detector = _detector(TextDetector)
    rgb = np.stack([grey] * 3, axis=2)
    boxes, _ = detector(rgb)
    fields = []
    for box in boxes if boxes is not None else []:
        xs, ys = box[:, 0], box[:, 1]
        fields.append(_Field(int(ys.min()), int(ys.max()), int(xs.min()), int(xs.max())))
    return sorted(fields, key=lambda f: (f.top, f.left))


@functools.cache
def _detector(cls: Any) -> Any:
    folder = _model_dir()
    config = {
        "intra_op_num_threads": THREADS,
        "inter_op_num_threads": 1,
        "use_cuda": False,
        "use_dml": False,
        "model_path": str(folder / "ch_PP-OCRv4_det_infer.onnx") if folder else "",
        "limit_side_len": 1280,
        "limit_type": "max",
        "std": [0.5, 0.5, 0.5],
        "mean": [0.5, 0.5, 0.5],
        "thresh": 0.3,
        "box_thresh": 0.5,
        "max_candidates": 1000,
        "unclip_ratio": 1.6,
        "use_dilation": True,
        "score_mode": "fast",
    }
    return cls(config)


# --- into the PDF layout ------------------------------------------------------------------


def page_text(page: OcrPage, number: int) -> tuple[PageText, list[ImportWarning]]:
    """The recognised page as the glyphs, rules and size of a PDF page (points, y down), with
    the warnings on characters recognised with low confidence."""
    scale = 72 / page.dpi
    heights = [ln.bottom - ln.top for ln in page.lines]
    typical = float(np.median(heights)) if heights else 1.0
    glyphs: list[Glyph] = []
    warnings: list[ImportWarning] = []
    low = 0
    for line in page.lines:
        height = line.bottom - line.top
        if abs(height - typical) <= 0.2 * typical:
            height = typical  # one body size, as the page was typeset
        size = height / 0.9 * scale
        baseline = (line.bottom - 0.1 * height) * scale
        bold = page.bold.get(id(line), [False] * len(line.chars))
        for char, is_bold in zip(line.chars, bold, strict=True):
            glyphs.append(Glyph(char.text, char.x0 * scale, char.x1 * scale, baseline, size, "ocr", is_bold))
        doubtful = [c for c in line.chars if c.confidence < LOW_CONFIDENCE]
        for char in doubtful:
            low += 1
            if low <= _LOW_SHOWN:
                message = f"文字识别对“{char.text}”把握不大（置信度 {char.confidence:.2f}），所在行：“{line.text}”"
                warnings.append(ImportWarning("ocr-low-confidence", message, line.number, number))
    if low > _LOW_SHOWN:
        message = f"本页另有 {low - _LOW_SHOWN} 个字符识别把握不大，请对照原件核对"
        warnings.append(ImportWarning("ocr-low-confidence", message, page=number))
    text = PageText(number, page.width * scale, page.height * scale, _spaced(glyphs), [y * scale for y in page.rules])
    if page.lines:
        confidences = [ln.mean_confidence for ln in page.lines]
        summary = (
            f"第 {number} 页是图片，文字由识别得出（{len(page.lines)} 行，平均置信度 {np.mean(confidences):.3f}，"
            f"最低一行 {min(confidences):.3f}；纠斜 {page.skew:.2f}°）"
        )
        warnings.insert(0, ImportWarning("ocr", summary, page=number))
    return text, warnings


def _spaced(glyphs: list[Glyph]) -> list[Glyph]:
    """A space where a line's characters stand apart: 0.8 em next to Chinese (two typed
    spaces, a tab), a full em between digits and Latin (whose widths are only estimated)."""
    out: list[Glyph] = []
    for glyph in glyphs:
        before = out[-1] if out else None
        if before is not None and abs(before.baseline - glyph.baseline) < 0.35 * glyph.size and glyph.x0 > before.x0:
            chinese = any(unicodedata.east_asian_width(g.text) in "WFA" for g in (before, glyph))
            # After a full-width mark the gap is the mark's own blank half (，sits left in its
            # cell): no space there in official text.
            after_mark = before.text in "，。、；：！？）》」』”"
            if not after_mark and glyph.x0 - before.x1 > (0.8 if chinese else 1.0) * glyph.size:
                bold = before.bold and glyph.bold
                out.append(Glyph(" ", before.x1, glyph.x0, glyph.baseline, glyph.size, glyph.font, bold))
        out.append(glyph)
    return out


def read_pages(images: Iterable[tuple[np.ndarray, float]], *, format: str) -> Reading:
    """Recognise page images (array, dpi) and lay them out like a PDF."""
    pages: list[PageText] = []
    notes: list[ImportWarning] = []
    for number, (image, dpi) in enumerate(images, start=1):
        text, warnings = page_text(recognise(image, dpi), number)
        pages.append(text)
        notes.extend(warnings)
    if not any(page.glyphs for page in pages):
        raise UnreadableInput("图片中没有识别出文字")
    reading = layout(pages)
    reading.format = format
    reading.warnings = sorted([*notes, *reading.warnings], key=lambda w: (w.page or 0, w.line or 0))
    return reading


def image_array(data: bytes) -> np.ndarray:
    """The first page of an image file as an RGB array, with read_image's limits and errors."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return next(iter(_image_pages(data)))[0]
    except UnreadableInput:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UnreadableInput(f"图片过大（超过 {MAX_PIXELS // 1_000_000} 百万像素），不像一页快报的扫描件") from None
    except Exception as exc:  # Pillow raises many kinds of errors on a damaged image
        raise UnreadableInput(f"图片已损坏，无法打开（{type(exc).__name__}）") from None


def read_image(data: bytes) -> Reading:
    """Read a scanned page or a photo (PNG, JPEG, TIFF with several pages, BMP, GIF, WebP)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            images = list(_image_pages(data))
    except UnreadableInput:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UnreadableInput(f"图片过大（超过 {MAX_PIXELS // 1_000_000} 百万像素），不像一页快报的扫描件") from None
    except Exception as exc:  # Pillow raises many kinds of errors on a damaged image
        raise UnreadableInput(f"图片已损坏，无法打开（{type(exc).__name__}）") from None
    return read_pages(images, format="image")


def _image_pages(data: bytes) -> Iterable[tuple[np.ndarray, float]]:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(io.BytesIO(data)) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_IMAGE_PAGES:
            raise UnreadableInput(f"图片有 {frames} 页，超过 {MAX_IMAGE_PAGES} 页的上限")
        for frame in range(frames):
            image.seek(frame)
            if image.width * image.height > MAX_PIXELS:
                raise UnreadableInput("图片过大")
            page = ImageOps.exif_transpose(image).convert("RGB")
            yield np.asarray(page), _dpi(image, page.width)


def _dpi(image: Any, width: int) -> float:
    """The dpi the image says, or what an A4 page of this width would have."""
    stated = image.info.get("dpi")
    if stated and isinstance(stated, tuple) and 100 <= float(stated[0]) <= 1200:
        return float(stated[0])
    return max(72.0, width / (210 / 25.4))


# --- names the recogniser cannot write ------------------------------------------------------

@functools.cache
def _look_alikes(char: str) -> frozenset[str]:
    """The characters of the recogniser's set that look like `char` (one component apart, or
    the same four-corner code): what it writes for a letter it does not know (胙 → 昨, 作)."""
    from kuaibao.core.proof.confusion import shape_groups

    known = set(_recogniser().characters) - {"", " "}
    return frozenset(shape_groups(known | {char}).get(char, set()) & known)


def restore_names(reading: Reading, names: Iterable[str]) -> None:
    """Put back the office's own names (units, places) that hold a character the recogniser
    cannot write: 胙城乡 comes out of recognition as 昨城乡 or 作城乡, since 胙 is not among
    PP-OCRv4's 6,625 characters. A name is restored where the text has it with, in place of
    each such character, one of its look-alikes; each restoration is a warning."""
    if not ocr_available():
        return
    known = set(_recogniser().characters)
    patterns: list[tuple[str, re.Pattern[str], str]] = []
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        missing = [c for c in name if c not in known and unicodedata.east_asian_width(c) in "WF"]
        if not missing or len(name) < 2 or len(missing) == len(name):
            continue
        parts = []
        for char in name:
            if char in missing:
                alikes = _look_alikes(char)
                if not alikes:
                    break
                parts.append("[" + "".join(sorted(alikes)) + "]")
            else:
                parts.append(re.escape(char))
        else:
            patterns.append((name, re.compile("".join(parts)), "、".join(dict.fromkeys(missing))))
    if not patterns:
        return
    blocks = []
    for block in reading.blocks:
        spans = []
        for span in block.spans:
            text = span.text
            for name, pattern, letters in patterns:
                for found in sorted(set(pattern.findall(text))):
                    message = f"“{found}”按单位名录改为“{name}”（“{letters}”不在文字识别的字库中）"
                    reading.warnings.append(ImportWarning("ocr-name-restored", message, block.line, block.page))
                text = pattern.sub(name, text)
            spans.append(dataclasses.replace(span, text=text) if text != span.text else span)
        blocks.append(dataclasses.replace(block, spans=tuple(spans)))
    reading.blocks = blocks
