"""A year written before a title in title marks dates it: "按照2031年的《政府工作报告》" means that year's report, as
"2031年政府工作报告" does. The mark stood between the year and the name, so the year dated nothing and the question
named every work report (18 development questions so written, found on the forty-second batch's 1987 report). Titles
invented for these tests."""

from __future__ import annotations

import pytest
from mention_support import bridged_matcher

from knowledge.models import DocumentMeta

REPORTS = [
    DocumentMeta(doc_id=f"report-{y}", title=f"{y}年中华人民共和国国务院政府工作报告", date=f"{y}-03-05")
    for y in (2031, 2032)
]
OPINIONS = DocumentMeta(doc_id="opinions", title="关于加快海洋经济发展的意见", date="2031-06-01")


@pytest.mark.parametrize(
    "question",
    [
        "按照2031年的《政府工作报告》，去年的增长目标是多少？",
        "2031年《政府工作报告》提出了哪些任务？",
        "根据2031年的“政府工作报告”，重点工作有哪些？",
    ],
)
def test_the_year_before_the_marks_dates_the_report(question):
    found = bridged_matcher([*REPORTS, OPINIONS]).find(question)
    assert found.named == ["report-2031"], found
    assert ("report-2031", "2031") in found.editions


def test_a_year_before_a_named_title_is_its_edition():
    found = bridged_matcher([*REPORTS, OPINIONS]).find("2031年《关于加快海洋经济发展的意见》提出了什么目标？")
    assert found.named == ["opinions"]
    assert ("opinions", "2031") in found.editions
