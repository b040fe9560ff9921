"""Lines of names (communiqués' name lists) and the short names questions use for their headings."""

from __future__ import annotations

import pytest

from assistant.answer_types import LIST, PERSON, lists_names, sentence_has
from assistant.textmatch import written_out


@pytest.mark.parametrize(
    ("line", "alone", "listed"),
    [
        ("习近平　李强　赵乐际　王沪宁", False, True),
        ("副主席　张又侠　何卫东", False, True),
        ("书　记　李希", False, True),
        ("王晓萍（女）　李欣然（满族）　肖培", False, True),
        ("习近平", False, False),  # one name alone: a signature or a caption, unless it is all its section holds
        ("习近平", True, True),
        ("国务院", False, False),
        ("全会由中央政治局主持。", False, False),
        ("名单如下：", True, False),
        ("常务委员会委员（按姓氏笔画为序排列）", False, False),
        ("加快建设 全国统一大市场", False, False),
    ],
)
def test_a_line_of_names_and_nothing_else(line, alone, listed):
    assert lists_names(line, alone=alone) is listed


def test_a_line_of_names_offers_people_and_a_list():
    assert sentence_has(PERSON, "蔡奇　石泰峰　李干杰")
    assert sentence_has(LIST, "蔡奇　石泰峰　李干杰")


def test_a_short_name_written_out_in_a_heading():
    """常委 is 常务委员会委员 said short, 纪委 is 纪律检查委员会; adjacent characters are the plain feature, not this."""
    heading = "二、中央政治局常务委员会委员"
    assert written_out({"常委", "政治", "书记"}, heading) == {"常委"}
    assert written_out({"纪委", "中纪"}, "六、中央纪律检查委员会书记") == {"纪委", "中纪"}
    assert written_out({"常委"}, "常务工作会议委员") == set()  # more than `CONTRACTED_GAP` characters between
