"""`almanac preview`: the HTML edition served on 127.0.0.1, rebuilt chapter by chapter as the source
changes, with the source findings of the chapter in view beside it (see session.py, server.py)."""
