"""The held-out set stays held out, and is well-formed.

`eval/heldout/` holds questions nobody tunes on. A question leaks when its wording, or a
distinctive piece of it, turns up in a file that is used for tuning (code and data of the
assistant, knowledge code, the manifest, tests and their fixtures, development cases, eval
code). "Distinctive" = a character 7-gram of a Chinese question or a lowercased word 5-gram of
an English one that occurs in no bundled document: a question may quote its document, but its
own wording may not be copied anywhere. Failures name the file and line only, never the
held-out wording or case, so reading a failure leaks nothing; passing runs print nothing either.

The second half checks the held-out files against the case schema of the brief: evidence and
answer spans verbatim in their document (English spans in the official translation), both in the
raw file and in the cleaned, structured sections the harness resolves them in, ids unique
across `eval/data` and `eval/heldout`, valid languages and categories, enough cases per document.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest

from knowledge.corpus import bundled_documents, manifest

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "eval" / "heldout"
HELDOUT_FILES = ("documents.jsonl", "paper.jsonl", "gwr2022_en.jsonl")
THIS_FILE = Path(__file__).resolve()

CHAR_N = 7  # Chinese: character n-grams
WORD_N = 5  # English: word n-grams
MIN_CJK = 2  # a character n-gram must hold this many Han characters (no pure numbers/ASCII)

# The case schema of the brief (the contract shared by the harness and this set).
from eval.dataset import CATEGORIES, LANGS  # noqa: E402  (one definition of the schema values)

HELDOUT_DOCUMENTS = ("gwr-2023", "gwr-2025", "plenum-2024-communique", "cewc-2024", "fyp15-recommendations")
MIN_PER_DOCUMENT = 18
MIN_UNANSWERABLE_PER_DOCUMENT = 4

_HAN = re.compile(r"[\u3400-\u9fff]")
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[a-z0-9]+")
_U_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


# ---------------------------------------------------------------- text primitives


def _fold(text: str) -> str:
    """NFKC + lowercase, with JSON \\uXXXX escapes decoded (so escaped Chinese is seen too)."""
    text = _U_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return unicodedata.normalize("NFKC", text).lower()


def _chars(text: str) -> str:
    """Letters and digits only: punctuation, spaces and line breaks do not hide a copy."""
    return _NON_WORD.sub("", _fold(text))


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def _char_grams(text: str) -> set[str]:
    s = _chars(text)
    return {s[i : i + CHAR_N] for i in range(len(s) - CHAR_N + 1) if len(_HAN.findall(s[i : i + CHAR_N])) >= MIN_CJK}


def _word_grams(text: str) -> set[str]:
    w = _words(text)
    return {" ".join(w[i : i + WORD_N]) for i in range(len(w) - WORD_N + 1)}


def _hits(text: str, char_grams: set[str], word_grams: set[str]) -> set[str]:
    """The n-grams of the two sets that occur in `text` (one pass over it, set lookups)."""
    found = set()
    s = _chars(text)
    for i in range(len(s) - CHAR_N + 1):
        if s[i : i + CHAR_N] in char_grams:
            found.add(s[i : i + CHAR_N])
    w = _words(text)
    for i in range(len(w) - WORD_N + 1):
        g = " ".join(w[i : i + WORD_N])
        if g in word_grams:
            found.add(g)
    return found


# ---------------------------------------------------------------- what is compared


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def _heldout_cases() -> list[dict]:
    cases = []
    for name in HELDOUT_FILES:
        path = HELDOUT / name
        assert path.is_file(), f"missing held-out file {path.relative_to(ROOT)}"
        cases += [dict(c, _file=name) for c in _read_jsonl(path)]
    return cases


def _held_out_wording(case: dict) -> list[str]:
    """The held-out text of a case: its question and the user turns of its history."""
    return [case["question"]] + [t["content"] for t in case.get("history", []) if t["role"] == "user"]


def _tuning_files() -> list[Path]:
    """Every file whose content can steer the assistant or its evaluation during development."""
    files: list[Path] = []
    for top in ("assistant", "tests", "eval/data", "eval/external/dev", "eval/offtopic"):
        files += [p for p in (ROOT / top).rglob("*") if p.is_file()]
    files += list((ROOT / "knowledge").rglob("*.py"))
    files += [ROOT / "knowledge" / "corpus" / "manifest.json"]
    files += list((ROOT / "eval").glob("*.py"))
    return sorted(p for p in set(files) if "__pycache__" not in p.parts and p.resolve() != THIS_FILE)


def _read_text_file(path: Path) -> str | None:
    """The file's text, or None for a binary file (NUL bytes), which cannot carry a question."""
    data = path.read_bytes()
    if b"\x00" in data:
        return None
    return data.decode("utf-8", errors="replace")


