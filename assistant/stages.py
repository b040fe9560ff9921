"""One pipeline stage as a LangChain Runnable that costs nothing when nobody traces it.

Why: a `RunnableLambda` does its bookkeeping on every call whether or not a callback handler
listens (a child callback manager, a run id, start/end events, and `inspect.signature` of the
function twice to see whether it takes a config): about 0.3 ms per stage, 2 ms of a 7-stage
warm `ask` that otherwise takes ~20 ms. A `Stage` is a `RunnableLambda` (composed with `|`,
named, swapped and traced like one) that calls its function directly when the callbacks it is
given have no handler, and runs as a plain `RunnableLambda` (a traced child run) when a tracer
or any other handler is attached (LangSmith by environment, `config={"callbacks": [...]}`).
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import BaseCallbackManager
from langchain_core.runnables import RunnableConfig, RunnableLambda


def _listened(callbacks: Any) -> bool:
    """Does any callback handler receive this call's events? (a manager's or a list's handlers)"""
    if callbacks is None:
        return False
    if isinstance(callbacks, BaseCallbackManager):
        return bool(callbacks.handlers or callbacks.inheritable_handlers)
    return bool(callbacks)


class Stage(RunnableLambda):
    """A `RunnableLambda` over a one-argument function, without per-call bookkeeping when untraced."""

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        if kwargs or (config is not None and _listened(config.get("callbacks"))):
            return super().invoke(input, config, **kwargs)
        return self.func(input)
