"""The product's settings, in three sections (knowledge, assistant, web), loaded with pydantic-settings.

Precedence: built-in defaults < config file (TOML) < environment (`XQA_<FIELD>`) <
explicit overrides passed by code or command-line flags. The config file is
`$XQA_CONFIG` if set, else `<data_dir>/config.toml` if it exists. Unknown keys,
in the file or as `XQA_*` variables, are refused with the list of valid ones, so a
typo never silently falls back to a default; bad values are refused naming the key.
Both become a `ConfigError` at the edge.

Each section is its own model (`KnowledgeSettings`, `AssistantSettings`, `WebSettings`);
`Settings` composes them and keeps flat attribute access (`settings.top_k`). All three are
declared here, in the lowest layer, because every entry point (`python -m knowledge` as much
as the app) must tell another section's variable from a typo in the shared `XQA_` namespace,
and the library packages may not import the layers above.

Nothing reads the environment at import time: callers build `Settings.load()` once
at the edge (CLI, app, tests) and pass it down.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, EnvSettingsSource, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

from knowledge.errors import ConfigError

ENV_PREFIX = "XQA_"
#: the env variable that is not a field: where the config file is
CONFIG_ENV = "XQA_CONFIG"


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "xinzhi-qa"


def _comma_list(value: Any) -> Any:
    """`a, b` in an env variable; a TOML list stays a list."""
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return value


def _user_path(value: Any) -> Any:
    return Path(os.path.expanduser(str(value))) if isinstance(value, (str, Path)) else value


#: comma-separated in env (not JSON: pydantic-settings' decoding is switched off), a list in TOML
CommaList = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_comma_list)]
UserPath = Annotated[Path, BeforeValidator(_user_path)]
#: on/off; an empty variable (`XQA_GRADIO_MONITORING=`) is off, as an empty list is empty
Flag = Annotated[bool, BeforeValidator(lambda v: False if v == "" else v)]


def _doc(text: str, default: Any = None, *, shown: str | None = None, **kw: Any) -> Any:
    """A documented field; `shown` is the default as the README states it when it depends on the machine."""
    extra: dict[str, Any] | None = {"shown_default": shown} if shown is not None else None
    if "default_factory" in kw:
        return Field(description=text, json_schema_extra=extra, **kw)
    return Field(default, description=text, json_schema_extra=extra, **kw)


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KnowledgeSettings(_Section):
    """Where the data lives, the store, the embedder, the corpus and chunking (`knowledge/`)."""

    data_dir: UserPath = _doc(
        "Where the index, feedback log and caches live.",
        default_factory=default_data_dir,
        shown="~/.local/share/xinzhi-qa",
    )
    log_level: str = _doc("Python logging level name.", "WARNING")
    embedder: str = _doc(
        "Embedder id: `use-multilingual` (offline default) or `sentence-transformers:<model or path>`.",
        "use-multilingual",
    )
    collection: str = _doc("Chroma collection name.", "xinzhi")
    chroma_host: str = _doc("Chroma server host; empty means the embedded store under data_dir.", "")
    chroma_port: int = _doc("Chroma server port.", 8000)
    chroma_timeout_s: float = _doc(
        "Timeout of every request to a Chroma server, seconds (a hung server then fails fast).", 10.0
    )
    corpus: str = _doc(
        "Bundled documents the index serves: `all`, or bundled ids separated by commas (ids as listed "
        "by `python -m knowledge list`; README shows the paper alone); `python -m knowledge build --docs ID…` sets it for one build.",
        "all",
    )
    dates_from_file_names: bool = _doc(
        "Date an added text that gives no date with its year by its file name (`20220429.md`, `pb-2022-04.txt`); "
        "the text's own date and given metadata win.",
        True,
    )
    chunk_tokens: int = _doc("Target chunk size in cl100k tokens.", 300)
    chunk_overlap_tokens: int = _doc("Overlap between consecutive chunks of a section, in tokens.", 40)
    max_file_mb: float = _doc(
        "Largest document `index add` accepts, in MB (a .docx/.pdf may unpack to 10x that).", 20.0
    )
    write_timeout_s: float = _doc(
        "How long a write (build, add) waits for another process's write to the same index to finish, seconds.",
        600.0,
    )

    @property
    def index_dir(self) -> Path:
        return Path(self.data_dir) / "index"

    @property
    def feedback_path(self) -> Path:
        return Path(self.data_dir) / "feedback.jsonl"


class AssistantSettings(_Section):
    """Retrieval, the answer generator and the LLM behind it (`assistant/`)."""

    generator: str = _doc("Answer generator: `extractive` (offline default), `openai`, `llama-cpp`.", "extractive")
    top_k: int = _doc("How many contexts retrieval returns.", 6)
    reranker: str = _doc("Optional sentence-transformers CrossEncoder model name or path; empty = none.", "")
    max_question_chars: int = _doc("Longest question accepted.", 2000)
    llm_base_url: str = _doc("OpenAI-compatible endpoint, e.g. https://api.deepseek.com/v1.", "")
    llm_model: str = _doc("Model name on that endpoint.", "")
    llm_api_key: str = _doc("API key for that endpoint (any string for local servers).", "")
    llm_timeout_s: float = _doc("Per-request timeout for the LLM, seconds.", 30.0)
    llm_max_retries: int = _doc("Retries with backoff on 429/5xx.", 2)
    llm_temperature: float = _doc("Sampling temperature for the LLM.", 0.1)
    gguf_path: str = _doc("Path to a local GGUF chat model for the `llama-cpp` generator.", "")


class WebSettings(_Section):
    """The app and its HTTP API: address, browser origins, limits, proxies (`web/`)."""

    host: str = _doc("Where the app listens.", "127.0.0.1")
    port: int = _doc("Port of the app.", 7860)
    cors_origins: CommaList = _doc(
        "Origins allowed to call /api (comma-separated in env); empty = same origin only.", ()
    )
    rate_limit_per_minute: int = _doc(
        "Requests per client per minute that compute an answer or write (/api/ask, chat and /embed questions, "
        "feedback, the Gradio /ask endpoint), one budget across all of them; 0 turns the limit off.",
        60,
    )
    max_request_bytes: int = _doc("Largest accepted request body on any route (JSON API and Gradio).", 64_000)
    max_history_messages: int = _doc("Most earlier messages (user + assistant) a question may carry.", 20)
    max_history_message_chars: int = _doc("Longest earlier message a question may carry, characters.", 4000)
    max_comment_chars: int = _doc("Longest feedback comment, characters.", 2000)
    max_queue_size: int = _doc("Most events waiting in each Gradio page's queue (beyond: 'busy, try again').", 64)
    embed_frame_ancestors: CommaList = _doc(
        "Origins allowed to frame /embed/ (comma-separated in env; `*` = any); every other page may only be framed "
        "by the app itself.",
        ("*",),
    )
    gradio_monitoring: Flag = _doc("Serve Gradio's /monitoring pages (public when on).", False)
    concurrency_limit: int = _doc("Answers computed at once, one cap shared by the UI, /embed and the API.", 4)
    trusted_proxies: CommaList = _doc(
        "Reverse-proxy addresses (IPs or CIDR, comma-separated in env; `*` = any) whose X-Forwarded-For names the "
        "client for the per-client rate limit; empty = the connecting address (behind an untrusted proxy: the proxy's).",
        ("127.0.0.1", "::1"),
    )


class _EnvSource(EnvSettingsSource):
    """pydantic-settings' environment source over a given mapping (callers and tests pass their own)."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        self._env = env
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return {k.lower(): v for k, v in self._env.items()}


