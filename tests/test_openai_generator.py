"""The `openai` generator through the real langchain-openai client, over real HTTP, against
`ScriptedLLMServer` on loopback: good answers, bad citations, streaming, 429, timeouts, dead ports."""

from __future__ import annotations

import pytest

from assistant.answer import Answer
from assistant.pipeline import Assistant
from assistant.testing import Reply, ScriptedLLMServer, assert_contract, context_blocks, quoting_reply
from eval.load_test import free_port
from knowledge.errors import ConfigError, UserError

QUESTION = "我国算力发展存在哪些短板？"


@pytest.fixture
def llm():
    with ScriptedLLMServer() as server:
        yield server


def _assistant(shared_settings, built_index, base_url, **changes):
    settings = shared_settings.replace(
        llm_base_url=base_url,
        llm_model="scripted",
        llm_api_key="test-key",
        llm_timeout_s=changes.pop("timeout", 5.0),
        llm_max_retries=changes.pop("retries", 0),
        **changes,
    )
    return Assistant(settings, index=built_index, generator="openai")


def test_good_answer_is_checked_and_kept(shared_settings, built_index, llm):
    llm.push(Reply(quoting_reply(1, prefix="论文指出：")))
    answer = _assistant(shared_settings, built_index, llm.base_url).ask(QUESTION)
    assert answer.generator == "openai" and not answer.notes and not answer.refused
    assert answer.answer.startswith("论文指出：「") and answer.answer.endswith("」[1]")
    assert_contract(answer.to_dict())
    # what the model was shown: system rules first, numbered and labelled contexts, the question fenced
    request = llm.requests[-1]
    assert request.messages[0]["role"] == "system" and "<资料>" in request.messages[0]["content"]
    assert request.headers.get("authorization") == "Bearer test-key"
    blocks = context_blocks(request.body)
    assert sorted(blocks) == list(range(1, len(answer.contexts) + 1))
    assert blocks[1] == answer.contexts[0].text
    assert f"<问题>\n{QUESTION}\n</问题>" in request.messages[1]["content"]
    assert "三（八）加速构筑算力竞争优势" in request.messages[1]["content"]


def test_english_prompt_for_english_question(shared_settings, built_index, llm):
    llm.push(Reply(quoting_reply(1, prefix="The paper describes it: ")))
    answer = _assistant(shared_settings, built_index, llm.base_url).ask("What is the East Data West Computing project?")
    assert answer.generator == "openai" and answer.language == "en"
    user = llm.requests[-1].messages[1]["content"]
    assert "<documents>" in user and "III.8" in user


def test_bad_citations_fall_back_to_extractive_with_a_note(shared_settings, built_index, llm):
    llm.push(Reply("「我国算力已经全面领先世界。」[1] 芯片问题已经彻底解决[9]。"))
    answer = _assistant(shared_settings, built_index, llm.base_url).ask(QUESTION)
    assert answer.generator == "extractive"
    assert answer.notes and "引文核查" in answer.notes[0]
    # since contract 0.2.0 a note lives only in Answer.notes; the answer text must not repeat it
    assert answer.notes[0] not in answer.answer and "引文核查" not in answer.answer
    assert "全面领先世界" not in answer.answer
    assert_contract(answer.to_dict())


def test_unsupported_sentences_are_trimmed_with_a_note(shared_settings, built_index, llm):
    # cite the context that holds the quoted clause: with 11 documents it need not be context [1]
    def reply(body):
        n = next(i for i, text in context_blocks(body).items() if "当前我国算力发展势头良好" in text)
        return quoting_reply(n, suffix=f"\n「当前我国算力发展势头良好」[{n}]\n另外，作者还认为应当立即取消所有关税。")(
            body
        )

    llm.push(Reply(reply))
    answer = _assistant(shared_settings, built_index, llm.base_url).ask(QUESTION)
    assert answer.generator == "openai"
    assert "关税" not in answer.answer and "当前我国算力发展势头良好" in answer.answer
    assert any("删除" in n for n in answer.notes)
    assert_contract(answer.to_dict())


