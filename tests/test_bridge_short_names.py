"""A place's one-syllable short name in the dictionary ("Xi" for 隰县) is no sense an English question means."""

from __future__ import annotations


def test_a_surname_maps_to_no_county_whose_short_name_it_spells():
    """Once an added text named 隰县 (CC-CEDICT: "Xi county in Linfen", "Xi"), "Xi's speech" asked for the county and
    English questions about a leader's speech were refused, its entity missing from every quote."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from knowledge.zh_en import IndexLexicon

    bridge = Bridge(Glossary.load(), IndexLexicon.build(["山西省隰县发展农业。", "新疆棉花产量增长。"]))
    assert not any("隰县" in terms for _, _, terms in bridge.spans("What did Xi say in his speech?"))
    # a place's whole name stays a sense: "Xinjiang" is 新疆
    assert any("新疆" in terms for _, _, terms in bridge.spans("How much cotton did Xinjiang grow?"))
