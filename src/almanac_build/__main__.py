"""Allow `python -m almanac_build`."""

from .cli import main

raise SystemExit(main())
