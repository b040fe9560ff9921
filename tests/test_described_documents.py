"""A question that describes a text without naming it: its date and its occasion in other words (assistant.described).

Invented texts only, on a real index with the real embedder."""

from __future__ import annotations

import pytest

from assistant.described import asked_month, dated_as_asked, described_document
from knowledge.settings import Settings

YOUTH = """庆祝北岭青年联合会成立100周年大会在京隆重举行 王某某发表重要讲话
央视网消息（新闻联播）：庆祝北岭青年联合会成立100周年大会1日上午在人民大会堂隆重举行。王某某出席大会并发表重要讲话。
王某某强调，新时代的北岭青年要立大志、明大德、成大才、担大任，在建设家乡的奋斗中书写青春篇章。
王某某指出，青年联合会要把握为党育人的根本任务，团结带领青年投身乡村振兴和科技创新。
大会在雄壮的国歌声中开始，约3000人参加大会。
"""
POLITBURO = """中共中央政治局召开会议 分析研究当前经济形势和经济工作
央视网消息（新闻联播）：中共中央政治局7月28日召开会议，分析研究当前经济形势，部署下半年经济工作。
会议认为，今年以来经济运行总体平稳，就业和物价基本稳定。
会议强调，要扩大国内需求，稳定房地产市场，防范化解地方债务风险。
"""
HARBOUR = """全国港口航运工作会议在京召开
央视网消息（新闻联播）：全国港口航运工作会议7月15日在京召开。
会议强调，要加快建设世界一流港口，提升航运服务能力，推动港口绿色低碳转型。
会议要求，各地要抓好港口安全生产，确保航道畅通。
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from knowledge.index import KnowledgeIndex

    root = tmp_path_factory.mktemp("described")
    paths = []
    for name, text in (("youth-2031-07.txt", YOUTH), ("pb-2031-07.txt", POLITBURO), ("harbour-2031-07.txt", HARBOUR)):
        (root / name).write_text(text, encoding="utf-8")
        paths.append(root / name)
    settings = Settings.load(env={"XQA_DATA_DIR": str(root / "data")})
    index = KnowledgeIndex.open(settings)
    assert index.add(paths, progress=False).ok
    return index


def test_the_month_a_question_gives_with_its_year():
    assert asked_month("What did he say at the 1 July 2031 ceremony?", "2031") == 7
    assert asked_month("What did he say on July 1, 2031?", "2031") == 7
    assert asked_month("2031年7月的大会提出了什么？", "2031") == 7
    # (a month said with another year, or none, says nothing of this one)
    assert asked_month("Since March 2030, what has changed by 2031?", "2031") == 0
    assert asked_month("What did the 2031 ceremony decide?", "2031") == 0


def test_documents_dated_as_the_question_dates():
    assert dated_as_asked("2031-07", "2031", 7)
    assert dated_as_asked("2031", "2031", 7)  # a text dated by its year alone may be of any month
    assert not dated_as_asked("2031-08-01", "2031", 7)
    assert not dated_as_asked("2030-07", "2031", 0)
    assert dated_as_asked("", "", 0)


def test_a_ceremony_described_in_english_is_found_by_its_headline(index):
    """None of the three July 2031 texts is named in the question; the ceremony marking the federation's centenary is
    described, and its headline is the one the question is nearest to."""
    question = (
        "What did Wang say young people should do, at the July 2031 ceremony marking the youth federation's centenary?"
    )
    assert described_document(index, question, ["2031"], 0.07) == "youth-2031-07"
    # (a month no text is dated: none competes)
    assert described_document(index, question.replace("July", "March"), ["2031"], 0.07) == ""
    # (a question about a thing of that year, not an occasion: the year is what it asks about, not its text's date)
    assert described_document(index, "What did young people plan for July 2031?", ["2031"], 0.0) == ""
    # (a margin no title reaches: none counts)
    assert described_document(index, question, ["2031"], 1.0) == ""


def test_one_text_dated_as_asked_is_no_description(tmp_path):
    """Where one text alone is of the year asked, its date says it: the description adds nothing, and a question about
    that year is often answered by the next year's review ("2023年政府主要做了哪些工作？", a slow-tier test)."""
    from knowledge.index import KnowledgeIndex

    (tmp_path / "youth-2031-07.txt").write_text(YOUTH, encoding="utf-8")
    (tmp_path / "harbour-2032-07.txt").write_text(HARBOUR, encoding="utf-8")
    settings = Settings.load(env={"XQA_DATA_DIR": str(tmp_path / "data")})
    index = KnowledgeIndex.open(settings)
    assert index.add([tmp_path / "youth-2031-07.txt", tmp_path / "harbour-2032-07.txt"], progress=False).ok
    question = "What did Wang say at the July 2031 ceremony marking the youth federation's centenary?"
    assert described_document(index, question, ["2031"], 0.0) == ""
    assert described_document(index, question, [], 0.0) == "youth-2031-07"


def test_retrieval_raises_the_described_document(index):
    from assistant.retrieval import HybridRetriever

    retriever = HybridRetriever(index=index, k=3)
    question = (
        "What did Wang say young people should do, at the July 2031 ceremony marking the youth federation's centenary?"
    )
    cands = retriever.candidates(question)
    assert cands.described == "youth-2031-07"
    assert cands.mentions.named == []  # a description is no name: it stays in the query
    assert retriever.rank(cands).hits[0].chunk.doc_id == "youth-2031-07"
