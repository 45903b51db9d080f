"""The pages of ``dutyledger serve`` and the app that routes to them.

Every page is rendered on the server from the library's own functions: the edition's lists,
``diff`` and the staff report, ``check``. Forms that write (an upload saved as a draft, notes)
carry a CSRF token; every text is escaped by the templates (autoescape).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dutyledger._serve import pair_notes, views
from dutyledger._serve.guard import (
    CSRF_COOKIE,
    DEFAULT_UPLOAD_LIMIT,
    BodyLimit,
    TokenGuard,
    csrf_ok,
    new_csrf,
)
from dutyledger._serve.labels import LABELS, Lang, lang_of
from dutyledger._serve.shelf import UPLOAD_PREFIX, Shelf
from dutyledger.exceptions import DutyLedgerError

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent
LANG_COOKIE = "dutyledger_lang"
_LOG = logging.getLogger("dutyledger.serve")
_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class _Page:
    """What every page needs: the shelf, the templates, the language and the CSRF token."""

    def __init__(self, shelf: Shelf, upload_limit: int) -> None:
        self.shelf = shelf
        self.upload_limit = upload_limit
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["urlquote"] = lambda value: quote(str(value), safe="")

    def render(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> Response:
        lang = self.lang(request)
        csrf = request.cookies.get(CSRF_COOKIE) or new_csrf()
        query = dict(request.query_params)
        query.pop("lang", None)
        query.pop("token", None)
        switch = {**query, "lang": "zh" if lang == "en" else "en"}
        html = self.env.get_template(template).render(
            t=LABELS[lang],
            lang=lang,
            csrf=csrf,
            path=request.url.path,
            switch_url=f"{request.url.path}?{urlencode(switch)}",
            upload_limit_mb=f"{self.upload_limit / (1024 * 1024):g}",
            **context,
        )
        response = HTMLResponse(html, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != csrf:
            response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        if "lang" in request.query_params:
            response.set_cookie(LANG_COOKIE, lang, samesite="lax")
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; frame-ancestors 'self'; form-action 'self'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    def lang(self, request: Request) -> Lang:
        return lang_of(request.query_params.get("lang") or request.cookies.get(LANG_COOKIE))

    @contextlib.asynccontextmanager
    async def form(self, request: Request) -> AsyncIterator[Any]:
        """The posted form, after its CSRF token was checked against the cookie; closed after."""
        form = await request.form(max_files=2, max_fields=50, max_part_size=1024 * 1024)
        try:
            if not csrf_ok(request.cookies.get(CSRF_COOKIE), form.get("csrf")):
                raise HTTPException(
                    403,
                    "表单已过期或来源不明，请刷新页面后重试。/ The form expired or did not come "
                    "from this page: reload it and try again.",
                )
            yield form
        finally:
            await form.close()


class _Routes:
    """The pages, one method each."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.shelf = page.shelf

    async def editions(self, request: Request) -> Response:
        entries = await run_in_threadpool(self.shelf.entries)
        return self.page.render(
            request,
            "editions.html",
            entries=entries,
            broken=await run_in_threadpool(self.shelf.broken),
            default_old=views.default_pair(entries)[0],
            default_new=views.default_pair(entries)[1],
        )

    async def edition(self, request: Request) -> Response:
        name = request.path_params["name"]
        loaded = await run_in_threadpool(self.shelf.load, name)
        listing = views.edition_view(
            loaded,
            query=request.query_params.get("q", ""),
            category=request.query_params.get("category", ""),
            department=request.query_params.get("department", ""),
        )
        return self.page.render(request, "edition.html", name=name, edition=loaded, view=listing)

    async def compare(self, request: Request) -> Response:
        old_name, new_name = self._pair(request)
        view = await run_in_threadpool(
            views.compare_view, self.shelf, old_name, new_name, self.page.lang(request)
        )
        return self.page.render(request, "compare.html", view=view, old=old_name, new=new_name)

    async def report(self, request: Request) -> Response:
        old_name, new_name = self._pair(request)
        data = await run_in_threadpool(
            views.report_bytes, self.shelf, old_name, new_name, "html", self.page.lang(request)
        )
        return Response(data, media_type="text/html; charset=utf-8")

    async def download(self, request: Request) -> Response:
        old_name, new_name = self._pair(request)
        fmt = request.path_params["fmt"]
        if fmt not in views.DOWNLOADS:
            raise HTTPException(404, f"no download format {fmt!r}")
        data = await run_in_threadpool(
            views.report_bytes, self.shelf, old_name, new_name, fmt, self.page.lang(request)
        )
        filename = views.download_name(old_name, new_name, fmt)
        return Response(
            data,
            media_type=views.DOWNLOADS[fmt],
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
            },
        )

    async def upload(self, request: Request) -> Response:
        async with self.page.form(request) as form:
            file = form.get("file")
            base = str(form.get("base", ""))
            date = str(form.get("date", "")).strip()
            if not isinstance(file, UploadFile) or not file.filename:
                raise HTTPException(400, "请选择要上传的文件。/ Choose a file to upload.")
            if date and not _DATE.fullmatch(date):
                raise HTTPException(
                    400, f"日期应为 YYYY-MM 或 YYYY-MM-DD / expected YYYY-MM: {date!r}"
                )
            data = await file.read()
            meta_file = form.get("meta")
            meta = None
            if isinstance(meta_file, UploadFile) and meta_file.filename:
                meta = (await meta_file.read(), meta_file.filename)
        name = await run_in_threadpool(
            functools.partial(
                views.accept_upload,
                self.shelf,
                (data, file.filename),
                base,
                date=date or None,
                meta=meta,
            )
        )
        return RedirectResponse(f"/compare?{urlencode({'old': base, 'new': name})}", 303)

    async def save_draft(self, request: Request) -> Response:
        async with self.page.form(request) as form:
            name = str(form.get("name", ""))
        saved = await run_in_threadpool(self.shelf.save_draft, name)
        return RedirectResponse(f"/editions/{quote(saved)}", 303)

    async def check(self, request: Request) -> Response:
        name = request.query_params.get("edition")
        findings = None
        if name:
            findings = await run_in_threadpool(views.check_view, self.shelf.load(name), name)
        return self.page.render(
            request, "check.html", name=name, findings=findings, names=self.shelf.names()
        )

    async def check_upload(self, request: Request) -> Response:
        async with self.page.form(request) as form:
            file = form.get("file")
            if not isinstance(file, UploadFile) or not file.filename:
                raise HTTPException(400, "请选择要检查的文件。/ Choose a file to check.")
            data = await file.read()
            filename, base = file.filename, str(form.get("base", ""))
        findings = await run_in_threadpool(views.check_upload, self.shelf, data, filename, base)
        return self.page.render(
            request, "check.html", name=filename, findings=findings, names=self.shelf.names()
        )

    async def save_note(self, request: Request) -> Response:
        async with self.page.form(request) as form:
            values = {k: str(form.get(k, "")) for k in ("old", "new", "key", "kind")}
            fields = {k: str(form.get(k, "")) for k in ("reason", "basis", "proposer", "remarks")}
        names = (values["old"], values["new"])
        if any(name.startswith(UPLOAD_PREFIX) for name in names):
            raise HTTPException(
                400,
                "请先将上传的清单保存为草稿版本，再填写说明。/ Save the upload as a draft "
                "edition first, then write its notes.",
            )
        await run_in_threadpool(
            pair_notes.save_note, self.shelf, names, values["key"], values["kind"], fields
        )
        anchor = "row-" + values["key"].replace("+", "-")
        query = urlencode({"old": names[0], "new": names[1]})
        return RedirectResponse(f"/compare?{query}#{quote(anchor)}", 303)

    async def history(self, request: Request) -> Response:
        query = request.query_params.get("item", "")
        view = await run_in_threadpool(views.history_view, self.shelf, query)
        return self.page.render(request, "history.html", view=view)

    async def timeline(self, request: Request) -> Response:
        data = await run_in_threadpool(views.timeline_html, self.shelf, self.page.lang(request))
        return Response(data, media_type="text/html; charset=utf-8")

    async def lang_switch(self, request: Request) -> Response:
        target = request.query_params.get("next", "/")
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        response = RedirectResponse(target, 303)
        response.set_cookie(LANG_COOKIE, lang_of(request.path_params["code"]), samesite="lax")
        return response

    @staticmethod
    def _pair(request: Request) -> tuple[str, str]:
        old_name = request.query_params.get("old", "")
        new_name = request.query_params.get("new", "")
        if not old_name or not new_name:
            raise HTTPException(400, "请选择两个版本。/ Choose two editions.")
        return old_name, new_name

    def routes(self) -> list[Route | Mount]:
        """The routing table."""
        return [
            Route("/", self.editions),
            Route("/editions/{name}", self.edition),
            Route("/compare", self.compare),
            Route("/compare/report", self.report),
            Route("/compare/download/{fmt}", self.download),
            Route("/upload", self.upload, methods=["POST"]),
            Route("/drafts", self.save_draft, methods=["POST"]),
            Route("/notes", self.save_note, methods=["POST"]),
            Route("/check", self.check),
            Route("/check", self.check_upload, methods=["POST"]),
            Route("/history", self.history),
            Route("/timeline", self.timeline),
            Route("/lang/{code}", self.lang_switch),
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        ]


