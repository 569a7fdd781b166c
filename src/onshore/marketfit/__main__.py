"""``python -m onshore.marketfit`` runs ``onshore check``."""

from onshore.marketfit.cli import main

raise SystemExit(main())
