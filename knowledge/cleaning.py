"""Turn raw document text into clean text with one paragraph per line.

Why: structure detection, chunking and citations all work on paragraphs, and a
citation must quote text a reader recognises. PDF extraction breaks that: lines are
hard-wrapped mid-sentence, page headers and numbers sit inside paragraphs, numbers
get split (`76. 6ZB`). Text that is already one paragraph per line (the Government
Work Report, most .md/.txt files) must pass through untouched, but for full-width digits
and Latin letters, which become ASCII (`ascii_alphanumerics`).

The rule, decided per document by `layout()`:

* "pdf-interleaved": at least half the lines end mid-sentence and 60%+ of them are
  followed by exactly one blank line (our paper's extraction). Blank lines carry no
  meaning; paragraphs are rebuilt from line evidence (below).
* "pdf-wrapped": at least half the lines end mid-sentence, blank lines are not
  interleaved (pypdf output, 80-column Markdown). Blank lines are paragraph breaks
  (except around page furniture), and line evidence adds more.
* "lines": everything else, including text whose median line is wider than any
  printed line (160 columns), and a mostly Chinese text in which no line width recurs
  on `MIN_FULL_LINES` lines (justified print fills most lines to one width; a short
  text of a title, a byline, a name and headings has none) or in which many lines are
  wider than the most common width (no printed line is: a communiqué whose open-ended
  lines are headings and name lists has such lines). Each non-blank line is a
  paragraph; only surrounding whitespace is removed. The report and ordinary .md/.txt
  files land here.

Line evidence for a paragraph break between lines P and L (wrapped layouts only):
L is a heading (一、 （一） 摘要： 1.2 # …) after a line that could end a paragraph,
or P is a heading line; L is a list item (`- `, `•`; `1)` after a sentence end);
P is clearly short (< 80% of a full line: a paragraph's last line); P ends a
sentence and L switches between Chinese and English; or P ends a sentence and L is
indented (a first line is 2 CJK characters = width 4 narrower than the dominant
full width; a point opener 第一，首先，… needs width 2). A full-width line is a
continuation even after a sentence end or at a page start (leading space). Two
short, punctuation-free lines in a row are one wrapped title.

Page numbers (a lone `10`, `- 3 -`, `第 3 页`, `Page 3 of 9`) and running headers
(`2024年第1期（总第482期）`, or any short line repeated 3+ times) are dropped.
Number and spacing repairs (`repair_paragraph`) apply only to CJK paragraphs of
wrapped layouts, never to English text and never to "lines" documents.

Known limits: a paragraph whose first line is full width (no indent) and whose
previous paragraph ends exactly at the line end is merged with it; a real
paragraph break at a page break is only found from the same line evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from knowledge.headings import HEADING_START_RE
from knowledge.sentences import REFERENCE_MARKS
from knowledge.text import HAN_CLASS, display_width, mostly_han

# ------------------------------------------------------------------ character classes
_HAN = HAN_CLASS
#: sentence-final punctuation, optionally followed by closing quotes/brackets and ［n］ refs
_ENDS_SENTENCE = re.compile(r"[。！？!?.…][”’」』）)\]］\"']*" + REFERENCE_MARKS + "$")
_PUNCT = re.compile(r"[，。、；：！？,.;:!?（）()“”‘’《》「」【】\[\]［］—…·/|]")

#: a printed line (A4, 10pt) holds ~45 CJK or ~130 Latin characters: width ≤ ~140
MAX_PAGE_LINE_WIDTH = 160
#: a printed (wrapped) Chinese page has at least this many lines of its full width
MIN_FULL_LINES = 3
#: and hardly a line wider than that width (+ this many columns): a text of one paragraph per line whose open-ended
#: lines are name lists and headings has half its lines far wider than its most common width (the paper: 10 %)
FULL_WIDTH_SLACK = 4
MAX_WIDER_SHARE = 0.25
#: list items start a paragraph of their own in wrapped text; a numbered one only
#: where the line before could end a paragraph (a wrap can leave "5. 0" at a line start)
_SYMBOL_BULLET_RE = re.compile(r"^(?:[-*+]\s+|[•▪●◦]\s*)\S")
_NUMBER_BULLET_RE = re.compile(r"^(?:\d{1,2}[.)、]|[（(]\d{1,2}[)）])\s*\S")
#: paragraph-level points that open a paragraph of the paper
POINT_OPENER_RE = re.compile(r"^(?:第[一二三四五六七八九十]+|首先|其次|再次|最后|一方面|另一方面)[，、：]")

# ------------------------------------------------------------------ page artifacts
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|第\s*\d+\s*页(?:\s*[/／共]\s*\d+\s*页?)?|Page\s+\d+(?:\s+of\s+\d+)?|\d+\s*/\s*\d+)$",
    re.IGNORECASE,
)
#: running header of a journal issue, e.g. 2024年第1期（总第482期）
_ISSUE_HEADER_RE = re.compile(r"^\d{4}\s*年\s*第\s*\d+\s*期\s*[（(]\s*总第\s*\d+\s*期\s*[)）]$")


def is_page_artifact(line: str, repeated: frozenset[str] = frozenset()) -> bool:
    """A page number, a journal running header, or a short line repeated on many pages."""
    s = line.strip()
    return bool(_PAGE_NUMBER_RE.match(s) or _ISSUE_HEADER_RE.match(s) or s in repeated)


def _repeated_lines(lines: list[str]) -> frozenset[str]:
    """Short lines seen 3+ times: running headers/footers of a multi-page PDF."""
    counts = Counter(s for s in (ln.strip() for ln in lines) if 0 < len(s) <= 40)
    return frozenset(s for s, n in counts.items() if n >= 3 and not HEADING_START_RE.match(s))


# ------------------------------------------------------------------ measures
def _ends_sentence(line: str) -> bool:
    return bool(_ENDS_SENTENCE.search(line.rstrip()))


# ------------------------------------------------------------------ layout decision
@dataclass(frozen=True)
class Layout:
    kind: str  # "pdf-interleaved" | "pdf-wrapped" | "lines"
    reason: str


def layout(text: str) -> Layout:
    """Decide how `text` is laid out (see module docstring)."""
    lines = text.split("\n")
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(content) < 8:
        return Layout("lines", "too few lines to be a wrapped layout")
    artifacts = _repeated_lines(lines)
    body = [lines[i] for i in content if not is_page_artifact(lines[i], artifacts)]
    open_ended = sum(1 for ln in body if not _ends_sentence(ln) and not HEADING_START_RE.match(ln.strip()))
    wrapped_share = open_ended / max(1, len(body))
    if wrapped_share < 0.5:
        return Layout("lines", f"{wrapped_share:.0%} of lines end mid-sentence")
    widths = sorted(display_width(ln.strip()) for ln in body)
    if widths[len(widths) // 2] > MAX_PAGE_LINE_WIDTH:
        return Layout("lines", "lines are longer than any printed line: one paragraph per line")
    cjk = Counter(display_width(ln.strip()) for ln in body if mostly_han(ln))
    if cjk and sum(cjk.values()) >= len(body) / 2 and cjk.most_common(1)[0][1] < MIN_FULL_LINES:
        # justified Chinese print fills most lines to one width; a short text of one paragraph per line (a title, a
        # byline, a name, headings) has no such width, and re-joining it would merge its byline lines
        return Layout("lines", "no line width recurs: not a printed page")
    if cjk:
        full = cjk.most_common(1)[0][0]
        wider = sum(1 for ln in body if display_width(ln.strip()) > full + FULL_WIDTH_SLACK) / len(body)
        if wider > MAX_WIDER_SHARE:
            return Layout("lines", f"{wider:.0%} of lines are wider than the most common width: not a printed page")
    gaps = [b - a for a, b in zip(content, content[1:])]
    single_blank = sum(1 for g in gaps if g == 2) / max(1, len(gaps))
    if single_blank >= 0.6:
        return Layout("pdf-interleaved", f"{single_blank:.0%} of lines followed by one blank line")
    return Layout("pdf-wrapped", f"{wrapped_share:.0%} of lines end mid-sentence")


def looks_hard_wrapped(text: str) -> bool:
    """True when lines are wrapped mid-paragraph (PDF-like) and must be re-joined."""
    return layout(text).kind != "lines"


# ------------------------------------------------------------------ entry point
def clean_text(text: str) -> str:
    """Cleaned text: one paragraph per line, no blank lines, no page artifacts, ASCII digits and letters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    kind = layout(text).kind
    if kind == "lines":
        return ascii_alphanumerics("\n".join(s for s in (ln.strip() for ln in text.split("\n")) if s))
    paragraphs = _rebuild_paragraphs(text.split("\n"), blank_is_break=(kind == "pdf-wrapped"))
    return ascii_alphanumerics("\n".join(p for p in (repair_paragraph(p) for p in paragraphs) if p))


