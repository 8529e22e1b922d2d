"""The HTML edition (`almanac.html` + `almanac-assets/`) and the download page (`index.html`)."""

from .page import ASSETS, HtmlWriter

__all__ = ["ASSETS", "HtmlWriter"]
