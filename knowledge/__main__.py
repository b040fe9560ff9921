"""`python -m knowledge …`: the index commands (see knowledge.cli)."""

from knowledge.cli import main

raise SystemExit(main())
