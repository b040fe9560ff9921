"""`python -m assistant ask "问题" [--json]` / `python -m assistant batch < in.jsonl`."""

from assistant.cli import main

raise SystemExit(main())
