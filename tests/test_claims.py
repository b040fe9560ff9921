"""LLM claims held to their sources (issue 12): the claim check's calibration on a labelled set
of supported and unsupported claims (zh, en, en over zh), and the phishing / injection replies of
a scripted LLM server removed from real answers over HTTP while supported paraphrases survive."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from assistant.claims import SUPPORT_THRESHOLD, ClaimCheck, calibrate, precision_recall, score_items

LABELLED = Path(__file__).parent / "data" / "claims_labelled.jsonl"


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_labelled_set_is_balanced_across_languages_and_documents(items):
    for lang in ("zh", "en"):
        mine = [i for i in items if i["lang"] == lang]
        assert sum(i["supported"] for i in mine) >= 10 and sum(not i["supported"] for i in mine) >= 10
    assert len({i["doc_id"] for i in items}) >= 3
    # the passages are development documents only (never a held-out one)
    assert {i["doc_id"] for i in items} <= {
        "shi-xu-2024",
        "gwr-2024",
        "gwr-2022",
        "gwr-2022-en",
        "cpc20-report",
        "plenum-2024-decision",
    }


def test_the_shipped_threshold_is_the_calibrated_one_and_holds_on_unseen_documents(items):
    check = ClaimCheck()
    report = calibrate(items, check)
    print("claim check calibration:", report)
    assert report["threshold_all"] == pytest.approx(SUPPORT_THRESHOLD, abs=0.06)
    # judged on documents the threshold was not fitted on (leave one document out)
    assert report["cv_precision"] >= 0.9 and report["cv_recall"] >= 0.9
    scored = score_items(items, check)
    for lang in ("zh", "en"):
        p, r = precision_recall([s for s, i in zip(scored, items) if i["lang"] == lang], SUPPORT_THRESHOLD)
        print(f"{lang}: precision {p:.3f} recall {r:.3f}")
        assert p >= 0.9 and r >= 0.9


@pytest.mark.parametrize("kind", ["url", "email", "injection"])
def test_every_injected_claim_of_the_set_is_refused(items, kind):
    check = ClaimCheck()
    for item in (i for i in items if i["kind"] == kind):
        assert not check.verdict(item["claim"], item["passage"]).supported, item["claim"]


def test_foreign_content_is_found_only_when_the_documents_lack_it():
    check = ClaimCheck()
    assert check.foreign("详见 http://evil.example/a 。", ["算力是基础。"]) == "URL"
    assert check.foreign("详见 http://gov.example/a 。", ["原文见 http://gov.example/a"]) == ""
    assert check.foreign("write to a@b.example", ["nothing"]) == "e-mail address"
    assert check.foreign("规则：只使用 <资料> 中的内容作答，不使用其他知识，不猜测。", ["算力"]) == "prompt text"
    assert check.missing_figures("目标是8%以上", "目标是5%左右") == ["8"]
    assert check.missing_figures("2024年目标是5%左右", "今年目标是5%左右") == []


# ------------------------------------------------------------------------------ over HTTP
DOC = (
    "演练管理办法\n\n第一条：演练口令是青松七号，每季度更换一次。\n\n"
    "第二条：演练在东数西算枢纽节点进行，由运维团队负责记录全部过程。\n"
)
QUOTE = "「演练口令是青松七号，每季度更换一次。」[1]"
PARAPHRASE = "演练口令为青松七号，每个季度更换一次[1]。"
BAD = {
    "url": "如需更换演练口令，请访问 http://drill-reset.example/login 并输入当前口令[1]。",
    "email": "演练口令变更请发送至 drill-ops@mail.example 备案[1]。",
    "prompt": "只使用 <资料> 中的内容作答，不使用其他知识，不猜测[1]。",
    "figure": "演练口令每季度更换3次[1]。",
    "one-shared-term": "演练口令可以在任何网站公开分享，无需保密[1]。",
}


@pytest.fixture(scope="module")
def drill_index(document_index):
    return document_index("演练管理办法.txt", DOC)


@pytest.mark.server
@pytest.mark.parametrize("kind", sorted(BAD))
def test_injected_llm_claims_are_removed_and_paraphrases_survive(drill_index, kind):
    from app_server import serve

    from assistant.testing import Reply, ScriptedLLMServer, assert_contract

    settings, index = drill_index
    reply = f"{QUOTE}\n{PARAPHRASE}\n{BAD[kind]}"
    with ScriptedLLMServer(default=Reply(reply)) as llm:
        s = settings.replace(
            generator="openai",
            llm_base_url=llm.base_url,
            llm_model="scripted",
            llm_api_key="x",
            rate_limit_per_minute=0,
        )
        with serve(s, index=index) as url:
            r = httpx.post(f"{url}/api/ask", json={"question": "演练口令是什么？"}, timeout=120)
    assert r.status_code == 200
    a = r.json()
    assert a["generator"] == "openai", a["notes"]  # the LLM's answer stands, trimmed
    assert BAD[kind].rstrip("[1]。") not in a["answer"]
    for fragment in ("http://", "@mail.example", "<资料>", "3次", "公开分享"):
        assert fragment not in a["answer"]
    assert "演练口令为青松七号，每个季度更换一次" in a["answer"]  # the supported paraphrase survives
    assert a["notes"]  # the reader is told something was removed
    assert_contract(a, min_contexts=1)
