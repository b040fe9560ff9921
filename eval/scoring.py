"""Score one case's Answer into a flat record, and aggregate records into a summary.

A record is what `results.jsonl` holds per case: the case's identity, the answer as
the public Answer JSON, and every per-case metric. The summary is computed from
records only, so a saved results file can be re-summarised without re-running.
"""

from __future__ import annotations

from collections import defaultdict

from eval import metrics as m
from eval.dataset import Case

RETRIEVAL_KEYS = ("hit@1", "hit@3", "hit@5", "hit@10", "recall@5", "recall@10", "mrr@10", "ndcg@10")


def score_case(case: Case, answer: dict, prompt_fragments: list[str], originals: dict[str, str] | None = None) -> dict:
    """Every per-case metric of one answered case (`originals`: translation doc_id → original's)."""
    rec: dict = {
        **_identity(case),
        "question": case.question,
        "history": case.history,
        "gold": sorted(f"{d}:{s}" for d, s in case.gold_sections),
        "reference_answer": case.reference_answer,
        "answer": answer,
        "refused": bool(answer.get("refused")),
    }
    rec["retrieval"] = (
        m.context_scores(answer.get("contexts", []), case.gold_sections, originals) if case.scores_retrieval else None
    )
    rec["citation"] = m.citation_validity(answer)
    if case.answerable and case.section_ids:
        ok, total = m.section_hits(answer, case.gold_sections)
        rec["section_hits"] = [ok, total]
    else:
        rec["section_hits"] = None
    rec["alce"] = m.alce(answer) if case.answerable and not rec["refused"] else None
    rec["keypoint_recall"] = m.keypoint_recall(m.without_glosses(answer), case.key_points) if case.answerable else None
    rec["answer_hit"] = (
        m.answer_hit(answer, case.answer_spans, case.answer_spans_en if case.lang == "en" else [])
        if case.answerable and (case.answer_spans or case.answer_spans_en)
        else None
    )
    rec["citation_evidence"] = (
        m.citation_holds_evidence(answer, case.evidence) if case.answerable and case.evidence else None
    )
    rec["language"] = m.language_match(answer, case.lang)
    rec["injection"] = (
        m.injection_resisted(answer, case.lang, case.forbidden, prompt_fragments)
        if case.category == "injection"
        else None
    )
    rec["refusal_correct"] = rec["refused"] == (not case.answerable)
    rec["timings_ms"] = dict(answer.get("timings_ms", {}))
    rec["score"] = case_score(rec)
    return rec


#: the group of cases whose gold names no document (out-of-domain questions, bare prompt requests)
NO_DOC = "(none)"


def _identity(case: Case) -> dict:
    """The fields every record carries and the summary groups by."""
    return {
        "id": case.id,
        "lang": case.lang,
        "category": case.category,
        "answerable": case.answerable,
        "doc": case.doc_id or NO_DOC,
        "near_miss": case.near_miss,
    }


def error_record(case: Case, message: str) -> dict:
    """A case the assistant could not answer at all (counts as failed everywhere)."""
    return {
        **_identity(case),
        "question": case.question,
        "history": case.history,
        "gold": sorted(f"{d}:{s}" for d, s in case.gold_sections),
        "reference_answer": case.reference_answer,
        "error": message,
        "answer": None,
        "refused": False,
        "retrieval": None,
        "citation": None,
        "section_hits": None,
        "alce": None,
        "keypoint_recall": 0.0 if case.answerable else None,
        "answer_hit": {"hit": False, "hit_en": False if case.answer_spans_en else None, "first": False, "quotes": 0}
        if case.answerable and (case.answer_spans or case.answer_spans_en)
        else None,
        "citation_evidence": False if case.answerable and case.evidence else None,
        "language": {"declared": None, "detected": "unknown", "match": False},
        "injection": {"resisted": False} if case.category == "injection" else None,
        "refusal_correct": False,
        "timings_ms": {},
        "score": 0.0,
    }


def case_score(rec: dict) -> float:
    """One number per case to sort the worst cases by (mean of the case's pass/fail signals)."""
    parts = [1.0 if rec["refusal_correct"] else 0.0, 1.0 if rec["language"]["match"] else 0.0]
    if rec["retrieval"]:
        parts.append(rec["retrieval"]["hit@5"])
        parts.append(rec["retrieval"]["mrr@10"])
    if rec.get("citation") and rec["citation"]["citations"]:
        parts.append(1.0 if rec["citation"]["valid"] else 0.0)
    if rec.get("keypoint_recall") is not None:
        parts.append(rec["keypoint_recall"])
    if rec.get("answer_hit"):
        parts.append(1.0 if rec["answer_hit"]["hit"] else 0.0)
    if rec.get("injection"):
        parts.append(1.0 if rec["injection"]["resisted"] else 0.0)
    return sum(parts) / len(parts)


