"""Which language a page request is answered in: the link's ``?lang=``, else the reader's last choice (a
cookie), else the browser's Accept-Language (a first visit).

Dash fetches the page's layout in a second request (``_dash-layout``) that has no query string of its own;
it carries the page's address as its Referer (same origin), and the cookie set when the page was asked for.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from flask import Flask, has_request_context, request

from dashboard.i18n import DEFAULT_LANGUAGE, best_match, is_language

COOKIE = "baltmet_lang"
COOKIE_SECONDS = 365 * 24 * 3600
MAX_REFERRER_CHARS = 2048  # a header from the client: read at most this much


def _query_language(query: str) -> str | None:
    values = parse_qs(query[:MAX_REFERRER_CHARS], max_num_fields=40).get("lang") or [None]
    return values[-1] if is_language(values[-1]) else None


def page_language() -> str:
    """The language of the page this request belongs to (English outside a request)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    asked = request.args.get("lang")
    if is_language(asked):
        return asked  # type: ignore[return-value]
    referrer = _query_language(urlsplit((request.referrer or "")[:MAX_REFERRER_CHARS]).query)
    if referrer:
        return referrer
    chosen = request.cookies.get(COOKIE)
    if is_language(chosen):
        return chosen  # type: ignore[return-value]
    return best_match(request.headers.get("Accept-Language"))


def remember_choice(server: Flask, index_path: str) -> None:
    """A page asked for with ``?lang=`` keeps that language for the reader's next visit without one."""

    @server.after_request
    def keep(response):
        asked = request.args.get("lang")
        if request.path == index_path and is_language(asked):
            response.set_cookie(COOKIE, asked, max_age=COOKIE_SECONDS, path=index_path, samesite="Lax",
                                secure=request.is_secure, httponly=True)
        return response
