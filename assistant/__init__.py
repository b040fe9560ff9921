"""Assistant: question → rewrite → retrieve → generate → check citations → Answer."""