def summarize(records: list[dict]) -> dict:
    """Metrics over a list of records (see eval.metrics for every definition)."""
    out: dict = {"n": len(records), "errors": sum(1 for r in records if r.get("error"))}
    ret = [r["retrieval"] for r in records if r.get("retrieval")]
    scored = [r for r in records if r.get("answerable") and r.get("gold")]
    misses = [0.0] * sum(1 for r in scored if r.get("error"))  # cases that errored before retrieval
    for k in RETRIEVAL_KEYS:
        out[k] = m.mean([x[k] for x in ret] + misses)
    out["retrieval_n"] = len(ret)
    # with the supplementary contexts (not ranked, so outside the rank metrics above)
    out["context_hit"] = m.mean([x.get("context_hit") for x in ret] + misses)
    cited = [r for r in records if r.get("citation") and (r["citation"]["citations"] or r["citation"]["markers"])]
    out["citation_validity"] = m.mean(1.0 if r["citation"]["valid"] else 0.0 for r in cited)
    out["citation_validity_n"] = len(cited)
    hits = [r["section_hits"] for r in records if r.get("section_hits")]
    total = sum(t for _, t in hits)
    out["section_accuracy"] = sum(ok for ok, _ in hits) / total if total else None
    alces = [r["alce"] for r in records if r.get("alce")]
    out["citation_recall"] = m.mean(a["supported"] / a["statements"] if a["statements"] else 0.0 for a in alces)
    out["citation_precision"] = m.mean(a["relevant"] / a["cited"] for a in alces if a["cited"])
    out["keypoint_recall"] = m.mean(r.get("keypoint_recall") for r in records)
    out["language_match"] = m.mean(1.0 if r["language"]["match"] else 0.0 for r in records)
    ref = m.refusal_scores([(not r["answerable"], bool(r.get("refused"))) for r in records])
    out.update({f"refusal_{k}": v for k, v in ref.items()})
    hits = [r["answer_hit"] for r in records if r.get("answer_hit")]
    out["answer_hit"] = m.mean(1.0 if h["hit"] else 0.0 for h in hits)
    out["answer_hit_n"] = len(hits)
    # what a reader meets: the answer in the first quote, and how many quotes the answers that hit show
    out["answer_first"] = m.mean(1.0 if h.get("first") else 0.0 for h in hits)
    out["quotes_per_hit"] = m.mean(float(h["quotes"]) for h in hits if h["hit"] and "quotes" in h)
    hits_en = [h["hit_en"] for h in hits if h["hit_en"] is not None]
    out["answer_hit_en"] = m.mean(1.0 if h else 0.0 for h in hits_en)
    out["answer_hit_en_n"] = len(hits_en)
    held = [r["citation_evidence"] for r in records if r.get("citation_evidence") is not None]
    out["citation_evidence"] = m.mean(1.0 if h else 0.0 for h in held)
    out["citation_evidence_n"] = len(held)
    out.update(answer_misses(records))
    near = [bool(r.get("refused")) for r in records if r.get("near_miss")]
    out["near_miss_refusal"] = m.mean(1.0 if x else 0.0 for x in near)
    out["near_miss_n"] = len(near)
    answerable = [bool(r.get("refused")) for r in records if r.get("answerable")]
    out["false_refusal_rate"] = m.mean(1.0 if x else 0.0 for x in answerable)
    inj = [r["injection"] for r in records if r.get("injection")]
    out["injection_resistance"] = m.mean(1.0 if i["resisted"] else 0.0 for i in inj)
    out["injection_n"] = len(inj)
    out["latency_ms"] = m.latency([r["timings_ms"] for r in records if r.get("timings_ms")])
    return out


def answer_misses(records: list[dict]) -> dict:
    """Where the answers that miss went wrong, as counts (aggregates a held-out run may show): refused with a gold
    section among the contexts, refused without one, answered without one (retrieval missed), answered with one
    but quoting another sentence (selection missed)."""
    out = dict.fromkeys(
        (
            "miss_refused_gold_found",
            "miss_refused_gold_lost",
            "miss_answered_gold_lost",
            "miss_answered_wrong_sentence",
        ),
        0,
    )
    for r in records:
        if not r.get("answer_hit") or r["answer_hit"]["hit"] or r.get("error"):
            continue
        found = bool((r.get("retrieval") or {}).get("context_hit"))
        if r.get("refused"):
            out["miss_refused_gold_found" if found else "miss_refused_gold_lost"] += 1
        else:
            out["miss_answered_wrong_sentence" if found else "miss_answered_gold_lost"] += 1
    return out


GROUPINGS = ("by_lang", "by_category", "by_doc", "by_lang_category", "by_doc_lang")


def breakdown(records: list[dict]) -> dict:
    """Overall, by language, by category, by gold document, and by language × category / document."""
    groups: dict[str, dict[str, list[dict]]] = {name: defaultdict(list) for name in GROUPINGS}
    for r in records:
        doc = r.get("doc", NO_DOC)
        groups["by_lang"][r["lang"]].append(r)
        groups["by_category"][r["category"]].append(r)
        groups["by_doc"][doc].append(r)
        groups["by_lang_category"][f"{r['lang']}/{r['category']}"].append(r)
        groups["by_doc_lang"][f"{doc}/{r['lang']}"].append(r)
    return {
        "overall": summarize(records),
        **{name: {k: summarize(v) for k, v in sorted(g.items())} for name, g in groups.items()},
    }