def _document_names() -> list[str]:
    """How a question names a bundled document: its titles, and the title with its year in front
    ("政府工作报告（2023年）" → "2023年政府工作报告", "Report on … (2022)" → "2022 Report on …")."""
    names = []
    for e in manifest()["documents"]:
        names += [e["title"], e.get("title_en", "")]
        m = re.match(r"^(.*)（(\d{4})年）$", e["title"])
        if m:
            names.append(f"{m.group(2)}年{m.group(1)}")
        m = re.match(r"^(.*?) \((\d{4})\)", e.get("title_en", ""))
        if m:
            names.append(f"{m.group(2)} {m.group(1)}")
    return names


@cache
def _distinctive() -> dict[str, set[str]]:
    return _distinctive_grams(_heldout_cases())


def _distinctive_grams(cases: list[dict]) -> dict[str, set[str]]:
    """n-gram → ids of the held-out cases it comes from, keeping only distinctive ones.

    Not distinctive: n-grams of any bundled document's text (a question may quote its
    document), of a document's name (every question about it names it), and n-grams shared by
    questions about two or more different documents (that is how questions are asked — 多少,
    "what … target" — not what one question says)."""
    owners: dict[str, set[str]] = defaultdict(set)
    doc_of = {}
    for case in cases:
        doc_of[case["id"]] = case["gold"]["doc_id"]
        for text in _held_out_wording(case):
            for g in _char_grams(text) | _word_grams(text):
                owners[g].add(case["id"])
    char_grams = {g for g in owners if " " not in g}
    word_grams = {g for g in owners if " " in g}
    for text in [t for _meta, t in bundled_documents()] + _document_names():
        for g in _hits(text, char_grams, word_grams):
            owners.pop(g, None)
    return {g: ids for g, ids in owners.items() if len({doc_of[i] for i in ids}) == 1}


def _leaks(files: list[Path], owners: dict[str, set[str]], cases: list[dict]) -> list[str]:
    """One line per file and line holding held-out wording (a distinctive n-gram or a whole
    question). The message names where, never the wording or the case: whoever reads a failure
    may be tuning, and must reword their own line without learning what the held-out set asks."""
    char_grams = {g for g in owners if " " not in g}
    word_grams = {g for g in owners if " " in g}
    questions = [(_chars(c["question"]), " ".join(_words(c["question"]))) for c in cases]
    problems = []
    for path in files:
        text = _read_text_file(path)
        if text is None:
            continue
        chars, words = _chars(text), " ".join(_words(text))
        whole = any(
            (len(qc) >= CHAR_N and qc in chars) or (len(qw.split()) >= WORD_N and qw in words) for qc, qw in questions
        )
        if not whole and not _hits(text, char_grams, word_grams):
            continue
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        lines = [n for n, line in enumerate(text.splitlines(), 1) if _hits(line, char_grams, word_grams)]
        where = ", ".join(f"line {n}" for n in lines) or "across line breaks"
        problems.append(f"{rel}: held-out wording at {where}" + (" (a whole held-out question)" if whole else ""))
    return problems


# ---------------------------------------------------------------- contamination


