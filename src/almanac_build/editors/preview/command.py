"""`almanac preview [--port N]`: build the page once, serve it on 127.0.0.1, watch source/ and the
theme with watchfiles, and rebuild what each save touched until Ctrl-C.

watchfiles (Rust `notify`: inotify here, FSEvents or ReadDirectoryChangesW elsewhere) is used rather
than polling: it reports a save within a few milliseconds without waking every file each tick, batches
the events of one save (editors write, rename and touch in a burst) and takes a stop event, so Ctrl-C
ends the watcher cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading

from ...diagnostics import display_path
from ...styles import STYLES_DIR

PREVIEW_DIR = ".preview"
WATCH_STEP_MS = 10  # how long a burst of file events may pause before it counts as one save


def preview(source_dir: str, output_dir: str, port: int = 8000, ready=None) -> int:
    from .server import PreviewServer
    from .session import Session

    source_dir = os.path.abspath(source_dir)
    base = os.path.join(os.path.abspath(output_dir), PREVIEW_DIR)
    os.makedirs(base, exist_ok=True)
    _remove_abandoned(base)
    folder = tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=base)  # each preview its own folder
    stop = threading.Event()
    server = None
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the
    # background of a script, which starts it with Ctrl-C ignored
    try:
        session = Session(source_dir, output_dir, folder)
        first = session.rebuild(None)
        try:
            server = PreviewServer(port, session, stop)
        except OSError as exc:
            print(f"error: cannot serve on 127.0.0.1:{port} ({exc.strerror}); choose another with --port", file=sys.stderr)
            return 3
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        serving.start()
        state = "with source problems to fix (shown in the page)" if session.errors else \
            f"in {first.seconds.get('total', 0):.1f} s"
        print(f"Previewing {display_path(source_dir)} at {address} (built {state}).", flush=True)
        print("Open that address in a browser; the page follows every save. Ctrl-C stops.", flush=True)
        if ready:
            ready(address)
        _watch(session, source_dir, stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        if server is not None:
            with session.lock:
                session.lock.notify_all()
            server.shutdown()
            server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
    print("Preview stopped.", flush=True)
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _remove_abandoned(base: str) -> None:
    """Folders of previews that were killed outright (their process is gone)."""
    for name in os.listdir(base):
        pid = name.split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(os.path.join(base, name), ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(session, source_dir: str, stop: threading.Event) -> None:
    from watchfiles import watch

    roots = [source_dir] + ([STYLES_DIR] if os.path.isdir(STYLES_DIR) else [])
    for changes in watch(*roots, stop_event=stop, step=WATCH_STEP_MS, debounce=400, raise_interrupt=True,
                         watch_filter=_interesting):
        changed = {os.path.abspath(path) for _, path in changes}
        update = session.rebuild(changed)
        if session.errors:
            print(f"  {len(session.errors)} source problem{'s' if len(session.errors) != 1 else ''}: "
                  + session.errors[0], flush=True)
        else:
            print(f"  rebuilt in {update.seconds.get('total', 0):.2f} s"
                  + (f" ({', '.join(sorted(update.sections))})" if update.sections else " (whole page)"), flush=True)


def _interesting(change, path: str) -> bool:
    """Not editors' swap and backup files, nor the tool's own temporary files."""
    name = os.path.basename(path)
    return not (name.startswith((".", "~", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")))