class Settings(WebSettings, AssistantSettings, KnowledgeSettings, BaseSettings):
    """Every knob of the product, by section; see README "Configuration" (`python -m knowledge config --markdown`)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, case_sensitive=False, frozen=True, extra="forbid")

    SECTIONS: ClassVar[dict[str, type[_Section]]] = {
        "knowledge": KnowledgeSettings,
        "assistant": AssistantSettings,
        "web": WebSettings,
    }

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # `load` merges file, environment and overrides itself (the file's path depends on both);
        # constructing the model only validates what it was given, never reads os.environ again
        return (init_settings,)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Settings:
        """Defaults < config file < env < overrides; unknown keys and bad values raise ConfigError."""
        env = os.environ if env is None else env
        prefixed = {k[len(ENV_PREFIX) :].lower() for k in env if k.startswith(ENV_PREFIX) and k != CONFIG_ENV}
        _refuse_unknown(prefixed, "environment variable", env_names=True)
        env_values = _EnvSource(cls, env)()
        given = {k: v for k, v in (overrides or {}).items() if v is not None}
        data_dir = Path(env_values.get("data_dir") or given.get("data_dir") or default_data_dir())
        config_path = Path(env.get(CONFIG_ENV) or Path(data_dir) / "config.toml")
        file_values = _read_config(config_path) if env.get(CONFIG_ENV) or config_path.is_file() else {}
        _refuse_unknown(file_values, f"key in {config_path}")
        _refuse_unknown(given, "setting")
        return cls._validated({**file_values, **env_values, **given})

    def replace(self, **changes: Any) -> Settings:
        _refuse_unknown(changes, "setting")
        return self._validated({**self.values(), **changes})

    @classmethod
    def _validated(cls, values: Mapping[str, Any]) -> Settings:
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ConfigError("; ".join(_explain(err) for err in exc.errors())) from None

    # ------------------------------------------------------------------ describing
    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in type(self).model_fields}

    def section(self, name: str) -> _Section:
        """One section's values as its own model, e.g. `settings.section("web")`."""
        kind = self.SECTIONS[name]
        return kind(**{k: getattr(self, k) for k in kind.model_fields})

    def redacted(self) -> dict[str, dict[str, Any]]:
        """The values by section, JSON-ready, the API key hidden (`python -m knowledge config`)."""
        out = {name: self.section(name).model_dump(mode="json") for name in self.SECTIONS}
        if out["assistant"].get("llm_api_key"):
            out["assistant"]["llm_api_key"] = "***"
        return out


