"""``python -m checklist``: the same as the ``checklist`` command."""

from checklist.cli import main

raise SystemExit(main())