#: full-width digits and Latin letters → ASCII (the punctuation of Chinese text, （），：；, stays full width)
_FULL_WIDTH_ALNUM = str.maketrans(
    {
        chr(c): chr(c - 0xFEE0)
        for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
        for c in range(r[0], r[1] + 1)
    }
)
#: a full-width decimal point between digits (６．１ → 6.1); a full-width percent sign stays, as most texts write it
_FULL_WIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")


def ascii_alphanumerics(text: str) -> str:
    """The text with full-width digits and Latin letters as ASCII, and a number's full-width point (１９９６年, ６．１％,
    ＧＤＰ → 1996年, 6.1％, GDP). Why: a text typed on an older Chinese input method writes its figures full width; a
    question writes them in ASCII, and every check that a figure or a year asked for is in a passage (a year's "2000"
    in "到２０００年") compared two spellings of one number and refused the question."""
    return _FULL_WIDTH_POINT.sub(".", text.translate(_FULL_WIDTH_ALNUM))


# ------------------------------------------------------------------ paragraph rebuilding
def _full_widths(lines: list[str]) -> tuple[int, int]:
    """Width of a full line, for CJK lines and for Latin lines.

    Justified CJK text has one dominant width (the most common one); Latin lines
    vary with word lengths, so their 90th percentile stands for "full".
    """
    cjk = [display_width(ln) for ln in lines if mostly_han(ln)]
    latin = sorted(display_width(ln) for ln in lines if not mostly_han(ln))
    full_cjk = Counter(cjk).most_common(1)[0][0] if cjk else 0
    full_latin = latin[int(0.9 * (len(latin) - 1))] if latin else 0
    return full_cjk, full_latin


