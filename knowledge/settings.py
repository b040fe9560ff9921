"""The one typed settings object.

Precedence: built-in defaults < config file (TOML) < environment (`XQA_<FIELD>`) <
explicit overrides passed by code or command-line flags. The config file is
`$XQA_CONFIG` if set, else `<data_dir>/config.toml` if it exists. Unknown keys,
in the file or as `XQA_*` variables, are refused with the list of valid ones, so a
typo never silently falls back to a default.

Nothing reads the environment at import time: callers build `Settings.load()` once
at the edge (CLI, app, tests) and pass it down.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from knowledge.errors import ConfigError

ENV_PREFIX = "XQA_"
#: env variables with the prefix that are not fields
_META_ENV = {"XQA_CONFIG"}


def _doc(text: str, **kw: Any) -> Any:
    return field(metadata={"doc": text}, **kw)


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "xinzhi-qa"


@dataclass(frozen=True)
class Settings:
    """Every knob of the product, documented; see README "Configuration"."""

    data_dir: Path = _doc("Where the index, feedback log and caches live.", default_factory=default_data_dir)
    log_level: str = _doc("Python logging level name.", default="WARNING")

    # knowledge base
    embedder: str = _doc(
        "Embedder id: `use-multilingual` (offline default) or `sentence-transformers:<model or path>`.",
        default="use-multilingual",
    )
    collection: str = _doc("Chroma collection name.", default="xinzhi")
    chroma_host: str = _doc("Chroma server host; empty means the embedded store under data_dir.", default="")
    chroma_port: int = _doc("Chroma server port.", default=8000)
    chroma_timeout_s: float = _doc(
        "Timeout of every request to a Chroma server, seconds (a hung server then fails fast).", default=10.0
    )
    corpus: str = _doc(
        "Bundled documents the index serves: `all`, or bundled ids separated by commas (ids as listed "
        "by `python -m knowledge list`; README shows the paper alone); `python -m knowledge build --docs ID…` sets it for one build.",
        default="all",
    )
    chunk_tokens: int = _doc("Target chunk size in cl100k tokens.", default=300)
    chunk_overlap_tokens: int = _doc("Overlap between consecutive chunks of a section, in tokens.", default=40)
    max_file_mb: float = _doc("Largest document `index add` accepts, in MB.", default=20.0)
    write_timeout_s: float = _doc(
        "How long a write (build, add) waits for another process's write to the same index to finish, seconds.",
        default=600.0,
    )

    # assistant
    generator: str = _doc(
        "Answer generator: `extractive` (offline default), `openai`, `llama-cpp`.", default="extractive"
    )
    top_k: int = _doc("How many contexts retrieval returns.", default=6)
    reranker: str = _doc("Optional sentence-transformers CrossEncoder model name or path; empty = none.", default="")
    max_question_chars: int = _doc("Longest question accepted.", default=2000)
    llm_base_url: str = _doc("OpenAI-compatible endpoint, e.g. https://api.deepseek.com/v1.", default="")
    llm_model: str = _doc("Model name on that endpoint.", default="")
    llm_api_key: str = _doc("API key for that endpoint (any string for local servers).", default="")
    llm_timeout_s: float = _doc("Per-request timeout for the LLM, seconds.", default=30.0)
    llm_max_retries: int = _doc("Retries with backoff on 429/5xx.", default=2)
    llm_temperature: float = _doc("Sampling temperature for the LLM.", default=0.1)
    gguf_path: str = _doc("Path to a local GGUF chat model for the `llama-cpp` generator.", default="")

    # app / API
    host: str = _doc("Where the app listens.", default="127.0.0.1")
    port: int = _doc("Port of the app.", default=7860)
    cors_origins: tuple[str, ...] = _doc(
        "Origins allowed to call /api (comma-separated in env); empty = same origin only.", default=()
    )
    rate_limit_per_minute: int = _doc(
        "Requests per client per minute that compute an answer or write (/api/ask, chat and /embed questions, "
        "feedback, the Gradio /ask endpoint), one budget across all of them; 0 turns the limit off.",
        default=60,
    )
    max_request_bytes: int = _doc("Largest accepted request body on any route (JSON API and Gradio).", default=64_000)
    max_history_messages: int = _doc("Most earlier messages (user + assistant) a question may carry.", default=20)
    max_history_message_chars: int = _doc("Longest earlier message a question may carry, characters.", default=4000)
    max_comment_chars: int = _doc("Longest feedback comment, characters.", default=2000)
    max_queue_size: int = _doc(
        "Most events waiting in each Gradio page's queue (beyond: 'busy, try again').", default=64
    )
    embed_frame_ancestors: tuple[str, ...] = _doc(
        "Origins allowed to frame /embed/ (comma-separated in env; `*` = any); every other page may only be framed "
        "by the app itself.",
        default=("*",),
    )
    gradio_monitoring: bool = _doc("Serve Gradio's /monitoring pages (public when on).", default=False)
    concurrency_limit: int = _doc("Answers computed at once, one cap shared by the UI, /embed and the API.", default=4)
    trusted_proxies: tuple[str, ...] = _doc(
        "Reverse-proxy addresses (IPs or CIDR, comma-separated in env; `*` = any) whose X-Forwarded-For names the "
        "client for the per-client rate limit; empty = the connecting address (behind an untrusted proxy: the proxy's).",
        default=("127.0.0.1", "::1"),
    )

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Settings:
        """Defaults < config file < env < overrides; unknown keys raise ConfigError."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        env_values = {
            k[len(ENV_PREFIX) :].lower(): v for k, v in env.items() if k.startswith(ENV_PREFIX) and k not in _META_ENV
        }
        _refuse_unknown(env_values, "environment variable", prefix=ENV_PREFIX)
        data_dir = Path(env_values.get("data_dir") or (overrides or {}).get("data_dir") or default_data_dir())
        config_path = env.get("XQA_CONFIG") or str(Path(data_dir) / "config.toml")
        if env.get("XQA_CONFIG") or Path(config_path).is_file():
            values.update(_read_config(Path(config_path)))
        values.update(env_values)
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        _refuse_unknown(values, "setting")
        return cls(**{k: _coerce(k, v) for k, v in values.items()})

    def replace(self, **changes: Any) -> Settings:
        _refuse_unknown(changes, "setting")
        return dataclasses.replace(self, **{k: _coerce(k, v) for k, v in changes.items()})

    # ---------------------------------------------------------------- derived paths
    @property
    def index_dir(self) -> Path:
        return Path(self.data_dir) / "index"

    @property
    def feedback_path(self) -> Path:
        return Path(self.data_dir) / "feedback.jsonl"

    def documented(self) -> list[tuple[str, str, Any]]:
        """(env name, doc, current value) for every field: feeds README and `--help`."""
        return [(ENV_PREFIX + f.name.upper(), f.metadata.get("doc", ""), getattr(self, f.name)) for f in fields(self)]

    def redacted(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        if out.get("llm_api_key"):
            out["llm_api_key"] = "***"
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in out.items()}


