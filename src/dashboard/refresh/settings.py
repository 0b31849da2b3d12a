"""How long, how often and how much the refresh may ask of a publisher, and where each one lives.

Every bound has a default and an environment variable (``BALTMET_REFRESH_TIMEOUT=10``), so a slow link
or a test can change it without code; the base URLs can be pointed elsewhere (a mirror, or a test server
on 127.0.0.1) with ``BALTMET_REFRESH_URL_<PUBLISHER>`` or ``--base-url publisher=URL``, and the PxWeb
interface each office is asked through, in order of preference, with ``BALTMET_REFRESH_API_<OFFICE>=v2,v1``
or ``--api office=v2,v1``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from dashboard.i18n import _

MIB = 1024 * 1024
ENV = "BALTMET_REFRESH_"
# The publishers' own addresses. The refresh was written from their documentation and tested against
# recorded responses only: none of these could be reached from where it was built.
DEFAULT_BASE_URLS: dict[str, str] = {
    "eurostat": "https://ec.europa.eu/eurostat/api/dissemination",  # + /statistics/1.0/data/{code}
    "statfi": "https://pxdata.stat.fi/PxWeb/api/v1/en",  # Statistics Finland, PxWeb API v1
    "scb": "https://api.scb.se/OV0104/v1/doris/en/ssd",  # Statistics Sweden, PxWeb API v1 (promised through 2026)
    "scb_v2": "https://statistikdatabasen.scb.se/api/v2",  # Statistics Sweden, PxWebApi 2.0
    "ssb": "https://data.ssb.no/api/v0/en",  # Statistics Norway, PxWebApi v0
    "ssb_v2": "https://data.ssb.no/api/pxwebapi/v2",  # Statistics Norway, PxWebApi 2.0
    "dst": "https://api.statbank.dk/v1",  # Statistics Denmark, StatBank API
}
# Which PxWeb interfaces each office is asked through, in order: the next one is tried when one fails.
# BALTMET_REFRESH_API_SCB=v1 (or --api scb=v1) asks Statistics Sweden through API v1 only.
DEFAULT_APIS: dict[str, tuple[str, ...]] = {"statfi": ("v1",), "scb": ("v2", "v1"), "ssb": ("v1", "v2")}
API_CHOICES = ("v1", "v2")


class MissingBaseURL(LookupError):
    """Settings that name no base URL for a publisher's interface (the message says which)."""


@dataclass(frozen=True)
class Settings:
    """Bounds on one run. A request never waits longer than ``timeout`` for one answer; a failed one is
    tried ``retries`` more times, waiting ``backoff``, 2x, 4x ... (at most ``max_backoff``) between. A
    publisher's Retry-After longer than ``max_backoff`` is not waited for (the series fails, saying so). The
    whole run asks the publishers for at most ``budget`` seconds: no request or wait goes past it."""

    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 30.0
    budget: float = 1800.0  # the whole run's time with the publishers
    max_bytes: int = 16 * MIB  # one response, after decompression
    base_urls: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_BASE_URLS))
    apis: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_APIS))
    user_agent: str = "baltic-metropoles-refresh/0.2 (python urllib)"

    def base_url(self, publisher: str) -> str:
        """The base URL given for ``publisher``; MissingBaseURL when none was (never a default in its place:
        settings that point elsewhere must not reach a publisher by omission)."""
        if publisher not in self.base_urls:
            raise MissingBaseURL(_("no base URL for {publisher} ({variable})", publisher=publisher,
                                   variable=ENV + "URL_" + publisher.upper()))
        return self.base_urls[publisher].rstrip("/")

    def api_order(self, office: str) -> tuple[str, ...]:
        return tuple(self.apis.get(office) or DEFAULT_APIS.get(office) or ("v1",))


def parse_apis(office: str, text: str) -> tuple[str, ...]:
    """'v2,v1' -> ('v2', 'v1'); ValueError naming the office when it is not a list of known APIs."""
    order = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    if not order or any(api not in API_CHOICES for api in order) or len(set(order)) != len(order):
        raise ValueError(_("the API order for {office} must be {choices} or both, comma-separated, got {value}",
                           office=office, choices=", ".join(API_CHOICES), value=repr(text)))
    return order


def _number(name: str, default: float, kind: type) -> float:
    text = os.environ.get(ENV + name)
    if text is None or not text.strip():
        return default
    try:
        value = kind(float(text))
    except ValueError:
        raise ValueError(_("{setting} is not a number", setting=ENV + name + "=" + repr(text))) from None
    if value < 0 or (kind is not int and value == 0):
        raise ValueError(_("{setting} must be positive", setting=ENV + name + "=" + repr(text)))
    return value


def from_environment(overrides: Mapping[str, str] | None = None, apis: Mapping[str, str] | None = None,
                     **values: float | None) -> Settings:
    """The defaults, then the environment, then explicit values (CLI options); ``overrides`` are base URLs,
    ``apis`` the interface order per office ('scb' -> 'v1')."""
    base = Settings()
    order = dict(base.apis)
    for office in DEFAULT_APIS:
        env_api = os.environ.get(f"{ENV}API_{office.upper()}")
        if env_api:
            order[office] = parse_apis(office, env_api)
    for office, text in (apis or {}).items():
        if office not in DEFAULT_APIS:
            raise ValueError(_("unknown office '{office}' in --api; expected one of {offices}", office=office,
                               offices=", ".join(DEFAULT_APIS)))
        order[office] = parse_apis(office, text)
    urls = dict(base.base_urls)
    for publisher in urls:
        env_url = os.environ.get(f"{ENV}URL_{publisher.upper()}")
        if env_url:
            urls[publisher] = env_url
    for publisher, url in (overrides or {}).items():
        if publisher not in urls:
            raise ValueError(_("unknown publisher '{publisher}' in --base-url; expected one of {publishers}",
                               publisher=publisher, publishers=", ".join(urls)))
        urls[publisher] = url
    for publisher, url in urls.items():
        if not url.startswith(("http://", "https://")):
            raise ValueError(_("the base URL of {publisher} is not an http(s) URL: {url}", publisher=publisher,
                               url=repr(url)))
    settings = replace(
        base, base_urls=urls, apis=order,
        timeout=_number("TIMEOUT", base.timeout, float), retries=int(_number("RETRIES", base.retries, int)),
        backoff=_number("BACKOFF", base.backoff, float), budget=_number("BUDGET", base.budget, float),
        max_bytes=int(_number("MAX_BYTES", base.max_bytes, int)))
    explicit = {k: v for k, v in values.items() if v is not None}
    return replace(settings, **explicit) if explicit else settings
