"""Serving the preview on 127.0.0.1 with the standard library's threading HTTP server (one page for one
editor needs no framework): the page with the findings panel added, its assets from the preview's
folder, and a server-sent event stream that tells the open page what changed. The panel and the script
are added only to the page served here; the HTML edition the build writes is not touched."""

from __future__ import annotations

import json
import mimetypes
import os
import posixpath
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import unquote, urlsplit

from .session import Session, error_page

PREFIX = "/__preview/"


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        """A page closed mid-request is normal here: no traceback on the editor's terminal."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    def __init__(self, port: int, session: Session, stop: threading.Event):
        self.session = session
        self.stop = stop
        super().__init__(("127.0.0.1", port), Handler)


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # the terminal is for the editor's messages
        return

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        if host not in ("127.0.0.1", "localhost", "[::1]"):  # a page elsewhere reaching in by DNS rebinding
            return self._send(403, b"Forbidden", "text/plain")
        path = unquote(urlsplit(self.path).path)
        session = self.server.session
        if path in ("/", "/index.html"):
            return self._page()
        if path == PREFIX + "events":
            since = urlsplit(self.path).query.partition("since=")[2].partition("&")[0]
            return self._events(int(since) if since.isdigit() else None)
        if path in (PREFIX + "preview.js", PREFIX + "preview.css"):
            name = posixpath.basename(path)
            data = resources.files(__package__).joinpath(name).read_bytes()
            return self._send(200, data, "text/javascript" if name.endswith(".js") else "text/css")
        if path == PREFIX + "version":
            with session.lock:
                return self._send(200, json.dumps({"version": session.version}).encode("utf-8"), "application/json")
        if path == PREFIX + "state":
            with session.lock:
                state = {"version": session.version, "findings": session.findings, "titles": session.titles(),
                         "errors": session.errors}
            return self._send(200, json.dumps(state).encode("utf-8"), "application/json")
        return self._file(path)

    def _page(self) -> None:
        session = self.server.session
        with session.lock:
            version, errors = session.version, list(session.errors)
        if errors:
            html = error_page(errors, "preview")
        else:
            html = session.page()
        html = inject(html, version)
        self._send(200, html.encode("utf-8"), "text/html; charset=utf-8", no_store=True)

    def _file(self, path: str) -> None:
        root = os.path.realpath(self.server.session.folder)
        target = os.path.realpath(os.path.join(root, path.lstrip("/")))
        if os.path.commonpath([root, target]) != root or not os.path.isfile(target):
            return self._send(404, b"Not found", "text/plain")
        with open(target, "rb") as handle:
            data = handle.read()
        self._send(200, data, mimetypes.guess_type(target)[0] or "application/octet-stream")

    def _send(self, status: int, data: bytes, kind: str, no_store: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store" if no_store else "no-cache")
        self.end_headers()
        self.wfile.write(data)

    def _events(self, since: int | None) -> None:
        """One `data:` message per rebuild (JSON: version, full, sections, nav, findings of the changed
        chapters, the rebuild's timings); a comment every 15 s keeps the connection open."""
        session, stop = self.server.session, self.server.stop
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        with session.lock:
            seen = session.version if since is None else since  # the page's version: nothing missed
        try:
            while not stop.is_set():
                with session.lock:
                    session.lock.wait_for(lambda: session.version != seen or stop.is_set(), timeout=15)
                    if stop.is_set():
                        break
                    if session.version == seen:
                        message = None
                    else:
                        update = session.last
                        jumped = update.version != seen + 1  # missed one: reload rather than patch
                        seen = session.version
                        message = {"version": update.version, "full": update.full or jumped or bool(session.errors),
                                   "sections": update.sections, "nav": update.nav,
                                   "findings": {i: session.findings.get(i, []) for i in update.sections},
                                   "seconds": update.seconds}
                data = b": keep-alive\n\n" if message is None else \
                    b"data: " + json.dumps(message).encode("utf-8") + b"\n\n"
                self.wfile.write(data)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def inject(html: str, version: int) -> str:
    """The page with the preview's stylesheet, findings panel and script added."""
    head = f'<link rel="stylesheet" href="{PREFIX}preview.css">\n</head>'
    panel = (f'<aside class="preview-panel" id="preview-panel" aria-labelledby="preview-panel-title" '
             f'data-version="{version}">\n<h2 id="preview-panel-title">Source findings</h2>\n'
             '<p class="preview-panel-chapter" id="preview-panel-chapter" aria-live="polite"></p>\n'
             '<ol class="preview-findings" id="preview-findings" tabindex="0" '
             'aria-labelledby="preview-panel-title preview-panel-chapter"></ol>\n</aside>\n'
             f'<script src="{PREFIX}preview.js"></script>\n</body>')
    return html.replace("</head>", head, 1).replace("</body>", panel, 1)