def test_no_heldout_wording_in_files_used_for_tuning():
    cases = _heldout_cases()
    owners = _distinctive()
    # Every held-out case must be checkable: at least one distinctive n-gram per case.
    covered = {cid for ids in owners.values() for cid in ids}
    unchecked = sorted({c["id"] for c in cases} - covered)
    assert not unchecked, f"held-out cases with no distinctive n-gram (reword them): {unchecked}"
    files = _tuning_files()
    assert len(files) > 20, "the list of tuning files is suspiciously short"
    problems = _leaks(files, owners, cases)
    assert not problems, "held-out wording found in files used for tuning:\n" + "\n".join(problems[:40])


def test_contamination_check_catches_a_planted_ngram(tmp_path):
    """The detector is not vacuous: one distinctive n-gram of each kind, planted, is found."""
    cases = _heldout_cases()
    owners = _distinctive()
    for kind in (lambda g: " " not in g, lambda g: " " in g):
        gram = sorted(g for g in owners if kind(g))[0]
        plant = tmp_path / "glossary.tsv"
        # Written the way a glossary or probe file would hold it: escaped, spaced, upper-cased.
        spaced = " ".join(gram) if " " not in gram else gram.upper()
        plant.write_text("term\t" + json.dumps(spaced) + "\n", encoding="utf-8")
        problems = _leaks([plant], owners, cases)
        assert problems, "a planted held-out n-gram was not detected"
        assert all(str(plant) in p and "line 1" in p for p in problems)
        assert not any(gram in p or any(i in p for i in owners[gram]) for p in problems)  # says where, not what


# ---------------------------------------------------------------- well-formedness


def _case_files_of_eval_data() -> list[Path]:
    """Development case files: the JSONL files of eval/data whose rows are cases (have a question)."""
    out = []
    for path in sorted((ROOT / "eval" / "data").glob("*.jsonl")):
        rows = _read_jsonl(path)
        if rows and "question" in rows[0]:
            out.append(path)
    return out


def test_ids_unique_across_development_and_heldout():
    ids = Counter()
    for path in _case_files_of_eval_data():
        ids.update(r["id"] for r in _read_jsonl(path))
    heldout = [c["id"] for c in _heldout_cases()]
    ids.update(heldout)
    dup = sorted(i for i, n in ids.items() if n > 1)
    assert not dup, f"duplicate case ids: {dup}"
    assert all(i.startswith("hx-") for i in heldout)


def test_heldout_cases_follow_the_schema_and_quote_their_documents():
    texts = {meta.doc_id: text for meta, text in bundled_documents()}
    translations = {e["translation_of"]: e["id"] for e in manifest()["documents"] if e.get("translation_of")}
    problems = []
    for c in _heldout_cases():
        cid = c["id"]
        for key in (
            "id",
            "lang",
            "question",
            "history",
            "answerable",
            "gold",
            "evidence",
            "answer_spans",
            "reference_answer",
            "key_points",
            "category",
        ):
            if key not in c:
                problems.append(f"{cid}: missing {key}")
        if c["lang"] not in LANGS:
            problems.append(f"{cid}: lang {c['lang']!r}")
        has_han = bool(_HAN.search(c["question"]))
        if has_han != (c["lang"] == "zh"):
            problems.append(f"{cid}: question script does not match lang {c['lang']}")
        if c["category"] not in CATEGORIES:
            problems.append(f"{cid}: category {c['category']!r}")
        if any(t.get("role") not in ("user", "assistant") or not t.get("content") for t in c["history"]):
            problems.append(f"{cid}: malformed history")
        doc = c["gold"].get("doc_id")
        if doc not in texts:
            problems.append(f"{cid}: unknown doc_id {doc!r}")
            continue
        text = texts[doc]
        if c["answerable"]:
            if not c["evidence"] or not c["answer_spans"]:
                problems.append(f"{cid}: answerable without evidence/answer_spans")
            if c["category"] == "unanswerable" or "near_miss" in c:
                problems.append(f"{cid}: answerable case marked unanswerable/near_miss")
        else:
            if c["evidence"] or c["answer_spans"] or c.get("answer_spans_en"):
                problems.append(f"{cid}: unanswerable case with evidence")
            if c["category"] != "unanswerable" or not isinstance(c.get("near_miss"), bool):
                problems.append(f"{cid}: unanswerable case needs category unanswerable and a near_miss flag")
        for span in c["evidence"] + c["answer_spans"]:
            if span not in text:
                problems.append(f"{cid}: not verbatim in {doc}: {span[:20]!r}…")
        if "answer_spans_en" in c:
            if doc not in translations:
                problems.append(f"{cid}: answer_spans_en but {doc} has no official translation")
            else:
                en_text = texts[translations[doc]]
                for span in c["answer_spans_en"]:
                    if span not in en_text:
                        problems.append(f"{cid}: not verbatim in {translations[doc]}: {span[:30]!r}…")
                if c["answerable"] and not c["answer_spans_en"]:
                    problems.append(f"{cid}: answerable case without answer_spans_en")
    assert not problems, "\n".join(problems[:60])


