"""Optional LLM-as-judge metrics in the style of RAGAS, only when an LLM is configured.

- Faithfulness: the judge splits the answer into atomic claims and marks each as
  supported or not by the retrieved contexts; score = supported / claims.
- Answer relevancy: the judge writes the questions the answer answers; score = mean
  cosine similarity between those and the real question, embedded with the index's
  own embedder (so the number does not depend on the judge's wording alone).

These are semantic checks the deterministic proxies of `eval.support` cannot make,
but they are only as good as the judge model, cost one or two LLM calls per case and
are never gated. Without `XQA_LLM_BASE_URL` + `XQA_LLM_MODEL` the run records
"skipped" instead.
"""

from __future__ import annotations

import json
import re

import numpy as np
import openai
from tqdm import tqdm

from eval import metrics as m
from knowledge.settings import Settings

_FAITHFULNESS_PROMPT = """You grade an answer against its sources. Split the ANSWER into short atomic factual claims
(ignore framing such as "the documents say"). For each claim decide whether the CONTEXTS state it.
Reply with JSON only: {{"claims": [{{"claim": "...", "supported": true}}]}}

CONTEXTS:
{contexts}

ANSWER:
{answer}"""

_RELEVANCY_PROMPT = """Write {n} different questions that the following answer answers, in the answer's main language.
Reply with JSON only: {{"questions": ["...", "..."]}}

ANSWER:
{answer}"""


def judge_configured(settings: Settings) -> bool:
    return bool(settings.llm_base_url and settings.llm_model)


def _json_object(text: str) -> dict | None:
    match = re.search(r"\{.*\}", text, re.DOTALL)
    if not match:
        return None
    try:
        obj = json.loads(match.group(0))
    except json.JSONDecodeError:
        return None
    return obj if isinstance(obj, dict) else None


class LLMJudge:
    """Faithfulness and answer relevancy of one answer, judged by the configured LLM."""

    def __init__(self, settings: Settings, n_questions: int = 3):
        from langchain_openai import ChatOpenAI
        from pydantic import SecretStr

        from knowledge.embedders import get_embedder

        self.llm = ChatOpenAI(
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            api_key=SecretStr(settings.llm_api_key or "not-needed"),
            temperature=0,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
        )
        self.embedder = get_embedder(settings.embedder)
        self.n_questions = n_questions

    def _ask(self, prompt: str) -> dict | None:
        return _json_object(str(self.llm.invoke(prompt).content))

    def faithfulness(self, answer_text: str, contexts: list[str]) -> float | None:
        ctx = "\n\n".join(f"[{i}] {c}" for i, c in enumerate(contexts, 1))
        obj = self._ask(_FAITHFULNESS_PROMPT.format(contexts=ctx, answer=answer_text))
        claims = obj.get("claims") if obj else None
        if not isinstance(claims, list) or not claims:
            return None
        return sum(1 for c in claims if isinstance(c, dict) and c.get("supported") is True) / len(claims)

    def relevancy(self, question: str, answer_text: str) -> float | None:
        obj = self._ask(_RELEVANCY_PROMPT.format(n=self.n_questions, answer=answer_text))
        qs = [q for q in (obj or {}).get("questions", []) if isinstance(q, str) and q.strip()]
        if not qs:
            return None
        target = self.embedder.embed_query(question)
        vecs = self.embedder.embed_documents(qs)
        return float(np.mean(vecs @ target))


def judge_records(records: list[dict], settings: Settings, progress: bool = True) -> dict:
    """Add `judge` to each answered, non-refused, answerable record; return the summary part."""
    if not judge_configured(settings):
        return {"skipped": "no LLM configured (set XQA_LLM_BASE_URL and XQA_LLM_MODEL)"}
    judge = LLMJudge(settings)
    errors = 0
    targets = [r for r in records if r.get("answer") and r["answerable"] and not r["refused"]]
    for r in tqdm(targets, desc="judge", unit="case", disable=not progress):
        a = r["answer"]
        try:
            r["judge"] = {
                "faithfulness": judge.faithfulness(a["answer"], [c["text"] for c in a["contexts"]]),
                "relevancy": judge.relevancy(r["question"], a["answer"]),
            }
        except openai.OpenAIError as exc:  # an unreachable or failing judge is recorded, not fatal
            errors += 1
            r["judge"] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    judged = [r["judge"] for r in targets if "error" not in r["judge"]]

    def means(rows):
        return {
            "faithfulness": m.mean(j["faithfulness"] for j in rows),
            "relevancy": m.mean(j["relevancy"] for j in rows),
            "n": len(rows),
        }

    by_lang = {
        lg: means([r["judge"] for r in targets if r["lang"] == lg and "error" not in r["judge"]])
        for lg in sorted({r["lang"] for r in targets})
    }
    return {"model": settings.llm_model, "overall": means(judged), "by_lang": by_lang, "errors": errors}