def _rebuild_paragraphs(raw_lines: list[str], blank_is_break: bool) -> list[str]:
    artifacts = _repeated_lines(raw_lines)
    # (text, follows_blank) for every content line, artifacts dropped
    lines: list[tuple[str, bool]] = []
    saw_blank = after_artifact = False
    for raw in raw_lines:
        if not raw.strip():
            # blank space around page furniture is the page break, not a paragraph break
            saw_blank = saw_blank or not after_artifact
            continue
        if is_page_artifact(raw, artifacts):
            saw_blank, after_artifact = False, True
            continue
        lines.append((raw.strip(), saw_blank))
        saw_blank = after_artifact = False
    full_cjk, full_latin = _full_widths([t for t, _ in lines])

    paragraphs: list[list[str]] = []
    prev: str | None = None
    for text, after_blank in lines:
        if prev is None or (blank_is_break and after_blank) or _breaks(prev, text, full_cjk, full_latin):
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        prev = text
    return [_join_lines(p) for p in paragraphs]


_INLINE_LABEL_RE = re.compile(r"^(?:摘\s*要|关\s*键\s*词|Summary|Abstract|Key\s*words?)\s*[:：]")


def _is_heading(line: str, full: int) -> bool:
    """A heading line: heading pattern, shorter than a full line, no sentence end inside."""
    if not HEADING_START_RE.match(line):
        return False
    if _INLINE_LABEL_RE.match(line):
        return True  # inline label (摘要：…): opens a paragraph, whatever its length
    return display_width(line) < 0.95 * full and "。" not in line[:-1]