_FIELDS = {f.name: f for f in fields(Settings)}


def _refuse_unknown(values: Mapping[str, Any], what: str, prefix: str = "") -> None:
    unknown = sorted(set(values) - set(_FIELDS))
    if unknown:
        names = ", ".join(prefix + (u.upper() if prefix else u) for u in unknown)
        valid = ", ".join(prefix + (n.upper() if prefix else n) for n in _FIELDS)
        raise ConfigError(f"unknown {what}(s): {names}. Valid: {valid}")


def _read_config(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist (XQA_CONFIG)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    # allow an optional [xinzhi-qa] table or top-level keys
    return dict(data.get("xinzhi-qa", data))


def _coerce(name: str, value: Any) -> Any:
    """Turn env strings (and TOML values) into the field's type, with a clear error."""
    default = Settings.__dataclass_fields__[name]
    kind = default.type if isinstance(default.type, str) else getattr(default.type, "__name__", str(default.type))
    try:
        if kind == "Path":
            return Path(os.path.expanduser(str(value)))
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).strip().lower() in {"1", "true", "yes", "on"}:
                return True
            if str(value).strip().lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        if kind.startswith("tuple"):
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            return tuple(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name} expects {kind}, got {value!r}") from None


def configure_logging(settings: Settings) -> None:
    """Standard logging, configured once at the edge (CLI/app), never at import."""
    import logging

    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
