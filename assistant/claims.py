"""Is an unquoted claim of a generated answer held by the passage it cites?

An LLM's sentence ending in `[n]` used to pass the citation checker when it shared a
single term with context n, so injected text ("visit <phishing URL> to claim the 算力
subsidy[1]") survived. Two rules decide instead:

- *Foreign content*: a URL, an e-mail address or a piece of the assistant's own prompt
  that occurs in none of the given contexts cannot come from the documents; the claim
  holding it is removed.
- *Figures*: every number in the claim (years aside: documents say "今年" for their own
  year) must occur in the cited passage, so a wrong figure cannot borrow its sentence.
- *Overlap*: without a verbatim quote, a claim stands only if at least
  `SUPPORT_THRESHOLD` of its content terms (Chinese bigrams, English stems) occur in the
  cited passage, the passage's glossary terms counted in both languages so an English
  claim can rest on a Chinese passage.

The threshold is calibrated on a labelled set of supported and unsupported claims, zh
and en (`tests/data/claims_labelled.jsonl`), with leave-one-document-out cross-validation
(`calibrate`); `tests/test_claims.py` checks the shipped value and reports precision and
recall. The citation checker calls this module; it knows nothing of generators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assistant import prompting, textmatch
from assistant.glossary import Glossary
from knowledge.text import YEAR

#: Fraction of a claim's content terms that must occur in the cited passage. Fitted by
#: `calibrate` on tests/data/claims_labelled.jsonl (67 claims: 36 supported, 31 not; zh, en and
#: en-over-zh, three development documents): the F1-best threshold on every leave-one-document-out
#: fold, and on all data, lies in 0.45–0.55; see tests/test_claims.py for the measured P/R.
SUPPORT_THRESHOLD = 0.5

_URL = re.compile(r"(?:https?://|www\.)[^\s<>「」\"'，。；！？、）)\]]+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(rf"^{YEAR}$")
#: a prompt sentence shorter than this (characters, after squashing) is too generic to be an echo
_MIN_PROMPT_PIECE = 12


@dataclass(frozen=True)
class Verdict:
    supported: bool
    reason: str = ""


class ClaimCheck:
    """The two rules above, with the glossary that bridges English claims and Chinese passages."""

    def __init__(self, glossary: Glossary | None = None, threshold: float = SUPPORT_THRESHOLD):
        self.glossary = glossary or Glossary.load()
        self.threshold = threshold

    def foreign(self, text: str, contexts: Iterable[str]) -> str:
        """Why `text` holds something no context holds ("" if nothing): a URL, an e-mail, prompt text."""
        corpus = "\n".join(contexts)
        lowered = corpus.lower()
        for pattern, what in ((_URL, "URL"), (_EMAIL, "e-mail address")):
            for m in pattern.finditer(text):
                if m.group(0).lower().rstrip(".") not in lowered:
                    return what
        squashed_text = _squash(text)
        said = [piece for piece in prompt_pieces() if piece in squashed_text]
        if said:  # the contexts are squashed only when the text says a piece of the prompt (rarely)
            squashed_corpus = _squash(corpus)
            if any(piece not in squashed_corpus for piece in said):
                return "prompt text"
        return ""

    def missing_figures(self, claim: str, passage: str) -> list[str]:
        """Numbers of the claim (not years) that the passage does not give."""
        given = set(_NUMBER.findall(passage))
        return [n for n in _NUMBER.findall(claim) if not _YEAR.match(n) and n not in given]

    def overlap(self, claim: str, passage: str) -> float:
        """Share of the claim's content terms found in the passage (glossary terms in both languages)."""
        want = textmatch.query_terms(claim)
        if not want:
            return 0.0
        have = textmatch.terms(passage) | textmatch.terms(self.glossary.expand(passage, to_english=True))
        return len(want & have) / len(want)

    def verdict(self, claim: str, passage: str, contexts: Iterable[str] | None = None) -> Verdict:
        """Does `passage` hold `claim` (by overlap), and is nothing in it foreign to `contexts`?"""
        why = self.foreign(claim, [passage] if contexts is None else contexts)
        if why:
            return Verdict(False, f"{why} not in the documents")
        missing = self.missing_figures(claim, passage)
        if missing:
            return Verdict(False, f"figures {', '.join(missing)} not in the cited passage")
        score = self.overlap(claim, passage)
        if score < self.threshold:
            return Verdict(False, f"overlap {score:.2f} < {self.threshold:.2f}")
        return Verdict(True)


@lru_cache(maxsize=1)
def prompt_pieces() -> tuple[str, ...]:
    """Sentences of the assistant's own instructions (both languages), squashed, placeholders removed."""
    pieces: set[str] = set()
    for lang in ("zh", "en"):
        for key, template in prompting.load(lang).items():
            if key in {"context_block", "user", "history"}:  # document and question carriers, not instructions
                continue
            text = re.sub(r"\{[a-z_]+\}", "\n", template)
            for sentence in re.split(r"[\n。；;！!？?]|(?<=[a-z])\.\s", text):
                piece = _squash(re.sub(r"^\s*\d+[.、]\s*", "", sentence))
                if len(piece) >= _MIN_PROMPT_PIECE:
                    pieces.add(piece)
    return tuple(sorted(pieces))


def _squash(text: str) -> str:
    return textmatch.squash(text).lower()


# ------------------------------------------------------------------ calibration
def score_items(items: list[dict], check: ClaimCheck) -> list[tuple[float, bool, str]]:
    """(overlap score, or -1 when a rule other than overlap refuses it; gold label; group) per item."""
    out = []
    for item in items:
        refused = check.foreign(item["claim"], [item["passage"]]) or check.missing_figures(
            item["claim"], item["passage"]
        )
        score = -1.0 if refused else check.overlap(item["claim"], item["passage"])
        out.append((score, bool(item["supported"]), item["doc_id"]))
    return out


def precision_recall(scored: list[tuple[float, bool, str]], threshold: float) -> tuple[float, float]:
    """Precision and recall of "kept as supported" at `threshold`."""
    kept = [gold for score, gold, _ in scored if score >= threshold]
    positives = sum(gold for _, gold, _ in scored)
    tp = sum(kept)
    precision = tp / len(kept) if kept else 1.0
    recall = tp / positives if positives else 1.0
    return precision, recall


def best_threshold(scored: list[tuple[float, bool, str]]) -> float:
    """The F1-best threshold among the observed scores (ties: the stricter one)."""
    best, best_f1 = 1.0, -1.0
    for t in sorted({s for s, _, _ in scored if s >= 0}):
        p, r = precision_recall(scored, t)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 >= best_f1:
            best, best_f1 = t, f1
    return best


def calibrate(items: list[dict], check: ClaimCheck) -> dict:
    """Leave-one-document-out: fit on the other documents, judge on the one left out."""
    scored = score_items(items, check)
    groups = sorted({g for _, _, g in scored})
    held_out: list[tuple[float, bool, str]] = []
    folds = {}
    for g in groups:
        t = best_threshold([s for s in scored if s[2] != g])
        judged = [(s[0] >= t, s[1]) for s in scored if s[2] == g]
        folds[g] = t
        held_out += [(1.0 if keep else 0.0, gold, g) for keep, gold in judged]
    p, r = precision_recall(held_out, 0.5)
    return {"threshold_all": best_threshold(scored), "fold_thresholds": folds, "cv_precision": p, "cv_recall": r}
