"""The HTML edition (`{slug}.html` + `{slug}-assets/`) and the download page (`index.html`)."""

from .page import HtmlWriter, assets_folder

__all__ = ["HtmlWriter", "assets_folder"]
