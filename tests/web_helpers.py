"""The pages through Flask's test client, as a browser would use them: key, cookie, CSRF token."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from generator.web.app import create_app
from generator.web.security import LIMITS, Limits
from generator.web.workspace import Workspace

TOKEN = "the-key-printed-by-coalition-serve"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"

Files = Mapping[str, Any]


def text(response: TestResponse) -> str:
    """What a person reads on the page: its text, spaces collapsed."""
    return " ".join(lxml.html.fromstring(response.get_data(as_text=True)).text_content().split())


def html(response: TestResponse) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(response.get_data(as_text=True))


def table_rows(response: TestResponse, selector: str) -> list[list[str]]:
    """The cells of the body rows of the tables matching ``selector`` (an XPath)."""
    rows = []
    for row in html(response).xpath(f"{selector}//tbody/tr"):
        rows.append([" ".join(cell.text_content().split()) for cell in row.xpath("./td")])
    return rows


def upload(path: Path, name: str | None = None) -> tuple[io.BytesIO, str]:
    return io.BytesIO(path.read_bytes()), name or path.name


@dataclass
class Web:
    """One server's app and a browser's worth of client."""

    app: Flask
    client: FlaskClient
    workspace: Workspace

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.client.get(path, base_url=BASE, **kwargs)

    def csrf(self) -> str:
        page = self.get("/").get_data(as_text=True)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert match, "the start page has no form"
        return match.group(1)

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> TestResponse:
        """A form sent as the page sends it (with its CSRF token)."""
        form = {"csrf_token": self.csrf(), **(data or {})}
        return self.client.post(
            path, data=form, base_url=BASE, content_type="multipart/form-data", **kwargs
        )

    def check(self, *paths: Path | tuple[io.BytesIO, str]) -> TestResponse:
        files = [upload(p) if isinstance(p, Path) else p for p in paths]
        return self.post("/check", {"workbooks": files})

    def download(self, response: TestResponse, label: str) -> TestResponse:
        """Follow the link whose text starts with ``label``."""
        (href,) = [
            a.get("href")
            for a in html(response).xpath("//a")
            if " ".join(a.text_content().split()).startswith(label)
        ][:1] or [None]
        assert href, f"no link {label!r} on the page"
        return self.get(href)

    def wait_for_letters(self, tries: int = 600) -> dict[str, Any]:
        """Poll the batch's progress, as the page's script does, until it is finished."""
        for _ in range(tries):
            state = self.get("/letters/progress").get_json()
            if state["finished"]:
                return state
            time.sleep(0.1)
        raise AssertionError("the batch of letters did not finish")


def make_web(root: Path, limits: Limits = LIMITS) -> Web:
    workspace = Workspace(root, keep=False)  # as without --folder: the folder is not shown
    app = create_app(workspace, token=TOKEN, port=PORT, limits=limits)
    client = app.test_client()
    assert client.get(f"/?token={TOKEN}", base_url=BASE).status_code == 303  # the cookie
    return Web(app, client, workspace)
