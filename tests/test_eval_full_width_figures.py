"""A text typed on an older input method writes its figures full width (１９８７年, ７．３％); the index holds them
in ASCII (`knowledge.cleaning.ascii_alphanumerics`). A case copied from such a text must still find its gold
section, and its key points and evidence must match an answer quoting the index."""

from eval.dataset import parse_case, resolve_case
from eval.metrics import citation_holds_evidence, keypoint_recall

_SECTIONS = {
    "old-report": {
        "p1": ("一、过去一年的工作", "去年钢产量达到5205万吨，增长8.5%。"),
        "p2": ("二、今年的任务", "要集中力量办两件大事。"),
    }
}


def _case(**over):
    obj = {
        "id": "fw-1",
        "lang": "zh",
        "question": "去年钢产量是多少？",
        "history": [],
        "answerable": True,
        "gold": {"doc_id": "old-report"},
        "evidence": ["钢产量达到５２０５万吨"],
        "reference_answer": "５２０５万吨",
        "key_points": [["５２０５万吨"], ["８．５％"]],
        "category": "number",
    }
    return parse_case(obj | over)


def test_a_full_width_evidence_phrase_finds_its_section_and_sentence():
    case = resolve_case(_case(), _SECTIONS)
    assert case.section_ids == ["p1"]
    assert case.answer_spans == ["去年钢产量达到5205万吨，增长8.5%。"]


def test_full_width_key_points_and_evidence_match_an_answer_quoting_the_index():
    case = resolve_case(_case(), _SECTIONS)
    assert keypoint_recall("去年钢产量5205万吨，增长8.5%[1]。", case.key_points) == 1.0
    answer = {"citations": [{"chunk_id": "c1", "quote": "去年钢产量达到5205万吨，增长8.5%。"}], "contexts": []}
    assert citation_holds_evidence(answer, case.evidence)
    # and an answer that writes its figures full width (an LLM's) matches ASCII key points
    assert keypoint_recall("钢产量５２０５万吨，增长８．５％", [["5205万吨"], ["8.5%"]]) == 1.0