def _is_standalone_heading(line: str, full: int) -> bool:
    """A heading that is a line of its own: the next line starts a new paragraph."""
    return _is_heading(line, full) and not _INLINE_LABEL_RE.match(line)


def _breaks(prev: str, line: str, full_cjk: int, full_latin: int) -> bool:
    """Does `line` start a new paragraph after `prev`? (evidence listed in the module doc)"""
    prev_is_cjk, line_is_cjk = mostly_han(prev), mostly_han(line)
    full_prev = full_cjk if prev_is_cjk else full_latin
    full_line = full_cjk if line_is_cjk else full_latin
    w_prev, w_line = display_width(prev), display_width(line)
    prev_short = w_prev < 0.8 * full_prev
    prev_ends = _ends_sentence(prev)
    if _is_heading(line, full_line) and (prev_short or prev_ends or _is_heading(prev, full_prev)):
        return True
    if _is_standalone_heading(prev, full_prev):
        return True
    if _SYMBOL_BULLET_RE.match(line):
        return True
    if _NUMBER_BULLET_RE.match(line) and (prev_ends or prev_short or _NUMBER_BULLET_RE.match(prev)):
        return True
    if prev_short and not _PUNCT.search(prev[-1]) and w_line < 0.8 * full_line and not _PUNCT.search(line):
        return False  # a title wrapped over two short lines
    if prev_short:
        return True
    if prev_ends and prev_is_cjk != line_is_cjk:
        return True  # the text switches language after a finished sentence
    if prev_ends and line_is_cjk:
        # first lines are indented by 2 CJK characters (width 4); a point opener
        # (第一，首先，…) needs less evidence, but never breaks a full-width line
        indent = full_line - w_line
        return indent >= 4 or (indent >= 2 and bool(POINT_OPENER_RE.match(line)))
    return False


def _wide(ch: str) -> bool:
    return display_width(ch) == 2


def _join_lines(parts: list[str]) -> str:
    """Join wrapped lines: nothing between CJK text, one space between Latin words."""
    out = parts[0]
    for part in parts[1:]:
        left, right = out[-1], part[0]
        if _wide(left) or _wide(right):
            out += part
        elif left in "-‐" and right.islower():
            out += part  # hyphenated compound split at the line end
        else:
            out += " " + part
    return out


# ------------------------------------------------------------------ repairs inside a paragraph
_DIGIT_DOT_SPACE_DIGIT = re.compile(r"(?<=\d)\. (?=\d)")
_HAN_SPACE_DIGIT = re.compile(rf"(?<={_HAN}) (?=\d)")
_DIGIT_SPACE_HAN = re.compile(rf"(?<=\d) (?={_HAN})")
#: a two-character word letter-spaced by the typesetter: 徐 玲, 摘 要
_SPACED_PAIR = re.compile(rf"(?<!{_HAN})({_HAN}) ({_HAN})(?!{_HAN})")
_MULTI_SPACE = re.compile(r"[ \t\u3000]{2,}")


def repair_paragraph(paragraph: str) -> str:
    """Undo extraction damage in one paragraph of a wrapped (PDF-like) document.

    Everywhere: U+2010/U+2011 hyphens become "-" (same glyph; lets "low-carbon" be
    searched), runs of spaces become one. In CJK paragraphs only: split decimals
    (`76. 6ZB`→`76.6ZB`, `工业 4. 0`→`工业4.0`) and spaces between digits and Han
    characters (`2023年 9月`, `设立 31个`) are removed, and letter-spaced two-character
    words are closed up (`徐 玲`→`徐玲`). English paragraphs keep their spacing.
    """
    text = paragraph.replace("\u2010", "-").replace("\u2011", "-").strip()
    if mostly_han(text):
        # single spaces only: a wider gap (上海  200092) was set on purpose
        text = _DIGIT_DOT_SPACE_DIGIT.sub(".", text)
        text = _HAN_SPACE_DIGIT.sub("", text)
        text = _DIGIT_SPACE_HAN.sub("", text)
        text = _SPACED_PAIR.sub(r"\1\2", text)
    return _MULTI_SPACE.sub(" ", text)
