"""Finding liblouis, the braille translator, for the optional braille edition.

liblouis has no maintained PyPI wheel; Debian ships it as `liblouis20`, `liblouis-data` and the ctypes
binding `python3-louis`, which installs into the system Python's dist-packages, out of a virtual
environment's sight. The binding is pure Python, so we load that one package from there (not the whole
folder, which would shadow the environment's own packages). `make braille` installs the three packages
when they are missing. This module sits outside `writers/` because the build asks `available()` before
deciding what to build, and that path imports no writer.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import lru_cache

from .diagnostics import ToolError

# Where Debian (and Ubuntu) put the `louis` binding.
BINDING_DIRS = ("/usr/lib/python3/dist-packages", "/usr/local/lib/python3/dist-packages")
INSTALL_HINT = ("the braille edition needs liblouis: run 'make braille' (it installs the Debian packages "
                "liblouis20, liblouis-data and python3-louis), or install them with apt-get")


def binding_path() -> str:
    """The binding's __init__.py: in this environment if installed there, else where Debian puts it."""
    spec = importlib.util.find_spec("louis") if "louis" not in sys.modules else sys.modules["louis"].__spec__
    if spec is not None and spec.origin:
        return spec.origin
    for folder in BINDING_DIRS:
        init = os.path.join(folder, "louis", "__init__.py")
        if os.path.isfile(init):
            return init
    return ""


def available() -> bool:
    """Whether the braille edition can be built here; cheap (nothing is loaded), so a build can ask it
    before deciding what to build."""
    return bool(binding_path())


@lru_cache(maxsize=1)
def louis_module():
    """The `louis` binding, loaded; ToolError with the way to install it when it or liblouis is missing."""
    init = binding_path()
    if not init:
        raise ToolError(INSTALL_HINT)
    spec = importlib.util.spec_from_file_location("louis", init)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    except OSError as exc:  # the binding is there but liblouis.so is not
        raise ToolError(f"{INSTALL_HINT} ({exc})") from None
    sys.modules["louis"] = module
    return module
