"""Start: a new workbook for the community (``coalition new-workbook``), or the sample to try."""

from __future__ import annotations

import shutil

from flask import Blueprint, Response, redirect, request, send_file, url_for

from generator.common.errors import CoalitionError
from generator.demo.sample import sample_workbook
from generator.excel.writer import write_workbook
from generator.web.pages import show, workspace
from generator.web.pages.check import check_copies
from generator.web.security import Upload, accepts
from generator.web.uploads import Saved, chosen, save_uploads
from generator.worksheet import WORKBOOK_NAME
from generator.worksheet.config import load_config

blueprint = Blueprint("start", __name__)

CONFIG_FALLBACK = "coalition.toml"


@blueprint.get("/")
def page() -> tuple[str, int]:
    return show("start.html")


@blueprint.post("/new-workbook")
@accepts(lambda limits: Upload(1, limits.config_bytes))
def new_workbook() -> Response | tuple[str, int]:
    """The workbook as a download; the page stays as it is, ready for the next."""
    ws = workspace()
    community = " ".join(request.form.get("community", "").split())
    folder = ws.folder("new-workbook")
    try:
        config_path = None
        if chosen(request.files.getlist("config")):
            (saved,) = save_uploads(
                request.files.getlist("config"),
                folder / "config",
                most=1,
                fallback=CONFIG_FALLBACK,
                what="a config file",
            )
            ws.name(saved.path, saved.name)
            config_path = saved.path
        config = load_config(config_path)
        path = write_workbook(
            folder / WORKBOOK_NAME, config.vocabulary, community or config.community
        )
    except CoalitionError as error:
        return show("start.html", 400, error=ws.tell(str(error)), community=community)
    return send_file(path, as_attachment=True, download_name=path.name, max_age=0)


@blueprint.post("/sample")
def sample() -> Response:
    """The Forest City sample, checked as if uploaded: to try every page without a workbook."""
    ws = workspace()
    folder = ws.folder("check")
    copies = folder / "copies"
    copies.mkdir()
    source = sample_workbook()
    shutil.copyfile(source, copies / source.name)
    check_copies(ws, folder, [Saved(copies / source.name, source.name)])
    return redirect(url_for("check.page"), 303)
