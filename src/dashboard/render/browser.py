"""One warm kaleido (headless Chromium with plotly.js) per process, called synchronously.

kaleido reloads its page after every image, so each image starts plotly.js cold: about 0.1 s of
a 0.3 s export. ``WarmKaleido`` reloads after every ``RELOAD_EVERY`` images instead, which still
clears whatever the page gathers over time (plotly's ``toImage`` already draws each image into a
fresh element and removes it). kaleido's own sync helpers always build a plain ``Kaleido``, so
this module runs the subclass on an event loop of its own.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import os
import threading
from pathlib import Path
from typing import Any

import kaleido

from dashboard.render.protocol import SOCKET_ENV, TOO_SLOW, ExportFailed, request_image

RELOAD_EVERY = 25
TIMEOUT_S = 30  # shorter than gunicorn's 60 s: the user gets a message, not a killed worker


class WarmKaleido(kaleido.Kaleido):
    """kaleido.Kaleido that keeps its page between images (see the module docstring)."""

    served = 0

    async def _return_kaleido_tab(self, tab) -> None:  # kaleido 1.5's hook that reloads after each image
        self.served += 1
        if self.served % RELOAD_EVERY == 0:
            await super()._return_kaleido_tab(tab)
        else:
            await self.tabs_ready.put(tab)


class ExportBrowser:
    """Starts on first use; ``calc_fig`` blocks the calling thread until the image is ready."""

    def __init__(self, plotlyjs: Path, local_only: bool = False) -> None:
        self._plotlyjs = plotlyjs
        self._local_only = local_only  # the export service's own browser never forwards
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: WarmKaleido | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        """This process's own browser is up (the export service's state is asked of it: image.export_state)."""
        return self._kaleido is not None

    def start(self) -> None:
        with self._lock:
            if self._kaleido is not None:
                return
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="export-browser", daemon=True).start()
            self._kaleido = self._run(self._open(), loop)
            self._loop = loop
            atexit.register(self.close)

    async def _open(self) -> WarmKaleido:
        browser = WarmKaleido(n=1, mathjax=False, plotlyjs=self._plotlyjs)
        await browser.open()
        return browser

    def calc_fig(self, spec: dict[str, Any], opts: dict[str, Any], topojson: str,
                 timeout: float = TIMEOUT_S) -> bytes:
        """The image. Where gunicorn started an export service (one browser for all workers), it renders
        there; else here, in this process's own browser. A timeout restarts the browser and raises."""
        service = os.environ.get(SOCKET_ENV)
        if service and not self._local_only:
            return request_image(service, spec, opts, topojson, timeout)
        self.start()
        assert self._kaleido is not None and self._loop is not None
        try:
            return self._run(self._kaleido.calc_fig(spec, opts, topojson=topojson), self._loop, timeout)
        except (TimeoutError, concurrent.futures.TimeoutError) as err:
            if self._local_only:
                raise TimeoutError(str(err)) from err
            self.restart()
            raise ExportFailed(TOO_SLOW, seconds=round(timeout)) from err

    def restart(self) -> None:
        """Close the browser (it may be stuck); the next image starts a fresh one."""
        try:
            self.close()
        except Exception:  # a stuck browser may not close cleanly; its process ends with ours
            self._kaleido = self._loop = None

    def close(self) -> None:
        with self._lock:
            browser, loop, self._kaleido, self._loop = self._kaleido, self._loop, None, None
        if browser is not None and loop is not None:
            try:
                self._run(browser.close(), loop, timeout=10)
            finally:
                loop.call_soon_threadsafe(loop.stop)

    @staticmethod
    def _run(coroutine, loop: asyncio.AbstractEventLoop, timeout: float = TIMEOUT_S):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout)
