"""A local GGUF chat model through llama-cpp-python (optional extra `[llama]`).

For users who have a chat model file and no server. The package is imported only
when this generator is chosen, so the default install does not need it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant import prompting
from assistant.generators.base import GENERATORS, GenerationRequest, Generator
from knowledge.errors import BackendError, ConfigError, LLMUnavailable, UserError
from knowledge.settings import Settings


class LlamaCppGenerator(Generator):
    name = "llama-cpp"

    def __init__(self, settings: Settings, glossary=None):
        super().__init__(glossary)
        try:
            import llama_cpp
        except ImportError:
            raise UserError("the llama-cpp generator needs llama-cpp-python: pip install 'xinzhi-qa[llama]'") from None
        if not settings.gguf_path:
            raise ConfigError("the llama-cpp generator needs XQA_GGUF_PATH (a local .gguf chat model)")
        path = Path(settings.gguf_path).expanduser()
        if not path.is_file():
            raise ConfigError(f"XQA_GGUF_PATH {path} does not exist")
        try:
            self.llm = llama_cpp.Llama(model_path=str(path), n_ctx=8192, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise BackendError(f"cannot load GGUF model {path}: {exc}") from exc
        self.settings = settings

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        messages = prompting.request_messages(request)
        roles = {"human": "user", "system": "system"}
        try:
            for part in self.llm.create_chat_completion(
                messages=[{"role": roles[r], "content": c} for r, c in messages],
                temperature=self.settings.llm_temperature,
                stream=True,
            ):
                piece = part["choices"][0].get("delta", {}).get("content")
                if piece:
                    yield piece
        except (ValueError, RuntimeError) as exc:
            raise LLMUnavailable(f"the local GGUF model failed: {exc}") from exc


@GENERATORS.register("llama-cpp")
def _factory(*, settings: Settings, glossary=None, **_):
    return LlamaCppGenerator(settings, glossary=glossary)
