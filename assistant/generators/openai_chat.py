"""Any OpenAI-compatible chat server through LangChain's `init_chat_model` (provider `openai`).

One path covers DeepSeek, Qwen (DashScope compatible mode), OpenAI, Ollama, vLLM
and a llama.cpp server: only `XQA_LLM_BASE_URL`, `XQA_LLM_MODEL` and
`XQA_LLM_API_KEY` differ. Retries with exponential backoff on 429/5xx and
connection errors are the openai client's (`max_retries`); every failure that
survives them, and any reply the client cannot parse (it raises ValueError: a
non-JSON body, a stream without completion chunks), becomes `LLMUnavailable`, which the pipeline turns into the
extractive answer plus a note.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant import prompting
from assistant.generators.base import GENERATORS, GenerationRequest, Generator
from knowledge.errors import ConfigError, LLMUnavailable
from knowledge.settings import Settings


class OpenAIChatGenerator(Generator):
    name = "openai"

    def __init__(self, settings: Settings, glossary=None):
        super().__init__(glossary)
        if not settings.llm_base_url or not settings.llm_model:
            raise ConfigError(
                "the openai generator needs XQA_LLM_BASE_URL and XQA_LLM_MODEL (and XQA_LLM_API_KEY for hosted APIs)"
            )
        # heavy imports (~0.6 s), only when this generator is used: not on every process's start
        import httpx
        import openai
        from langchain.chat_models import init_chat_model

        #: what a failing server raises, turned into LLMUnavailable
        self._failures = (openai.APIError, httpx.HTTPError, ValueError)

        self.settings = settings
        self.llm = init_chat_model(
            settings.llm_model,
            model_provider="openai",
            base_url=settings.llm_base_url,
            # local servers accept any key; the client refuses an empty one
            api_key=settings.llm_api_key or "not-needed",
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            temperature=settings.llm_temperature,
        )

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        messages = prompting.request_messages(request)
        yield from self._stream(messages)

    def complete(self, messages: list[tuple[str, str]]) -> str:
        """One non-streamed reply (used for follow-up rewriting)."""
        try:
            reply = self.llm.invoke(messages)
        except self._failures as exc:
            raise LLMUnavailable(_describe(exc, self.settings)) from exc
        return _text(reply.content)

    def _stream(self, messages) -> Iterator[str]:
        try:
            for chunk in self.llm.stream(messages):
                piece = _text(chunk.content)
                if piece:
                    yield piece
        except self._failures as exc:
            raise LLMUnavailable(_describe(exc, self.settings)) from exc


def _text(content) -> str:
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content or [])


def _describe(exc: Exception, settings: Settings) -> str:
    import openai

    where = settings.llm_base_url
    if isinstance(exc, openai.APITimeoutError):
        return f"the LLM server at {where} did not answer within {settings.llm_timeout_s:g} s"
    if isinstance(exc, openai.APIConnectionError):
        return f"the LLM server at {where} cannot be reached"
    if isinstance(exc, ValueError):  # unparsable body, or a stream with no completion chunks
        return f"the LLM server at {where} sent a malformed reply"
    if isinstance(exc, openai.APIStatusError):
        return f"the LLM server at {where} answered HTTP {exc.status_code} after {settings.llm_max_retries} retries"
    return f"the LLM server at {where} failed: {type(exc).__name__}"


@GENERATORS.register("openai")
def _factory(*, settings: Settings, glossary=None, **_):
    return OpenAIChatGenerator(settings, glossary=glossary)
