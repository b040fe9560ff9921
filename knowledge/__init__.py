"""Knowledge base: load → clean → find structure → chunk → embed → store (Chroma + BM25)."""
