"""Which language a page request is answered in: the link's ``?lang=``, else the reader's last choice (a
cookie), else the browser's Accept-Language (a first visit).

Dash fetches the page's layout in a second request (``_dash-layout``) that has no query string of its own;
it carries the page's address as its Referer (same origin), and the cookie set when the page was asked for.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, has_request_context, request

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, best_match, is_language, language_in_query

COOKIE = "baltmet_lang"
COOKIE_SECONDS = 365 * 24 * 3600
MAX_REFERRER_CHARS = 2048  # a header from the client: read at most this much


def _own_page_language() -> str | None:
    """The ``lang`` of the page a ``_dash-*`` request comes from: its Referer, when that is this server's page."""
    if "/_dash-" not in request.path:
        return None  # the page itself: its own address says, not the page a visitor came from
    referrer = urlsplit((request.referrer or "")[:MAX_REFERRER_CHARS])
    if referrer.netloc != request.host:
        return None
    return language_in_query(referrer.query)


def page_language() -> str:
    """The language of the page this request belongs to (English outside a request)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    asked = language_in_query(request.query_string.decode("latin-1")) or _own_page_language()
    if asked:
        return asked
    chosen = request.cookies.get(COOKIE)
    if is_language(chosen):
        return chosen  # type: ignore[return-value]
    return best_match(request.headers.get("Accept-Language"))


def remember_choice(server: Flask, index_path: str) -> None:
    """A page asked for with ``?lang=`` keeps that language for the reader's next visit without one."""

    @server.after_request
    def keep(response):
        if request.path == index_path or request.path.endswith("/_dash-layout"):
            response.vary.update(("Cookie", "Accept-Language"))  # the page's language depends on them
            response.headers["Cache-Control"] = "private, no-cache"
        asked = language_in_query(request.query_string.decode("latin-1"))
        if request.path == index_path and asked in LANGUAGES:  # the pseudo-language is a test, never remembered
            response.set_cookie(COOKIE, asked, max_age=COOKIE_SECONDS, path=index_path, samesite="Lax",
                                secure=request.is_secure, httponly=True)
        return response
