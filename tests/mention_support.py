"""A document-name matcher over invented texts, built as an index builds it: with the dictionary's glosses of their
titles and a bridge (glossary and dictionary) over their words."""

from __future__ import annotations

from knowledge.aliases import document_aliases


def bridged_matcher(metas, with_senses: bool = False):
    """`with_senses`: the matcher also reads the dictionary senses of the names' words, as the index's does; a meta's
    own aliases (those the pipeline found in its text) come first, as the index keeps them."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    lexicon = IndexLexicon.build([m.title for m in metas])
    names = [
        document_names(
            m.doc_id,
            m.title,
            m.title_en,
            m.kind,
            m.date,
            document_aliases(m, m.aliases),
            gloss=lexicon.dictionary.gloss,
        )
        for m in metas
    ]
    senses = lexicon.dictionary.plain_senses if with_senses else None
    return DocumentMentions(names, bridge_spans=Bridge(Glossary.load(), lexicon).spans, senses=senses)