def test_streaming_yields_deltas_then_the_checked_answer(shared_settings, built_index, llm):
    llm.push(Reply(quoting_reply(1, prefix="论文指出："), chunk_chars=5))
    items = list(_assistant(shared_settings, built_index, llm.base_url).stream(QUESTION))
    final = items[-1]
    assert isinstance(final, Answer) and final.generator == "openai"
    deltas = items[:-1]
    assert len(deltas) > 3 and all(isinstance(d, str) for d in deltas)
    assert "".join(deltas) == final.answer
    assert llm.requests[-1].body.get("stream") is True


def test_429_is_retried_with_backoff(shared_settings, built_index, llm):
    llm.push(Reply(status=429), Reply(quoting_reply(1)))
    answer = _assistant(shared_settings, built_index, llm.base_url, retries=2).ask(QUESTION)
    assert answer.generator == "openai" and not answer.notes
    assert len(llm.requests) == 2


def test_5xx_after_all_retries_gives_extractive_answer(shared_settings, built_index, llm):
    llm.push(Reply(status=503), Reply(status=503))
    answer = _assistant(shared_settings, built_index, llm.base_url, retries=1).ask(QUESTION)
    assert answer.generator == "extractive" and "503" in answer.notes[0]
    assert len(llm.requests) == 2
    assert_contract(answer.to_dict())


def test_timeout_gives_extractive_answer_with_note(shared_settings, built_index, llm):
    llm.push(Reply(quoting_reply(1), delay=3.0))
    answer = _assistant(shared_settings, built_index, llm.base_url, timeout=0.5).ask(QUESTION)
    assert answer.generator == "extractive"
    assert "0.5" in answer.notes[0] and "不可用" in answer.notes[0]
    assert "shi-xu-2024:3.8" in {f"{c.doc_id}:{c.section_id}" for c in answer.citations}


def test_dead_port_gives_extractive_answer_with_note(shared_settings, built_index):
    port = free_port()
    # nothing listens on `port` any more
    answer = _assistant(shared_settings, built_index, f"http://127.0.0.1:{port}/v1").ask(
        "What is the East Data West Computing project?"
    )
    assert answer.generator == "extractive" and answer.language == "en"
    assert "cannot be reached" in answer.notes[0]
    # since contract 0.2.0 a note lives only in Answer.notes; the answer text must not repeat it
    assert answer.notes[0] not in answer.answer and "cannot be reached" not in answer.answer
    assert_contract(answer.to_dict())


def test_malformed_reply_gives_extractive_answer(shared_settings, built_index, llm):
    llm.push(Reply(raw_body="this is not json"))
    answer = _assistant(shared_settings, built_index, llm.base_url).ask(QUESTION)
    assert answer.generator == "extractive" and "malformed" in answer.notes[0]


def test_streaming_failure_falls_back_too(shared_settings, built_index, llm):
    llm.push(Reply(status=500))
    items = list(_assistant(shared_settings, built_index, llm.base_url).stream(QUESTION))
    final = items[-1]
    assert isinstance(final, Answer) and final.generator == "extractive" and final.notes


def test_follow_up_is_rewritten_by_the_llm(shared_settings, built_index, llm):
    llm.push(Reply("德国以新技术推动产业变革的战略是什么？"), Reply(quoting_reply(1)))
    history = [
        {"role": "user", "content": "世界主要国家是怎么推动新质生产力发展的？"},
        {"role": "assistant", "content": "论文介绍了美国、德国、日本的做法。"},
    ]
    answer = _assistant(shared_settings, built_index, llm.base_url).ask("其中德国的战略是什么？", history=history)
    assert answer.rewritten_query == "德国以新技术推动产业变革的战略是什么？"
    assert "其中德国的战略是什么？" in llm.requests[0].messages[1]["content"]
    assert "shi-xu-2024:1.5" in {f"{c.doc_id}:{c.section_id}" for c in answer.contexts[:3]}


def test_openai_generator_needs_an_endpoint(shared_settings, built_index):
    with pytest.raises(ConfigError, match="XQA_LLM_BASE_URL"):
        Assistant(shared_settings, index=built_index, generator="openai")


def test_llama_cpp_without_the_package_is_a_clear_user_error(shared_settings, built_index):
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        with pytest.raises(UserError, match="llama-cpp-python"):
            Assistant(shared_settings.replace(gguf_path="/nonexistent.gguf"), index=built_index, generator="llama-cpp")
    else:
        with pytest.raises(ConfigError):
            Assistant(shared_settings.replace(gguf_path="/nonexistent.gguf"), index=built_index, generator="llama-cpp")
