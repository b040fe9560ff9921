"""Answer generators, registered by name: `extractive` (offline default), `openai`, `llama-cpp`."""

from assistant.generators.base import GENERATORS, GenerationRequest, Generator
from assistant.generators import extractive, openai_chat, llama_cpp  # noqa: F401  (registration)

__all__ = ["GENERATORS", "GenerationRequest", "Generator"]
