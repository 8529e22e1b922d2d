"""Allow `python -m almanac_build`."""

from .cli import run

run()
