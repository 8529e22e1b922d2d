"""almanac_build: one structured source of the LGA Digitalisation Almanac, every accessible format."""

__version__ = "0.1.0"
