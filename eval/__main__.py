"""`python -m eval` → eval.cli.main."""

from eval.cli import main

raise SystemExit(main())
