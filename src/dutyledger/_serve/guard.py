"""What keeps the page safe: an upload limit, an access token off loopback, and CSRF tokens.

Pure ASGI middleware, so a request over the limit is refused before its body is read whole,
and a request without the token never reaches a page.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

__all__ = [
    "CSRF_COOKIE",
    "DEFAULT_UPLOAD_LIMIT",
    "TOKEN_COOKIE",
    "BodyLimit",
    "TokenGuard",
    "csrf_ok",
    "new_csrf",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024
"""Bytes a request body may hold: a county's list as xlsx, docx or PDF is well under 5 MB."""

CSRF_COOKIE = "dutyledger_csrf"
TOKEN_COOKIE = "dutyledger_token"


async def _plain(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse a request whose body is over ``limit`` bytes with 413, as it arrives."""

    def __init__(self, app: ASGIApp, *, limit: int = DEFAULT_UPLOAD_LIMIT) -> None:
        self.app = app
        self.limit = limit

    def _message(self) -> str:
        megabytes = self.limit / (1024 * 1024)
        return (
            f"上传文件过大：上限为 {megabytes:g} MB（dutyledger serve --max-upload 可调整）。\n"
            f"The upload is too large: the limit is {megabytes:g} MB "
            "(dutyledger serve --max-upload sets it).\n"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _plain(send, 413, self._message(), [])
                return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except _TooLarge:
            if not started:
                await _plain(send, 413, self._message(), [])


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return {}
    return {key: morsel.value for key, morsel in jar.items()}


class TokenGuard:
    """Let a request through only with the access token (when one is set).

    The token may come as ``Authorization: Bearer TOKEN``, as ``?token=TOKEN`` (the link
    ``dutyledger serve`` prints; the page then sets a cookie, so later links need no token),
    or as that cookie. Static assets need it too: nothing is served without it.
    """

    def __init__(self, app: ASGIApp, *, token: str | None) -> None:
        self.app = app
        self.token = token

    def _ok(self, offered: str | None) -> bool:
        return (
            offered is not None
            and self.token is not None
            and hmac.compare_digest(offered.encode("utf-8"), self.token.encode("utf-8"))
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.token is None or scope["type"] not in {"http", "websocket"}:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", ()))
        bearer = headers.get(b"authorization", b"").decode("latin-1")
        query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [None])[0]
        from_cookie = _cookies(scope).get(TOKEN_COOKIE)
        if self._ok(bearer.removeprefix("Bearer ").strip() or None) or self._ok(from_cookie):
            await self.app(scope, receive, send)
            return
        if self._ok(query):

            async def with_cookie(message: Message) -> None:
                if message["type"] == "http.response.start":
                    cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                    message["headers"] = [
                        *message.get("headers", ()),
                        (b"set-cookie", cookie.encode()),
                    ]
                await send(message)

            await self.app(scope, receive, with_cookie)
            return
        await _plain(
            send,
            401,
            "需要访问令牌：请使用 dutyledger serve 打印的链接。\n"
            "An access token is needed: open the link dutyledger serve printed.\n",
            [(b"www-authenticate", b"Bearer")],
        )


def new_csrf() -> str:
    """A fresh CSRF token for the cookie and the forms of a page."""
    return secrets.token_urlsafe(24)


def csrf_ok(cookie: str | None, form_value: object) -> bool:
    """Whether a form's CSRF token is the one in the visitor's cookie (double submit)."""
    if not cookie or not isinstance(form_value, str) or not form_value:
        return False
    return hmac.compare_digest(cookie.encode("utf-8"), form_value.encode("utf-8"))
