"""Evaluation: cases → run through the public surface → metrics → report / compare."""
