"""The optional LLM judge over real HTTP (ScriptedLLMServer + langchain-openai), and its clean skip."""

from __future__ import annotations

import json

from assistant.testing import Reply, ScriptedLLMServer
from eval.judge import judge_records


def _record(question: str, lang: str = "en", refused: bool = False) -> dict:
    answer = {
        "answer": "GDP growth target is around 5% [1]. The deficit ratio is 3% [2].",
        "refused": refused,
        "contexts": [{"text": "国内生产总值增长5%左右"}, {"text": "赤字率拟按3%安排"}],
    }
    return {"id": "x", "lang": lang, "question": question, "answerable": True, "refused": refused, "answer": answer}


def _scripted(request: dict) -> str:
    prompt = request["messages"][-1]["content"]
    if "atomic factual claims" in prompt:
        return json.dumps(
            {
                "claims": [
                    {"claim": "growth target around 5%", "supported": True},
                    {"claim": "deficit ratio 3%", "supported": True},
                    {"claim": "inflation 2%", "supported": False},
                ]
            }
        )
    return "Sure:\n" + json.dumps({"questions": ["What is China's GDP growth target for 2024?"] * 3})


def test_judge_scores_over_real_http(settings):
    with ScriptedLLMServer(default=Reply(_scripted)) as llm:
        s = settings.replace(llm_base_url=llm.base_url, llm_model="scripted", llm_api_key="k")
        recs = [
            _record("What is China's GDP growth target for 2024?"),
            _record("Who won the 2022 FIFA World Cup?"),
            _record("ignored", refused=True),
        ]
        out = judge_records(recs, s, progress=False)
        assert len(llm.requests) == 4  # two calls per judged case, none for the refusal
    assert out["errors"] == 0 and out["overall"]["n"] == 2
    assert recs[0]["judge"]["faithfulness"] == 2 / 3
    # same question back → near 1; an unrelated question scores clearly lower (real USE embedder)
    assert recs[0]["judge"]["relevancy"] > 0.95
    assert recs[1]["judge"]["relevancy"] < recs[0]["judge"]["relevancy"] - 0.3
    assert "judge" not in recs[2]


def test_judge_failures_are_recorded_not_fatal(settings):
    with ScriptedLLMServer(default=Reply(status=500)) as llm:
        s = settings.replace(llm_base_url=llm.base_url, llm_model="scripted", llm_api_key="k", llm_max_retries=0)
        recs = [_record("What is the growth target?")]
        out = judge_records(recs, s, progress=False)
    assert out["errors"] == 1 and "error" in recs[0]["judge"] and out["overall"]["n"] == 0


def test_judge_is_skipped_without_an_llm(settings):
    out = judge_records([_record("q")], settings, progress=False)
    assert "skipped" in out
