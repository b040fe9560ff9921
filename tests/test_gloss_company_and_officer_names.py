"""Names in a quoted sentence are shown as names, not translated word by word (`assistant.gloss.proper_names`): a
company's own name before its legal form, where an officer of it is named ("millet science and technology" was
小米科技; a blind reader, 2026-12-07), and a person named after their post whatever their surname ("expect humane
glory" was 虞仁荣). Sentences written for these tests, names invented where the dictionary cannot know them."""

from __future__ import annotations

import pytest
from gloss_support import glosser_over

from assistant.gloss import SentenceGloss, proper_names

TEXTS = [
    "座谈会上，小米科技有限责任公司董事长雷军、华为技术有限公司首席执行官任正非先后发言。",
    "上海韦尔半导体股份有限公司董事长虞仁荣介绍了企业创新的做法。",
    "要鼓励组建大公司大集团，规范公司治理。",
]


@pytest.fixture(scope="module")
def glosser() -> SentenceGloss:
    return glosser_over(TEXTS)


def test_a_companys_own_name_is_a_name(glosser):
    gloss = glosser.gloss(TEXTS[0])
    assert "Xiaomi" in gloss and "millet" not in gloss, gloss
    # the dictionary's own name for a company is used (华为 "Huawei (brand)")
    assert "Huawei" in gloss and "splendid" not in gloss, gloss
    assert "Lei Jun" in gloss and "Ren Zhengfei" in gloss, gloss


def test_a_person_after_a_post_is_romanised_whatever_the_surname(glosser):
    gloss = glosser.gloss(TEXTS[1])
    assert "Yu Renrong" in gloss and "humane" not in gloss, gloss
    # the place a company is in stays a place, its own name after it is the name
    assert "Shanghai" in gloss and "Weier" in gloss, gloss


def test_company_as_a_common_noun_names_nobody():
    # no officer follows: 公司 and 集团 are words here, nothing is a name
    assert proper_names(TEXTS[2]) == []
