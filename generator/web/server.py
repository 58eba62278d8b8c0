"""The local server: waitress on 127.0.0.1 only, a random key, a working folder, a clean stop.

waitress is a production WSGI server in pure Python (no compiler, runs on Windows), unlike
Flask's development server. It reads a request's whole body before the app sees it, so it is
given the largest request the pages accept and refuses larger ones on their declared length.
"""

from __future__ import annotations

import errno
import logging
import secrets
import shutil
import socket
import tempfile
import threading
from pathlib import Path

from waitress import wasyncore
from waitress.server import create_server

from generator.common.errors import CoalitionError, OutputError
from generator.web.app import create_app
from generator.web.security import LIMITS, TOKEN_PARAMETER, Limits
from generator.web.workspace import Workspace

HOST = "127.0.0.1"
#: Requests served at once: a page, its pictures, the progress of a batch, a download.
THREADS = 6
#: Seconds a batch of letters may take to stop when the server does.
STOP_WAIT = 10.0


def open_workspace(folder: Path | None) -> Workspace:
    """The folder given (made if needed, kept), or a private temporary one (removed on stop)."""
    if folder is None:
        # mkdtemp makes a folder only its owner can open.
        return Workspace(Path(tempfile.mkdtemp(prefix="coalition-serve-")), keep=False)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError("is a file; give a folder for coalition serve to work in.", folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot be made ({error.strerror}).", folder) from None
    return Workspace(folder, keep=True)


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1; port 0 takes any free port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind((HOST, port))
        listener.listen(64)
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise CoalitionError(
                f"Port {port} is already in use on {HOST}; choose another with --port, or leave "
                "--port out to take a free one."
            ) from None
        raise CoalitionError(
            f"Port {port} cannot be used on {HOST} ({error.strerror}); choose another with --port."
        ) from None
    return listener


class Server:
    """One ``coalition serve``: its working folder, its key, its app, its waitress server."""

    def __init__(self, folder: Path | None = None, port: int = 0, limits: Limits = LIMITS):
        self.workspace = open_workspace(folder)
        self.token = secrets.token_urlsafe(24)
        try:
            self._socket = bind(port)
        except CoalitionError:
            self._remove_folder()
            raise
        self.port: int = self._socket.getsockname()[1]
        self.app = create_app(self.workspace, token=self.token, port=self.port, limits=limits)
        self._map: dict[int, object] = {}
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "queue depth" chatter
        self._server = create_server(
            self.app,
            map=self._map,
            sockets=[self._socket],
            threads=THREADS,
            max_request_body_size=limits.largest_request + 1,  # it refuses this size and more
            ident="coalition",
        )
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def url(self) -> str:
        """The address to open, with the key."""
        return f"http://{HOST}:{self.port}/?{TOKEN_PARAMETER}={self.token}"

    def run(self) -> None:
        """Serve until Ctrl-C (or :meth:`stop` from another thread), then clean up."""
        try:
            self._server.run()
        finally:
            self.close()

    def start(self) -> None:
        """Serve from a thread of its own (tests, screenshots); :meth:`stop` ends it."""
        self._thread = threading.Thread(target=self.run, name="coalition-serve", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End :meth:`run` from another thread: the server's own loop closes its sockets."""
        self._server.trigger.pull_trigger(lambda: wasyncore.close_all(self._map))
        if self._thread is not None:
            self._thread.join(STOP_WAIT + 10)

    def close(self) -> None:
        """Stop the batch of letters, the request threads and the sockets; remove the folder."""
        if self._closed:
            return
        self._closed = True
        run = self.workspace.letters_run
        if run is not None and not run.finished:
            run.stop(STOP_WAIT)
        self._server.task_dispatcher.shutdown()
        wasyncore.close_all(self._map, ignore_all=True)
        self._remove_folder()

    def _remove_folder(self) -> None:
        if not self.workspace.keep:
            shutil.rmtree(self.workspace.root, ignore_errors=True)
