"""Sentence splitting keeps text verbatim: pieces are exact substrings in order."""

import pytest

from knowledge.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        (
            "提出，“发展真正顶用管用的东西。”［2］张方洲［3］对此作出界定。",
            ["提出，“发展真正顶用管用的东西。”［2］", "张方洲［3］对此作出界定。"],
        ),
        ("要建立体系；要完善机制。", ["要建立体系；", "要完善机制。"]),
        (
            "The U.S. economy grew 5.2% in 2023. It is e.g. fine. Next one",
            ["The U.S. economy grew 5.2% in 2023.", "It is e.g. fine.", "Next one"],
        ),
        ("   ", []),
    ],
)
def test_split(text, expected):
    assert split_sentences(text) == expected


def test_spans_are_verbatim_and_cover_all_non_space_text():
    text = "数据量规模将从2022年的23.88ZB增长至2027年的76.6ZB。 年均增长速度CAGR达到26.3%，为全球第一。尾巴"
    spans = list(sentence_spans(text))
    assert "".join(text[a:b] for a, b in spans) == text.replace(" ", "")
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)
    assert [text[a:b] for a, b in spans][0].endswith("76.6ZB。")
