"""The page is private to whoever started it, and bounded: key, Host, CSRF, limits, headers.

Each test is an attack a web page in the same browser, a program on the same machine or a
hostile upload could try.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote

import pytest
from web_helpers import BASE, PORT, TOKEN, Web, html, make_web, text

from generator.demo.sample import sample_workbook
from generator.web.app import size
from generator.web.security import CONTENT_SECURITY_POLICY, LIMITS, KiB, Limits


class Unread(io.RawIOBase):
    """A request body of ``size`` bytes that records whether anybody read from it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.position = 0
        self.reads = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = offset + (self.size if whence == io.SEEK_END else 0)
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        self.reads += 1
        buffer[:1] = b"x"
        return 1


# --- The key -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/check", "/letters/progress", "/static/coalition.css"])
def test_a_request_without_the_key_is_refused(tmp_path: Path, path: str):
    web = make_web(tmp_path)
    web.client.post("/sample", base_url=BASE)  # even had someone got that far
    stranger = web.app.test_client()

    response = stranger.get(path, base_url=BASE)

    assert response.status_code == 403
    assert "opens only from the address that coalition serve printed" in text(response)
    assert "Forest City" not in response.get_data(as_text=True)


def test_a_wrong_key_is_refused(tmp_path: Path):
    web = make_web(tmp_path)
    stranger = web.app.test_client()

    assert stranger.get(f"/?token={TOKEN}x", base_url=BASE).status_code == 403
    assert stranger.get("/?token=", base_url=BASE).status_code == 403
    stranger.set_cookie("coalition-key", TOKEN, domain="127.0.0.1")  # a guess at the cookie
    assert stranger.get("/", base_url=BASE).status_code == 403


def test_the_key_moves_from_the_address_into_a_cookie(tmp_path: Path):
    web = make_web(tmp_path)
    browser = web.app.test_client()

    first = browser.get(f"/check?token={TOKEN}", base_url=BASE)

    assert first.status_code == 303
    assert first.headers["Location"] == "/check"  # the key leaves the address bar and history
    cookie = first.headers["Set-Cookie"]
    assert f"={TOKEN};" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert browser.get("/check", base_url=BASE).status_code == 200


# --- The Host header (DNS rebinding) -------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.example", f"evil.example:{PORT}", f"127.0.0.1:{PORT + 1}", "127.0.0.1", "[::1]"],
)
def test_a_foreign_host_header_is_refused_even_with_the_key(web: Web, host: str):
    response = web.client.get("/", base_url=BASE, headers={"Host": host})

    assert response.status_code == 400
    assert f"This page answers only at http://127.0.0.1:{PORT}/." in text(response)


def test_localhost_is_this_server_too(web: Web):
    response = web.client.get(f"/?token={TOKEN}", base_url=f"http://localhost:{PORT}")

    assert response.status_code == 303  # the key is taken, and kept for localhost


# --- Cross-site forms ----------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "forged", ""], ids=["missing", "forged", "empty"])
@pytest.mark.parametrize("path", ["/sample", "/new-workbook", "/briefing", "/letters/write"])
def test_a_form_without_this_pages_csrf_token_does_nothing(web: Web, path: str, token: str | None):
    form = {} if token is None else {"csrf_token": token}

    response = web.client.post(path, data=form, base_url=BASE)

    assert response.status_code == 400
    assert "This form did not come from this page" in text(response)
    assert not web.workspace.root.exists() or not any(web.workspace.root.iterdir())
    assert web.workspace.workbook is None


def test_a_form_from_another_browser_session_is_refused(tmp_path: Path):
    web = make_web(tmp_path)
    other = make_web(tmp_path / "other")  # another server's form, token and all

    response = web.client.post("/sample", data={"csrf_token": other.csrf()}, base_url=BASE)

    assert response.status_code == 400


# --- Upload limits -------------------------------------------------------------------------------


SMALL = Limits(workbooks=2, workbook_bytes=200 * KiB, template_bytes=64 * KiB, config_bytes=KiB)


def test_an_oversized_upload_is_refused_before_its_body_is_read(tmp_path: Path):
    web = make_web(tmp_path, SMALL)
    body = Unread(SMALL.largest_request + 1)

    response = web.client.post(
        "/check",
        base_url=BASE,
        input_stream=body,
        content_type="multipart/form-data; boundary=x",
    )

    assert response.status_code == 413
    assert body.reads == 0
    assert "That upload is larger than this page accepts" in text(response)
    assert "(at most 2 workbooks of 200 KB each, a template of 64 KB" in text(response)