def create_app(
    *folders: str | Path,
    token: str | None = None,
    upload_limit: int = DEFAULT_UPLOAD_LIMIT,
) -> Any:
    """Return the ASGI app of the staff page over a folder of editions.

    Args:
        folders: The editions folders: their ``*.json`` files are the editions. The first is
            the ledger, where drafts and notes are saved; the others are only read.
        token: An access token every request must carry (required off loopback).
        upload_limit: The largest request body accepted, in bytes.

    Returns:
        The ASGI app, wrapped in the token guard and the upload limit.
    """
    page = _Page(Shelf(*(Path(f) for f in folders)), upload_limit)

    async def problem(request: Request, exc: Exception) -> Response:
        return page.render(request, "problem.html", status=400, message=str(exc))

    async def http_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return page.render(request, "problem.html", status=exc.status_code, message=exc.detail)

    async def internal(request: Request, exc: Exception) -> Response:
        _LOG.exception("internal error on %s", request.url.path)
        return page.render(request, "problem.html", status=500, message=None)

    app = Starlette(
        routes=_Routes(page).routes(),
        exception_handlers={
            DutyLedgerError: problem,
            HTTPException: http_problem,
            Exception: internal,
        },
    )
    return TokenGuard(BodyLimit(app, limit=upload_limit), token=token)
