"""`assistant.stages.Stage`: the same result traced or not; traced as a child run when a handler listens."""

from __future__ import annotations

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.runnables import RunnableLambda

from assistant.stages import Stage


class _Names(BaseCallbackHandler):
    def __init__(self) -> None:
        self.started: list[str] = []
        self.errors = 0

    def on_chain_start(self, serialized, inputs, **kwargs):
        self.started.append(kwargs.get("name") or "")

    def on_chain_error(self, error, **kwargs):
        self.errors += 1


def _chain():
    return Stage(lambda x: x + 1, name="one") | Stage(lambda x: x * 10, name="two")


def test_untraced_and_traced_give_the_same_result():
    assert _chain().invoke(1) == 20
    handler = _Names()
    assert _chain().invoke(1, config={"callbacks": [handler]}) == 20
    assert handler.started[1:] == ["one", "two"]  # the sequence, then each stage as its child run


def test_a_stage_is_a_runnable_lambda_and_reports_errors_when_traced():
    def fail(_):
        raise ValueError("bad input")

    stage = Stage(fail, name="fails")
    assert isinstance(stage, RunnableLambda)
    handler = _Names()
    try:
        (Stage(lambda x: x, name="ok") | stage).invoke(1, config={"callbacks": [handler]})
    except ValueError as exc:
        assert str(exc) == "bad input"
    else:
        raise AssertionError("the stage's error must propagate")
    assert "fails" in handler.started and handler.errors == 2  # the stage and the sequence
