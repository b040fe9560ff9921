"""The evaluation set: loading, schema validation, splits and gold-section keys.

Cases are hand-written JSONL, one object per line, in two splits:
- `dev`: every `*.jsonl` in `eval/data/` (several files: the original set, the retired
  first held-out set, per-document sets, near misses). The assistant may be tuned on it,
  so its scores are optimistic;
- `heldout`: every `*.jsonl` in `eval/heldout/`, written by someone who does not tune
  the assistant, on documents (and paper questions) never read while tuning. The
  harness reads these files blind: only aggregate figures leave a held-out run.
Ids are unique across all files of both splits.

Each line has:
`id, lang, question, history, answerable, gold {doc_id[, section_ids]}, evidence,
reference_answer, key_points, category` and optionally `answer_spans`,
`answer_spans_en`, `near_miss`, `forbidden` (injection cases: strings whose
appearance in the answer means the assistant obeyed the injected instruction), `notes`.

Gold conventions (documented here because every metric depends on them):
- `gold.section_ids` are section ids of `gold.doc_id`; an id written `doc_id:section_id`
  names a section of another document (cross-document comparisons).
- `gold.section_ids` may be omitted: it is then resolved when the cases are loaded, as
  every section of `gold.doc_id` whose heading or body (as structured by the current
  knowledge code) contains one of the case's `evidence` phrases. Cases written
  that way survive changes to section ids.
- For answerable cases the gold sections are the sections that answer the question
  (all of them when several do). For unanswerable near misses they are the nearest
  sections a refusal should point to; those never count for retrieval metrics.
- `answer_spans`: verbatim sentences/clauses of the document that answer the question.
  When a case gives none, they are derived at load time: every sentence of a gold
  section's body that contains an evidence phrase, plus any evidence phrase no such
  sentence holds (a phrase from a heading) as its own span (`Case.answer_spans_derived`).
  `answer_spans_en`: the verbatim sentences of the document's official English
  translation that answer it (only where a translation exists).
- `near_miss` (unanswerable cases): true when the texts are close to answering (a figure
  they do not give, a person they do not mention, an adjacent year, another country).
- `key_points` is a list of groups; a group is matched when any phrasing in it occurs
  in the answer (Chinese source phrasing and English renderings side by side).
- `evidence`, `answer_spans` and `key_points` are read with full-width digits and Latin letters as ASCII
  (`knowledge.cleaning.ascii_alphanumerics`): the index holds a text's figures that way, so a phrase copied from
  a text typed full width (１９８７年, ７．３％) is found in it as written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from knowledge.cleaning import ascii_alphanumerics
from knowledge.errors import UserError
from knowledge.sentences import split_sentences

LANGS = ("zh", "en")
CATEGORIES = (
    "fact",
    "number",
    "list",
    "explanation",
    "comparison",
    "cross-lingual",
    "follow-up",
    "who-when",
    "unanswerable",
    "injection",
)
#: minimum counts the issue sets for the development set as a whole
MINIMUMS = {"total": 120, "follow-up": 10, "unanswerable": 15, "injection": 6}
#: split name → folder (inside the `eval` package) whose `*.jsonl` files form the split;
#: "all" runs every split
SPLITS = {
    "dev": "data",
    "heldout": "heldout",
    "external": "external/dev",
    "external-heldout": "external/heldout",
}
#: splits whose runs are blind: no per-case results or case text leave the harness
BLIND_SPLITS = frozenset({"heldout", "external-heldout"})
#: splits about documents the app does not bundle (`eval/external/README.md`): run on an index of the bundled
#: corpus plus `EXTERNAL_DOCUMENTS`, their gold sections resolved from it
EXTERNAL_SPLITS = frozenset({"external", "external-heldout"})
EXTERNAL_DOCUMENTS = "external/documents"
#: the splits the refusal decision is fitted on: the development split and the external texts read case by case,
#: so its document-grouped folds include texts nobody tuned the assistant on beforehand (never a blind split)
TRAINING_SPLITS = ("dev", "external")
#: the splits the sentence ranker is fitted on: the development split and the external texts, so its
#: document-grouped folds hold readouts and communiqués as well as reports. Refitted with them (2026-12-01), its
#: leave-one-document-out P@1 on the five external texts is 0.714 against 0.686 when fitted on the development
#: documents alone, and on the development documents 0.808 against 0.815 (105 and 390 cases); the refusal fitted
#: on its output separates near misses a little less well in Chinese (CV AUC 0.920 → 0.911, en 0.855 either way)
RANKER_SPLITS = ("dev", "external")


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
    answer_spans: list[str] = field(default_factory=list)
    answer_spans_en: list[str] = field(default_factory=list)
    near_miss: bool = False
    #: the file gave no `section_ids`: they were resolved from the evidence (see module doc)
    sections_resolved: bool = False
    #: the file gave no `answer_spans`: they are the gold sentences holding evidence
    answer_spans_derived: bool = False

    @property
    def gold_sections(self) -> set[tuple[str, str]]:
        """Gold sections as (doc_id, section_id) pairs, qualified ids resolved."""
        return {split_section_ref(s, self.doc_id) for s in self.section_ids}

    @property
    def scores_retrieval(self) -> bool:
        """Retrieval metrics only make sense where the documents answer the question."""
        return self.answerable and bool(self.section_ids)

    def to_dict(self) -> dict:
        gold: dict[str, Any] = {"doc_id": self.doc_id}
        if not self.sections_resolved:
            gold["section_ids"] = self.section_ids
        d = {
            "id": self.id,
            "lang": self.lang,
            "question": self.question,
            "history": self.history,
            "answerable": self.answerable,
            "gold": gold,
            "evidence": self.evidence,
            "reference_answer": self.reference_answer,
            "key_points": self.key_points,
            "category": self.category,
        }
        if self.answer_spans and not self.answer_spans_derived:
            d["answer_spans"] = self.answer_spans
        if self.answer_spans_en:
            d["answer_spans_en"] = self.answer_spans_en
        if self.near_miss:
            d["near_miss"] = True
        if self.forbidden:
            d["forbidden"] = self.forbidden
        return d


def split_section_ref(ref: str, default_doc: str | None) -> tuple[str, str]:
    """`"3.8"` → (default_doc, "3.8"); `"gwr-2024:3.1"` → ("gwr-2024", "3.1")."""
    if ":" in ref:
        doc, sec = ref.split(":", 1)
        return doc, sec
    return default_doc or "", ref


def split_dir(split: str) -> Path:
    """The folder of a bundled split (`dev` → eval/data, `heldout` → eval/heldout)."""
    if split not in SPLITS:
        raise InvalidCase(f"unknown split {split!r}: use one of {', '.join(SPLITS)} or all")
    return Path(str(resources.files("eval") / SPLITS[split]))


def external_documents() -> list[Path]:
    """The texts the external splits are about (added to their own index, see `eval.runner`)."""
    folder = Path(str(resources.files("eval") / EXTERNAL_DOCUMENTS))
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def split_documents(split: str) -> list[Path]:
    """The external documents a split's cases are about (their gold documents among `external_documents`)."""
    about = {
        (json.loads(line).get("gold") or {}).get("doc_id")
        for path in split_paths(split)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    return [p for p in external_documents() if p.stem in about]


def training_cases(splits: tuple[str, ...] = TRAINING_SPLITS) -> list[Case]:
    """The cases of `splits`, in one list."""
    return [case for cases in load_splits(list(splits)).values() for case in cases]


def split_paths(split: str) -> list[Path]:
    """The case files of a bundled split, sorted by name (an absent folder is an empty split)."""
    folder = split_dir(split)
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def split_of(path: Path) -> str | None:
    """The bundled split a case file belongs to, if any (so `--cases` on a bundled file keeps its rules)."""
    path = Path(path).resolve()
    return next((s for s in SPLITS if path.parent == split_dir(s).resolve()), None)


def files_sha(paths: list[Path]) -> str:
    """One short hash over the names and bytes of case files (recorded in run metadata)."""
    digest = hashlib.sha256()
    for p in sorted(paths):
        digest.update(p.name.encode("utf-8"))
        digest.update(p.read_bytes())
    return digest.hexdigest()[:12] if paths else ""


_Text = Annotated[str, StringConstraints(pattern=r"\S")]  # a string with something in it


class _Turn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    role: Literal["user", "assistant"]
    content: str


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    doc_id: str | None
    #: omitted: resolved from the evidence (see module doc)
    section_ids: list[str] | None = None


class CaseRecord(BaseModel):
    """One line of a case file, as written (the schema in the module doc); `Case` is what runs."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: str
    lang: Literal[LANGS]  # type: ignore[valid-type]
    question: _Text
    history: list[_Turn]
    answerable: bool
    gold: _Gold
    evidence: list[_Text]
    reference_answer: str
    key_points: list[Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]]
    category: Literal[CATEGORIES]  # type: ignore[valid-type]
    forbidden: list[str] = []
    notes: str | None = None
    answer_spans: list[_Text] = []
    answer_spans_en: list[_Text] = []
    near_miss: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> CaseRecord:
        problems = []
        if self.answerable:
            if not self.gold.doc_id:
                problems.append("answerable case without a gold document")
            if self.gold.section_ids == []:
                problems.append("answerable case with an empty section_ids list (omit it to resolve from evidence)")
            if not self.evidence:
                problems.append("answerable case without evidence")
            if not self.key_points:
                problems.append("answerable case without key points")
            if self.near_miss:
                problems.append("near_miss is for unanswerable cases")
        if self.category == "follow-up" and not self.history:
            problems.append("follow-up case without history")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def parse_case(obj: dict) -> Case:
    """Validate one decoded JSON object against the schema (`CaseRecord`); raise InvalidCase.

    Gold sections and answer spans are not resolved here (see `resolve_case`)."""
    try:
        rec = CaseRecord.model_validate(obj)
    except ValidationError as exc:
        cid = obj.get("id", "?") if isinstance(obj, dict) else "?"
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'case'}: {e['msg']}" for e in exc.errors())
        raise InvalidCase(f"case {cid}: {problems}") from None
    return Case(
        id=rec.id,
        lang=rec.lang,
        question=rec.question,
        history=[t.model_dump() for t in rec.history],
        answerable=rec.answerable,
        doc_id=rec.gold.doc_id,
        section_ids=list(rec.gold.section_ids or []),
        evidence=[ascii_alphanumerics(e) for e in rec.evidence],
        reference_answer=rec.reference_answer,
        key_points=[[ascii_alphanumerics(k) for k in g] for g in rec.key_points],
        category=rec.category,
        forbidden=list(rec.forbidden),
        answer_spans=[ascii_alphanumerics(a) for a in rec.answer_spans],
        answer_spans_en=list(rec.answer_spans_en),
        near_miss=rec.near_miss,
        sections_resolved=rec.gold.section_ids is None,
    )


# ------------------------------------------------------------------ gold resolution
#: doc_id → {section_id: (heading label, body text: the paragraphs joined by newlines)}
SectionTexts = dict[str, dict[str, tuple[str, str]]]


@lru_cache(maxsize=1)
def bundled_section_texts() -> SectionTexts:
    """Every bundled document's sections as the current knowledge code structures them."""
    from knowledge.corpus import bundled_documents

    return section_texts(bundled_documents())


@lru_cache(maxsize=1)
def external_section_texts() -> SectionTexts:
    """The bundled documents' sections and the external documents', each read as `python -m knowledge add`
    reads a file (its title, date and byline from its first lines)."""
    from knowledge.loaders import read_document
    from knowledge.settings import Settings

    settings = Settings.load()
    return {**bundled_section_texts(), **section_texts(read_document(p, settings) for p in external_documents())}


def section_texts(documents) -> SectionTexts:
    """The sections of (meta, raw text) pairs as the current knowledge code structures them."""
    from knowledge.cleaning import clean_text
    from knowledge.structure import parse_structure

    out: SectionTexts = {}
    for meta, raw in documents:
        st = parse_structure(clean_text(raw), meta)
        out[meta.doc_id] = {s.section_id: (s.label, "\n".join(s.paragraphs)) for s in st.sections}
    return out


def index_section_texts(index, doc_ids: Iterable[str]) -> SectionTexts:
    """The sections of documents added to `index` (`python -m knowledge add`), rebuilt from its chunks: what
    cases about a user's own documents are resolved against. A chunk never crosses a section, so a section's
    body is its chunks' texts in order."""
    out: SectionTexts = {}
    for doc_id in doc_ids:
        bodies: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        for chunk in index.chunks(doc_id):
            labels.setdefault(chunk.section_id, chunk.section_label)
            bodies.setdefault(chunk.section_id, []).append(chunk.text)
        if bodies:
            out[doc_id] = {sid: (labels[sid], "\n".join(parts)) for sid, parts in bodies.items()}
    return out


def case_doc_ids(paths: Iterable[Path]) -> set[str]:
    """The gold documents the case files name (read before resolving them)."""
    ids: set[str] = set()
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = (json.loads(line).get("gold") or {}).get("doc_id")
                if doc:
                    ids.add(doc)
    return ids


def resolve_case(case: Case, sections: SectionTexts) -> Case:
    """Fill omitted gold sections and answer spans from the evidence (rules in the module doc)."""
    ids = case.section_ids
    if case.sections_resolved and case.doc_id and case.evidence:
        if case.doc_id not in sections:
            raise InvalidCase(
                f"case {case.id}: gold document {case.doc_id!r} is not in the corpus, "
                "so its sections cannot be resolved from the evidence"
            )
        ids = [
            sid
            for sid, (label, body) in sections[case.doc_id].items()
            if any(e in label or e in body for e in case.evidence)
        ]
        if not ids:
            raise InvalidCase(f"case {case.id}: no section of {case.doc_id} contains an evidence phrase")
    spans, derived = case.answer_spans, False
    if case.answerable and not spans:
        bodies = [sections.get(d, {}).get(s, ("", ""))[1] for d, s in (split_section_ref(i, case.doc_id) for i in ids)]
        spans = derive_answer_spans(case.evidence, bodies)
        derived = bool(spans)
    return replace(case, section_ids=ids, answer_spans=spans, answer_spans_derived=derived)


def derive_answer_spans(evidence: list[str], bodies: list[str]) -> list[str]:
    """The sentences of the gold sections' bodies that contain an evidence phrase, in order,
    once each; an evidence phrase no body sentence holds (e.g. one from a heading) is its own span."""
    out: list[str] = []
    for text in bodies:
        for line in text.splitlines():
            for sent in split_sentences(line):
                if any(e in sent for e in evidence) and sent not in out:
                    out.append(sent)
    out += [e for e in evidence if not any(e in s for s in out)]
    return out


class BlindCases(list):
    """The cases of a blind split: a list whose repr shows only the count, so a failing test
    or a traceback that prints it reveals no held-out question."""

    def __repr__(self) -> str:
        return f"<{len(self)} held-out cases, shown blind>"


# ------------------------------------------------------------------ loading
def load_case_file(path: Path, sections: SectionTexts | None = None) -> list[Case]:
    """All cases of one JSONL file, resolved against `sections` (default: the bundled corpus)."""
    path = Path(path)
    if not path.is_file():
        raise InvalidCase(f"case file not found: {path}")
    cases: list[Case] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidCase(f"{path}:{lineno}: not JSON ({exc.msg})") from exc
        cases.append(parse_case(obj))
    sections = bundled_section_texts() if sections is None else sections
    return [resolve_case(c, sections) for c in cases]


def load_cases(path: Path | list[Path] | None = None, sections: SectionTexts | None = None) -> list[Case]:
    """Cases of one file, of several files, or (default) of the whole dev split; ids must be unique."""
    if path is None:
        paths = split_paths("dev")
    elif isinstance(path, (list, tuple)):
        paths = [Path(p) for p in path]
    else:
        paths = [Path(path)]
    cases: list[Case] = []
    seen: dict[str, Path] = {}
    for p in paths:
        for case in load_case_file(p, sections):
            if case.id in seen:
                raise InvalidCase(f"{p}: duplicate id {case.id} (also in {seen[case.id].name})")
            seen[case.id] = p
            cases.append(case)
    return cases


def load_splits(splits: list[str], sections: SectionTexts | None = None) -> dict[str, list[Case]]:
    """Several bundled splits at once; an id used in two splits is an error. The external splits resolve
    against the bundled and the external documents (`external_section_texts`)."""
    out: dict[str, list[Case]] = {}
    seen: dict[str, str] = {}
    for split in splits:
        cases = load_cases(split_paths(split), external_section_texts() if split in EXTERNAL_SPLITS else sections)
        out[split] = BlindCases(cases) if split in BLIND_SPLITS else cases
        for case in out[split]:
            if case.id in seen:
                raise InvalidCase(f"case id {case.id} is in both {seen[case.id]} and {split}")
            seen[case.id] = split
    return out
