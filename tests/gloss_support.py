"""A sentence glosser over some texts, built as an index builds it: the glossary and a bridge over the texts' words."""

from __future__ import annotations


def glosser_over(texts, glossary=None):
    """`SentenceGloss` with `glossary` (default: the shipped one) and a bridge over the words of `texts`."""
    from assistant.bridge import Bridge
    from assistant.gloss import SentenceGloss
    from assistant.glossary import Glossary
    from knowledge.zh_en import IndexLexicon

    glossary = glossary or Glossary.load()
    return SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build(list(texts))))