def test_heldout_covers_each_document_in_both_languages():
    cases = _heldout_cases()
    docs = [c for c in cases if c["_file"] == "documents.jsonl"]
    for doc in HELDOUT_DOCUMENTS:
        mine = [c for c in docs if c["gold"]["doc_id"] == doc]
        langs = Counter(c["lang"] for c in mine)
        near = [c for c in mine if not c["answerable"] and c["near_miss"]]
        assert len(mine) >= MIN_PER_DOCUMENT, (doc, len(mine))
        assert min(langs["zh"], langs["en"]) >= len(mine) // 2 - 2, (doc, dict(langs))
        assert sum(not c["answerable"] for c in mine) >= MIN_UNANSWERABLE_PER_DOCUMENT, doc
        assert 2 * sum(c["lang"] == "en" for c in near) >= len(near), doc
        assert any(c["history"] for c in mine), doc
    assert {c["gold"]["doc_id"] for c in docs} == set(HELDOUT_DOCUMENTS)
    # gwr-2022: every English question has its Chinese twin with the same Chinese gold.
    pairs = defaultdict(dict)
    for c in cases:
        if c["_file"] == "gwr2022_en.jsonl":
            pairs[c["id"].rsplit("-", 1)[0]][c["lang"]] = c
    assert pairs and all(set(p) == {"en", "zh"} for p in pairs.values())
    for p in pairs.values():
        assert p["en"]["answer_spans"] == p["zh"]["answer_spans"]
        assert p["en"]["answerable"] == p["zh"]["answerable"]
        # the official English sentence is the gold of the English question only
        assert "answer_spans_en" in p["en"] and "answer_spans_en" not in p["zh"]
        assert bool(p["en"]["answer_spans_en"]) == p["en"]["answerable"]


def test_heldout_spans_resolve_in_the_structured_documents():
    """The harness resolves gold sections and answer hits on the cleaned, structured text (not the
    raw file): every evidence phrase and answer span must lie inside one section of it."""
    from eval.dataset import bundled_section_texts

    sections = bundled_section_texts()
    translations = {e["translation_of"]: e["id"] for e in manifest()["documents"] if e.get("translation_of")}
    problems = []
    for c in _heldout_cases():
        blobs = [label + "\n" + body for label, body in sections[c["gold"]["doc_id"]].values()]
        for span in c["evidence"] + c["answer_spans"]:
            if not any(span in b for b in blobs):
                problems.append(f"{c['id']}: no section of {c['gold']['doc_id']} holds {span[:20]!r}…")
        en = translations.get(c["gold"]["doc_id"])
        en_blobs = [label + "\n" + body for label, body in sections.get(en, {}).values()]
        for span in c.get("answer_spans_en", []):
            if not any(span in b for b in en_blobs):
                problems.append(f"{c['id']}: no section of {en} holds {span[:30]!r}…")
    assert not problems, "\n".join(problems[:60])


@pytest.mark.parametrize("name", HELDOUT_FILES)
def test_heldout_file_ids_prefixed_and_unique(name):
    ids = [c["id"] for c in _read_jsonl(HELDOUT / name)]
    assert len(ids) == len(set(ids)) and all(i.startswith("hx-") for i in ids)
