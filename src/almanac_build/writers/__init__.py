"""One writer per format behind one small interface (see base.py); registry.py lists them."""
