"""BM25 over the same chunks as the vector store, for exact terms embeddings blur.

Numbers (76.6ZB, 4.0, 5G), coined terms (东数西算, 新质生产力) and names are where a
dense model is weakest and a keyword match is strongest. Chinese is segmented with
jieba in search mode (a compound is kept whole *and* its dictionary sub-words are
emitted, so 生产力 finds 新质生产力); ASCII runs are split by a regex first so numbers
with units stay one token; English words are lowercased, plurals folded and stop words
dropped.

The index is small (a few hundred chunks) and cheap to build, so it is derived data:
saved under `<index_dir>/keyword/<generation>/` and rebuilt from the chunks whenever
that directory is missing (first open on a new machine against a Chroma server, a
crash between the store update and the save, or a deleted cache).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import unicodedata
from pathlib import Path

import numpy as np

from knowledge.text import EN_FUNCTION_WORDS, singular

#: Terms of this corpus that jieba would otherwise cut apart (or not know).
KEY_TERMS = (
    "新质生产力", "生产力", "新质", "东数西算", "数据要素", "卡脖子", "算力", "算力基础设施", "智能算力",
    "人工智能", "数字经济", "数字中国", "实体经济", "战略性新兴产业", "未来产业", "新兴产业", "传统产业",
    "现代化产业体系", "全要素生产率", "高质量发展", "新型举国体制", "两弹一星", "科技自立自强",
    "新型工业化", "颠覆性技术", "前沿技术", "关键核心技术", "产业链", "供应链", "创新链", "人才链",
    "新型基础设施", "数据中心", "大数据", "云计算", "区块链", "工业互联网", "专精特新", "绿色低碳",
    "碳达峰", "碳中和", "营商环境", "内需", "扩大内需", "高水平对外开放", "生产关系", "劳动者",
    "劳动资料", "劳动对象", "科技创新", "原始创新", "集成电路", "芯片", "大模型", "类脑智能",
    "量子信息", "生物制造", "商业航天", "低空经济", "新能源汽车", "一带一路",
    "中国式现代化", "共同富裕", "乡村振兴", "城镇化", "专项债", "超长期特别国债",
)

_ZH_STOP = frozenset(
    "的 了 和 与 及 是 在 对 将 把 被 也 都 而 又 并 或 等 之 其 为 以 于 中 上 下 这 那 个 些 着 从 向 "
    "吗 呢 吧 啊 什么 哪些 怎么 怎样 如何 为什么 哪 有 有何 是否 我们 我国 一个".split()
)

_ASCII_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%'’+\-]*")
_ASCII_TOKEN = re.compile(r"\d+(?:\.\d+)*[A-Za-z%]*|[A-Za-z]+(?:['’][A-Za-z]+)?")

_jieba = None
_jieba_lock = threading.Lock()


def _segmenter():
    """A private jieba Tokenizer with our terms, initialised once, quietly."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                for term in KEY_TERMS:
                    tk.add_word(term, freq=200_000)
                _jieba = tk
    return _jieba


def segment(text: str) -> list[str]:
    """jieba words of a text (accurate mode, the same dictionary as the index), spaces dropped."""
    return [w for w in _segmenter().lcut(unicodedata.normalize("NFKC", text)) if w.strip()]


def _keep_zh(token: str) -> bool:
    return token not in _ZH_STOP and any(ch.isalnum() for ch in token)


def tokenize(text: str) -> list[str]:
    """jieba (search mode) tokens for Chinese, lowercased words and whole numbers for ASCII."""
    text = unicodedata.normalize("NFKC", text)
    seg = _segmenter()
    out: list[str] = []
    pos = 0
    for m in _ASCII_RUN.finditer(text):
        if m.start() > pos:
            out.extend(t for t in seg.cut_for_search(text[pos : m.start()]) if _keep_zh(t))
        for tok in _ASCII_TOKEN.findall(m.group()):
            if tok.lower() not in EN_FUNCTION_WORDS:
                out.append(singular(tok))  # lowercased; an acronym's plural (GPUs) folds too
        pos = m.end()
    if pos < len(text):
        out.extend(t for t in seg.cut_for_search(text[pos:]) if _keep_zh(t))
    return out


def _bm25s():
    """bm25s, with its logger (which it sets to DEBUG itself) brought back to our level."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.NOTSET)
    return bm25s


class KeywordIndex:
    """BM25 (bm25s) over chunk search texts; results are (chunk_id, score), best first."""

    def __init__(self, ids: list[str], retriever):
        self.ids = ids
        self._retriever = retriever
        self._row = {cid: i for i, cid in enumerate(ids)}

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> "KeywordIndex":
        bm25s = _bm25s()

        retriever = bm25s.BM25()
        if ids:
            retriever.index([tokenize(t) or [""] for t in texts], show_progress=False)
        return cls(list(ids), retriever)

    def save(self, directory: Path) -> None:
        """Write to a temp dir then rename, so a reader never sees half an index."""
        directory = Path(directory)
        tmp = directory.with_name(directory.name + f".tmp-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.ids:
            self._retriever.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        os.replace(tmp, directory)

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex | None":
        """The saved index, or None if it is missing or unreadable (the caller rebuilds)."""
        bm25s = _bm25s()

        directory = Path(directory)
        try:
            ids = json.loads((directory / "ids.json").read_text(encoding="utf-8"))
            retriever = bm25s.BM25.load(str(directory), show_progress=False) if ids else bm25s.BM25()
        except (OSError, ValueError, KeyError):
            return None
        return cls(ids, retriever)

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        if not self.ids or k <= 0:
            return []
        token_ids = self._retriever.get_tokens_ids(tokenize(query))
        if not token_ids:
            return []
        scores = np.asarray(self._retriever.get_scores(token_ids), dtype=np.float32)
        if allowed is not None:
            mask = np.fromiter((cid in allowed for cid in self.ids), dtype=bool, count=len(self.ids))
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
