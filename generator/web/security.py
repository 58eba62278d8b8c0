"""What keeps the local page private to the person who started it, and its uploads bounded.

The server listens on 127.0.0.1 only, but any web page open in the same browser, and any program
on the machine, can send requests there. So, before any view runs:

* the Host header must be this server's own address, which defeats DNS rebinding (a site that
  points its own name at 127.0.0.1 to read the answers);
* the request must carry the random key printed by ``coalition serve``: in the address the
  first time (it is then kept in a cookie and dropped from the address), in the cookie after;
* every form is protected against cross-site requests by Flask-WTF's CSRF token;
* uploads are limited before they are read: the whole request by ``max_content_length``
  (refused on its declared length, before a byte of the body), every file as it streams in
  (:class:`LimitedRequest`), and the number of parts;
* every answer carries a Content Security Policy that allows nothing from elsewhere, no inline
  script and no framing.
"""

from __future__ import annotations

import hmac
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, TypeVar
from urllib.parse import urlencode

from flask import Flask, Request, Response, redirect, render_template, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.exceptions import RequestEntityTooLarge

KiB = 1024
MiB = 1024 * KiB

#: The query parameter that carries the key in the printed address.
TOKEN_PARAMETER = "token"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    # Pages show one person's workbooks: nothing is kept by the browser or a proxy.
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Limits:
    """How much one request may send. Generous for a coalition plan: the sample workbook is
    about 40 KB, the letter template 20 KB."""

    workbooks: int = 10  # copies checked (and merged) at once
    workbook_bytes: int = 10 * MiB
    template_bytes: int = 10 * MiB
    config_bytes: int = 256 * KiB
    form_bytes: int = 64 * KiB  # a form without files, and the fields beside files

    @property
    def largest_request(self) -> int:
        """The most any one request may send; the WSGI server refuses more before reading."""
        largest_upload = max(
            self.workbooks * self.workbook_bytes, self.template_bytes, self.config_bytes
        )
        return largest_upload + self.form_bytes


LIMITS = Limits()


@dataclass(frozen=True)
class Upload:
    """What one view accepts: ``count`` files of at most ``each`` bytes."""

    count: int
    each: int


View = TypeVar("View", bound=Callable[..., Any])


def accepts(limit: Callable[[Limits], Upload]) -> Callable[[View], View]:
    """Declare the files a view accepts, as a function of the app's limits; the gate applies it
    before the request's body is read."""

    def mark(view: View) -> View:
        view.upload_limit = limit  # type: ignore[attr-defined]
        return view

    return mark


class LimitedFile(tempfile.SpooledTemporaryFile):  # type: ignore[type-arg]
    """An uploaded file as werkzeug receives it, refused as soon as it grows past its limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(max_size=1 * MiB, mode="w+b")
        self.limit = limit
        self.size = 0

    def write(self, data: Any) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise RequestEntityTooLarge()
        return super().write(data)


class LimitedRequest(Request):
    """A request whose file parts stream into :class:`LimitedFile`."""

    file_limit: int = 0  # set by the gate; no view that accepts no files gets any

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        if content_length is not None and content_length > self.file_limit:
            raise RequestEntityTooLarge()
        return LimitedFile(self.file_limit)


def install(app: Flask, *, token: str, hosts: set[str], limits: Limits) -> None:
    """Guard every request of ``app``: Host, key, upload limits, CSRF, and the answers' headers."""
    cookie = f"coalition-key-{secrets.token_hex(4)}"  # servers on other ports keep their own
    app.request_class = LimitedRequest
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),
        SESSION_COOKIE_NAME=f"coalition-session-{secrets.token_hex(4)}",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=limits.form_bytes,
        MAX_FORM_PARTS=20,
        # The key and the secret live as long as the server: a form left open for an afternoon
        # still works.
        WTF_CSRF_TIME_LIMIT=None,
        COALITION_LIMITS=limits,
    )

    @app.before_request
    def gate() -> Response | None:
        if request.host not in hosts:
            message = f"This page answers only at http://{sorted(hosts)[0]}/."
            return refusal("Wrong address", message, 400)
        given = request.args.get(TOKEN_PARAMETER)
        if given is not None and hmac.compare_digest(given, token):
            # Keep the key in a cookie and take it out of the address, the history and the
            # address bar. Lax: the printed link may be opened from another program.
            rest = {k: v for k, v in request.args.items(multi=True) if k != TOKEN_PARAMETER}
            target = request.path + (f"?{urlencode(rest)}" if rest else "")
            response = redirect(target, 303)
            response.set_cookie(cookie, token, httponly=True, samesite="Lax", path="/")
            return response
        if not hmac.compare_digest(request.cookies.get(cookie, ""), token):
            return refusal(
                "Key needed",
                "This page opens only from the address that coalition serve printed, with its "
                "key (?token=…); open that address again.",
                403,
            )
        view = app.view_functions.get(request.endpoint or "")
        limit = getattr(view, "upload_limit", None)
        if limit is not None and request.method == "POST":
            upload: Upload = limit(limits)
            request.max_content_length = upload.count * upload.each + limits.form_bytes
            request.max_form_parts = upload.count + 20
            request.file_limit = upload.each  # type: ignore[attr-defined]
        return None

    def refusal(title: str, message: str, status: int) -> Response:
        page = render_template("problem.html", title=title, message=message, nav=False)
        return app.make_response((page, status))

    CSRFProtect(app)  # after the gate: a request without the key is not read at all

    @app.after_request
    def headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
