"""Answer generators, registered by name: `extractive` (offline default), `openai`, `llama-cpp`."""

from assistant.generators import extractive, llama_cpp, openai_chat  # noqa: F401  (registration)
from assistant.generators.base import GENERATORS, GenerationRequest, Generator

__all__ = ["GENERATORS", "GenerationRequest", "Generator"]
