"""The Flask application: the pages, the guards of :mod:`~generator.web.security`, the errors.

Errors are pages with one sentence, like the CLI's messages: a missing page, a refused upload,
a form from elsewhere. A bug of ours is one sentence too; its traceback goes to the terminal
where ``coalition serve`` runs, never to the page.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from generator.common.english import counted
from generator.plan.findings import summary
from generator.web.pages import STEPS, briefing, check, files, letters, start
from generator.web.security import LIMITS, KiB, Limits, MiB, install
from generator.web.workspace import Workspace

BUG = (
    "Something went wrong inside coalition: this is a bug. The terminal where coalition serve "
    "runs shows the details; please report them."
)


def size(count: int) -> str:
    """A number of bytes as people say it: "10 MB", "256 KB"."""
    if count >= MiB:
        return f"{count / MiB:.3g} MB"
    return f"{count / KiB:.3g} KB"


def create_app(workspace: Workspace, *, token: str, port: int, limits: Limits = LIMITS) -> Flask:
    """The app for one server: its working folder, its key, and the port it answers on."""
    app = Flask(__name__, static_folder=str(Path(__file__).parent / "static"))
    app.extensions["coalition.workspace"] = workspace
    install(app, token=token, hosts={f"127.0.0.1:{port}", f"localhost:{port}"}, limits=limits)
    for page in (start, check, briefing, letters, files):
        app.register_blueprint(page.blueprint)
    app.jinja_env.globals.update(
        steps=STEPS, counted=counted, summary=summary, limits=limits, size=size
    )
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True

    def problem(title: str, message: str, status: int) -> tuple[str, int]:
        return render_template("problem.html", title=title, message=message, ws=workspace), status

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
        message = (
            "That upload is larger than this page accepts (at most "
            f"{counted(limits.workbooks, 'workbook')} of {size(limits.workbook_bytes)} each, a "
            f"template of {size(limits.template_bytes)}, an option lists file of "
            f"{size(limits.config_bytes)}); nothing of it was kept."
        )
        return problem("Upload too large", message, 413)

    @app.errorhandler(CSRFError)
    def forged(error: CSRFError) -> tuple[str, int]:
        message = (
            "This form did not come from this page, or the server was restarted since it was "
            "opened; go back, reload the page and send it again."
        )
        return problem("Form refused", message, 400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        messages = {
            404: "There is no such page or file here; it may belong to an earlier workbook.",
            405: "This address does not take that kind of request; use the page's own buttons.",
        }
        message = messages.get(error.code or 500, error.description or "")
        return problem(error.name, message, error.code or 500)

    @app.errorhandler(Exception)
    def bug(error: Exception) -> tuple[str, int]:
        app.logger.exception("a page failed")
        return problem("Something went wrong", BUG, 500)

    return app
