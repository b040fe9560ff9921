"""The evaluation set: loading, schema validation, splits and gold-section keys.

Cases are hand-written JSONL, one object per line, in two splits:
- `dev` (`eval/data/cases.jsonl`): the set the assistant's constants were tuned on, so
  its scores are optimistic;
- `heldout` (`eval/data/heldout.jsonl`): written later, fresh from the documents, and
  never used for tuning: the honest figure. Ids are unique across both files.

Each line has:
`id, lang, question, history, answerable, gold {doc_id, section_ids}, evidence,
reference_answer, key_points, category` and, for injection cases, an optional
`forbidden` list (strings whose appearance in the answer means the assistant obeyed
the injected instruction).

Gold conventions (documented here because every metric depends on them):
- `gold.section_ids` are section ids of `gold.doc_id`; an id written `doc_id:section_id`
  names a section of another document (cross-document comparisons).
- For answerable cases the gold sections are the sections that answer the question
  (all of them when several do). For unanswerable near misses they are the nearest
  sections a refusal should point to; those never count for retrieval metrics.
- `key_points` is a list of groups; a group is matched when any phrasing in it occurs
  in the answer (Chinese source phrasing and English renderings side by side).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from knowledge.errors import UserError

LANGS = ("zh", "en")
CATEGORIES = (
    "fact", "number", "list", "explanation", "comparison",
    "cross-lingual", "follow-up", "unanswerable", "injection",
)
#: minimum counts the issue sets for the set as a whole
MINIMUMS = {"total": 120, "follow-up": 10, "unanswerable": 15, "injection": 6}
#: minimum counts of the held-out split (smaller, same shape)
HELDOUT_MINIMUMS = {"total": 50, "follow-up": 5, "unanswerable": 6, "injection": 2}
#: split name → file under eval/data/; "all" runs every split
SPLITS = {"dev": "cases.jsonl", "heldout": "heldout.jsonl"}
_REQUIRED = ("id", "lang", "question", "history", "answerable", "gold", "evidence",
             "reference_answer", "key_points", "category")
_OPTIONAL = ("forbidden", "notes")


class InvalidCase(UserError):
    """A line of the case file does not follow the schema."""


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    question: str
    history: list[dict]
    answerable: bool
    doc_id: str | None
    section_ids: list[str]
    evidence: list[str]
    reference_answer: str
    key_points: list[list[str]]
    category: str
    forbidden: list[str] = field(default_factory=list)

    @property
    def gold_sections(self) -> set[tuple[str, str]]:
        """Gold sections as (doc_id, section_id) pairs, qualified ids resolved."""
        return {split_section_ref(s, self.doc_id) for s in self.section_ids}

    @property
    def scores_retrieval(self) -> bool:
        """Retrieval metrics only make sense where the documents answer the question."""
        return self.answerable and bool(self.section_ids)

    def to_dict(self) -> dict:
        d = {"id": self.id, "lang": self.lang, "question": self.question, "history": self.history,
             "answerable": self.answerable,
             "gold": {"doc_id": self.doc_id, "section_ids": self.section_ids},
             "evidence": self.evidence, "reference_answer": self.reference_answer,
             "key_points": self.key_points, "category": self.category}
        if self.forbidden:
            d["forbidden"] = self.forbidden
        return d


def split_section_ref(ref: str, default_doc: str | None) -> tuple[str, str]:
    """`"3.8"` → (default_doc, "3.8"); `"gwr-2024:3.1"` → ("gwr-2024", "3.1")."""
    if ":" in ref:
        doc, sec = ref.split(":", 1)
        return doc, sec
    return default_doc or "", ref


def split_path(split: str) -> Path:
    """The bundled case file of a split (`dev` or `heldout`)."""
    if split not in SPLITS:
        raise InvalidCase(f"unknown split {split!r}: use one of {', '.join(SPLITS)} or all")
    return Path(str(resources.files("eval") / "data" / SPLITS[split]))


def default_cases_path() -> Path:
    return split_path("dev")


def parse_case(obj: dict) -> Case:
    """Validate one decoded JSON object against the schema; raise InvalidCase."""
    cid = obj.get("id", "?")
    missing = [k for k in _REQUIRED if k not in obj]
    if missing:
        raise InvalidCase(f"case {cid}: missing fields {missing}")
    unknown = sorted(set(obj) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise InvalidCase(f"case {cid}: unknown fields {unknown}")
    problems = []
    if obj["lang"] not in LANGS:
        problems.append(f"lang {obj['lang']!r} not in {LANGS}")
    if obj["category"] not in CATEGORIES:
        problems.append(f"category {obj['category']!r} unknown")
    if not isinstance(obj["question"], str) or not obj["question"].strip():
        problems.append("empty question")
    if not isinstance(obj["answerable"], bool):
        problems.append("answerable must be a bool")
    hist = obj["history"]
    if not isinstance(hist, list) or any(
        not isinstance(t, dict) or set(t) != {"role", "content"} or t["role"] not in ("user", "assistant")
        or not isinstance(t["content"], str) for t in hist
    ):
        problems.append("history must be a list of {role: user|assistant, content}")
    gold = obj["gold"]
    if not isinstance(gold, dict) or set(gold) != {"doc_id", "section_ids"} or not isinstance(gold["section_ids"], list):
        problems.append("gold must be {doc_id, section_ids: [...]}")
    elif obj["answerable"] and (not gold["doc_id"] or not gold["section_ids"]):
        problems.append("answerable case without gold sections")
    if not isinstance(obj["evidence"], list) or any(not isinstance(e, str) or not e for e in obj["evidence"]):
        problems.append("evidence must be a list of non-empty strings")
    elif obj["answerable"] and not obj["evidence"]:
        problems.append("answerable case without evidence")
    kps = obj["key_points"]
    if not isinstance(kps, list) or any(not isinstance(g, list) or not g or any(not isinstance(p, str) or not p for p in g) for g in kps):
        problems.append("key_points must be a list of non-empty lists of phrasings")
    elif obj["answerable"] and not kps:
        problems.append("answerable case without key points")
    if obj["category"] == "follow-up" and not hist:
        problems.append("follow-up case without history")
    if problems:
        raise InvalidCase(f"case {cid}: " + "; ".join(problems))
    return Case(id=obj["id"], lang=obj["lang"], question=obj["question"], history=hist,
                answerable=obj["answerable"], doc_id=gold["doc_id"], section_ids=list(gold["section_ids"]),
                evidence=list(obj["evidence"]), reference_answer=obj["reference_answer"],
                key_points=[list(g) for g in kps], category=obj["category"],
                forbidden=list(obj.get("forbidden", [])))


def load_cases(path: Path | None = None) -> list[Case]:
    """All cases of a JSONL file (default: the bundled set); ids must be unique."""
    path = Path(path) if path else default_cases_path()
    if not path.is_file():
        raise InvalidCase(f"case file not found: {path}")
    cases: list[Case] = []
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidCase(f"{path}:{lineno}: not JSON ({exc.msg})") from exc
        case = parse_case(obj)
        if case.id in seen:
            raise InvalidCase(f"{path}:{lineno}: duplicate id {case.id}")
        seen.add(case.id)
        cases.append(case)
    return cases


def load_splits(splits: list[str]) -> dict[str, list[Case]]:
    """Several bundled splits at once; an id used in two splits is an error."""
    out: dict[str, list[Case]] = {}
    seen: dict[str, str] = {}
    for split in splits:
        out[split] = load_cases(split_path(split))
        for case in out[split]:
            if case.id in seen:
                raise InvalidCase(f"case id {case.id} is in both {seen[case.id]} and {split}")
            seen[case.id] = split
    return out