def test_one_file_over_its_limit_is_refused_as_it_streams_in(tmp_path: Path):
    web = make_web(tmp_path, SMALL)
    small = (io.BytesIO(sample_workbook().read_bytes()), "a.xlsx")
    large = (io.BytesIO(b"PK\x03\x04" + b"\0" * (SMALL.workbook_bytes + 1)), "b.xlsx")

    response = web.post("/check", {"workbooks": [small, large]})

    assert response.status_code == 413
    assert not list(web.workspace.root.rglob("*.xlsx"))  # nothing of it kept
    assert web.workspace.workbook is None


def test_more_files_than_allowed_are_refused(tmp_path: Path):
    web = make_web(tmp_path, SMALL)
    copies = [(io.BytesIO(sample_workbook().read_bytes()), f"{n}.xlsx") for n in range(3)]

    response = web.post("/check", {"workbooks": copies})

    assert response.status_code == 413
    assert web.workspace.workbook is None


def test_a_form_that_takes_no_file_takes_none(web: Web):
    web.post("/sample")
    sneaked = (io.BytesIO(b"x" * 100), "extra.bin")

    response = web.post("/letters/choices", {"keep_informed": "1", "extra": sneaked})

    assert response.status_code == 413
    assert web.workspace.letters.keep_informed is False


def test_an_oversized_config_file_is_refused(tmp_path: Path):
    web = make_web(tmp_path, SMALL)
    config = (io.BytesIO(b"# " + b"x" * (2 * KiB)), "big.toml")

    assert web.post("/new-workbook", {"config": config}).status_code == 413


# --- Downloads and headers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/files/unknown", "/files/..%2F..%2Fetc%2Fpasswd", "/files/../../etc/passwd", "/files/"],
)
def test_downloads_are_by_id_never_by_path(web: Web, path: str):
    web.post("/sample")

    response = web.get(path)

    assert response.status_code == 404
    assert "root:" not in response.get_data(as_text=True)


def test_download_names_are_safe(web: Web):
    hostile = "R\u00e9sum\u00e9: plan <v2> | \u202egpj.xlsx"  # reads "xlsx.jpg" right to left
    web.check((io.BytesIO(sample_workbook().read_bytes()), hostile))

    download = web.download(web.get("/check"), "Download the annotated copy")

    assert download.status_code == 200
    disposition = download.headers["Content-Disposition"]
    plain, encoded = disposition.removeprefix("attachment; ").split("; ")
    assert plain == 'filename="Resume- plan -v2 - gpj-annotated.xlsx"'
    assert unquote(encoded.removeprefix("filename*=UTF-8''")) == (
        "R\u00e9sum\u00e9- plan -v2 - gpj-annotated.xlsx"
    )
    assert disposition.isascii() and disposition.isprintable()


@pytest.mark.parametrize("path", ["/", "/check", "/static/coalition.js", "/nowhere"])
def test_every_answer_carries_the_content_security_policy(web: Web, path: str):
    response = web.get(path)

    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY  # no inline script, none from elsewhere
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_pages_have_no_inline_script_or_style(web: Web):
    web.post("/sample")
    for path in ("/", "/check", "/briefing", "/letters", "/letters/preview/5"):
        page = html(web.get(path))
        assert all(script.get("src") for script in page.xpath("//script"))
        assert not page.xpath("//style | //*[@style] | //*[@onclick] | //*[@onsubmit]")


def test_a_bug_is_one_sentence_and_no_traceback(web: Web, monkeypatch: pytest.MonkeyPatch):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a secret detail /home/someone/.ssh")

    monkeypatch.setattr("generator.web.pages.check.check_copies", broken)
    web.app.logger.disabled = True  # the terminal would show it; the test need not

    response = web.post("/check", {"workbooks": [(io.BytesIO(b"x"), "a.xlsx")]})

    assert response.status_code == 500
    words = text(response)
    assert "Something went wrong inside coalition: this is a bug." in words
    assert "Traceback" not in words and "secret detail" not in words


def test_the_readme_states_the_limits_enforced():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

    assert (
        f"| workbooks checked at once | {LIMITS.workbooks}, of {size(LIMITS.workbook_bytes)} each |"
        in readme
    )
    assert f"| a letter template | {size(LIMITS.template_bytes)} |" in readme
    assert f"| an option lists file | {size(LIMITS.config_bytes)} |" in readme
    assert f"| a form without files | {size(LIMITS.form_bytes)} |" in readme


def test_a_page_asked_the_wrong_way_says_so(web: Web):
    response = web.get("/sample")  # a button's address, typed in

    assert response.status_code == 405
    assert "This address does not take that kind of request" in text(response)
