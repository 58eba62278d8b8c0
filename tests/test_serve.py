"""`coalition serve` itself: its address, its browser, its folder, and a clean stop.

The server runs as a person runs it, in a process of its own, and is spoken to over HTTP.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.web.server
from generator.cli import main
from generator.web.security import LIMITS
from generator.web.server import Server


@contextmanager
def serving(*args: str, tmp: Path) -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    """`coalition serve --no-browser ARGS`, its temporary files under ``tmp``: the process, its
    address and the line that says where the files are."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first = process.stdout.readline() if process.stdout else ""
        match = re.fullmatch(r"The coalition pages are at (http://\S+)\n", first)
        assert match, first + (process.stderr.read() if process.stderr else "")
        yield process, match.group(1), process.stdout.readline() if process.stdout else ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)


def browser() -> urllib.request.OpenerDirector:
    """A client that keeps cookies and follows redirects, as a browser does."""
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def post_sample(opener: urllib.request.OpenerDirector, base: str) -> None:
    """Press "Try it with the Forest City sample", CSRF token and all."""
    page = opener.open(base + "/").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token}).encode()
    checked = opener.open(base + "/sample", data=data).read().decode()
    assert "forest-city.xlsx: 0 errors, 2 warnings" in checked


def stop(process: subprocess.Popen[str], how: signal.Signals) -> str:
    process.send_signal(how)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    return out


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_answers_at_its_address_and_stops_cleanly(tmp_path: Path, how: signal.Signals):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with serving(tmp=tmp) as (process, url, _):
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url
        base = url.split("/?")[0]
        opener = browser()
        page = opener.open(url)
        assert page.url == base + "/"  # the key left the address
        assert "Plan your Mobility Coalition" in page.read().decode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            browser().open(base + "/")  # no key
        assert refused.value.code == 403
        post_sample(opener, base)
        (folder,) = tmp.iterdir()  # the private folder, only its owner's
        assert folder.stat().st_mode & 0o777 == 0o700
        assert (folder / "001-check" / "copies" / "forest-city.xlsx").is_file()

        out = stop(process, how)

    assert out.splitlines()[-1] == "Stopped."
    assert list(tmp.iterdir()) == []  # removed on exit


def test_with_a_folder_every_file_stays(tmp_path: Path):
    folder = tmp_path / "coalition files"
    with serving("--folder", str(folder), tmp=tmp_path) as (process, url, files):
        opener = browser()
        opener.open(url)
        post_sample(opener, url.split("/?")[0])
        out = stop(process, signal.SIGINT)

    assert files == f"Files are kept in {folder.resolve()}. Press Ctrl+C to stop.\n"
    assert out == "Stopped.\n"
    assert (folder / "001-check" / "copies" / "forest-city.xlsx").is_file()
    assert (folder / "001-check" / "forest-city-annotated.xlsx").is_file()


def test_the_server_refuses_an_oversized_request_before_reading_its_body(tmp_path: Path):
    with serving(tmp=tmp_path) as (process, url, _):
        port = int(url.split(":")[2].split("/")[0])
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(
                f"POST /check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Content-Length: {LIMITS.largest_request + 1}\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n\r\n".encode()
            )  # and not one byte of the body
            answer = connection.recv(4096).decode()
        stop(process, signal.SIGINT)

    assert answer.startswith("HTTP/1.1 413 ")


def test_it_listens_on_127_0_0_1_only(tmp_path: Path):
    server = Server(tmp_path / "work")
    try:
        host, port = server._socket.getsockname()
        assert host == "127.0.0.1"
        assert server.url.startswith(f"http://127.0.0.1:{port}/?token=")
        assert len(server.token) >= 32
    finally:
        server.close()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["serve", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_port_in_use_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        code, _, err = run("--port", str(port), "--no-browser")

    assert code == 2
    assert err == (
        f"Error: Port {port} is already in use on 127.0.0.1; choose another with --port, or "
        "leave --port out to take a free one.\n"
    )
    assert list(tmp_path.iterdir()) == []  # the private folder made for it is gone too


def test_a_file_given_as_the_folder_is_refused(tmp_path: Path):
    file = tmp_path / "notes.txt"
    file.write_text("mine")

    code, _, err = run("--folder", str(file), "--no-browser")

    assert code == 2
    assert err.splitlines()[-1] == (
        f"Error: Invalid value for '--folder': Directory '{file}' is a file."
    )
    assert file.read_text() == "mine"


@pytest.mark.parametrize("flags", [[], ["--no-browser"]], ids=["browser", "no-browser"])
def test_the_browser_opens_at_the_address_unless_asked_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str]
):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.setattr(generator.web.server.Server, "run", lambda self: None)

    code, out, err = run("--folder", str(tmp_path / "work"), *flags)

    assert code == 0, err
    url = re.search(r"The coalition pages are at (\S+)", out).group(1)
    assert opened == ([] if flags else [url])
    assert out.splitlines()[-1] == "Stopped."
