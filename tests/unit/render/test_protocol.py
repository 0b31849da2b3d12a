"""An export failure the page shows: said in the language of the worker's request, though the export service
that found it runs in none (it sends the message and its values; the worker translates them)."""

from __future__ import annotations

from dashboard.i18n import PSEUDO, use_language
from dashboard.render.protocol import BAD_REQUEST, TOO_SLOW_SERVICE, ExportFailed


def test_an_export_failure_is_said_in_the_workers_language() -> None:
    sent = ExportFailed(TOO_SLOW_SERVICE, seconds=30).wire()  # the service, in no request's language
    assert str(ExportFailed.from_wire(sent[2:])).startswith("the image took longer than 30 s")
    with use_language(PSEUDO):
        said = str(ExportFailed.from_wire(sent[2:]))
        assert "took longer" not in said and "30" in said
        assert "bad export request" not in str(ExportFailed(BAD_REQUEST, error="KeyError"))
    assert str(ExportFailed.from_wire(b"an older service's text")) == "an older service's text"
