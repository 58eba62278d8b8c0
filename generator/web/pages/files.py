"""Downloads and preview pictures, by the random id the page was given: never by a path."""

from __future__ import annotations

from flask import Blueprint, Response, abort, send_file

from generator.web.pages import workspace

blueprint = Blueprint("files", __name__)


@blueprint.get("/files/<key>")
def download(key: str) -> Response:
    offered = workspace().offered(key)
    if offered is None or not offered.path.is_file():
        abort(404)
    return send_file(
        offered.path,
        mimetype=offered.mimetype,
        as_attachment=not offered.inline,
        download_name=offered.name,
        max_age=0,
    )
