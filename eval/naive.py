"""The naive RAG baseline the issues compare against.

LangChain's `RecursiveCharacterTextSplitter` (500 characters, 100 overlap) over the
cleaned documents, embedded with the *same* embedder as the real index, searched by
dense similarity only, in a throwaway in-memory Chroma collection (langchain-chroma).
No sections, no BM25, no glossary, no history: what a tutorial pipeline does. Each
naive chunk is attributed to the section owning most of its characters, so it is
scored against the same gold sections as the real retriever.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right

import chromadb
from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter

from knowledge.cleaning import clean_text
from knowledge.embedders import Embedder, LangChainEmbeddings
from knowledge.models import DocumentMeta
from knowledge.structure import parse_structure

CHUNK_CHARS = 500
OVERLAP_CHARS = 100


def _owner(spans: list[tuple[int, int, str]], starts: list[int], a: int, b: int) -> str:
    """Section id owning most characters of [a, b) (spans sorted by start)."""
    best, best_len = "", 0
    i = max(0, bisect_right(starts, a) - 1)
    while i < len(spans) and spans[i][0] < b:
        s, e, sec = spans[i]
        overlap = min(e, b) - max(s, a)
        if overlap > best_len:
            best, best_len = sec, overlap
        i += 1
    return best


class NaiveBaseline:
    """Splitter 500/100 + dense-only search over a temporary Chroma collection."""

    def __init__(self, embedder: Embedder, documents: list[tuple[DocumentMeta, str]]):
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_CHARS, chunk_overlap=OVERLAP_CHARS, add_start_index=True
        )
        docs = []
        for meta, raw in documents:
            text = clean_text(raw)
            st = parse_structure(text, meta)
            spans = sorted(
                (off, off + len(p), s.section_id)
                for s in st.sections
                for off, p in zip(s.paragraph_offsets, s.paragraphs)
            )
            starts = [s for s, _, _ in spans]
            for d in splitter.create_documents([text], metadatas=[{"doc_id": meta.doc_id}]):
                a = d.metadata["start_index"]
                d.metadata["section_id"] = _owner(spans, starts, a, a + len(d.page_content)) or "?"
                docs.append(d)
        self.chunk_count = len(docs)
        self._client = chromadb.EphemeralClient()
        self._name = f"naive-baseline-{uuid.uuid4().hex[:12]}"
        self.store = Chroma(
            collection_name=self._name,
            embedding_function=LangChainEmbeddings(embedder),
            client=self._client,
            collection_metadata={"hnsw:space": "cosine"},
        )
        self.store.add_documents(docs)

    def search(self, query: str, k: int = 10) -> list[tuple[str, str]]:
        """Ranked (doc_id, section_id) of the k nearest naive chunks."""
        hits = self.store.similarity_search(query, k=k)
        return [(h.metadata["doc_id"], h.metadata["section_id"]) for h in hits]

    def close(self) -> None:
        self._client.delete_collection(self._name)