def _fields_by_section() -> list[tuple[str, str, Any]]:
    return [
        (section, name, info) for section, kind in Settings.SECTIONS.items() for name, info in kind.model_fields.items()
    ]


def _refuse_unknown(keys: Mapping[str, Any] | set[str], what: str, env_names: bool = False) -> None:
    unknown = sorted(set(keys) - set(Settings.model_fields))
    if not unknown:
        return

    def shown(name: str) -> str:
        return ENV_PREFIX + name.upper() if env_names else name

    names = [name for _, name, _ in _fields_by_section()]

    def guessed(name: str) -> str:
        close = difflib.get_close_matches(name, names, n=1)
        return f"{shown(name)} (did you mean {shown(close[0])}?)" if close else shown(name)

    valid = ", ".join(shown(name) for name in names)
    raise ConfigError(f"unknown {what}(s): {', '.join(guessed(u) for u in unknown)}. Valid: {valid}")


def _explain(err: Any) -> str:
    """One pydantic error as `setting NAME expects TYPE, got VALUE (why)`."""
    name = str(err["loc"][0]) if err["loc"] else "?"
    info = Settings.model_fields.get(name)
    kind = _type_name(info.annotation) if info else "?"
    return f"setting {name} expects {kind}, got {err.get('input')!r} ({err['msg']})"


def _type_name(annotation: Any) -> str:
    return "list of strings" if annotation == tuple[str, ...] else getattr(annotation, "__name__", str(annotation))


def _read_config(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist ({CONFIG_ENV})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    # allow an optional [xinzhi-qa] table or top-level keys
    return dict(data.get("xinzhi-qa", data))


def configuration_table() -> str:
    """The README's configuration table, generated from the fields (a test keeps the README current)."""
    rows = ["| variable | section | default | meaning |", "|---|---|---|---|"]
    for section, name, info in _fields_by_section():
        shown = (info.json_schema_extra or {}).get("shown_default")
        default = _display(shown if shown is not None else info.get_default(call_default_factory=True))
        rows.append(f"| `{ENV_PREFIX}{name.upper()}` | {section} | {default} | {info.description} |")
    rows.append(
        f"| `{CONFIG_ENV}` | | | Path of a TOML config file (keys are the names above in lower case, without "
        f"`{ENV_PREFIX}`, at the top level or under a `[xinzhi-qa]` table). |"
    )
    return "\n".join(rows)


def _display(value: Any) -> str:
    if isinstance(value, bool):
        value = str(value).lower()
    elif isinstance(value, tuple):
        value = ",".join(value)
    return f"`{value}`" if str(value) else "(empty)"


def configure_logging(settings: KnowledgeSettings) -> None:
    """Standard logging, configured once at the edge (CLI/app), never at import."""
    import logging

    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
