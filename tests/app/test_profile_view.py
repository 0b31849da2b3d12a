"""The Profile tab: built in the same one request as the rest of the view, with its sources, and printable."""

from __future__ import annotations

import json

from dashboard.app_factory import create_app
from dashboard.state import default_state
from tests.dash_requests import Requests


def test_opening_the_profile_tab_answers_with_the_profile_in_the_same_request(dataset) -> None:
    requests = Requests(create_app(dataset).server.test_client())
    response = requests.post("..view-state.data", {"view-state": default_state(dataset).to_dict(),
                                                   "tabs": "profile"}, "tabs.active_tab")["response"]
    text = json.dumps(response["profile-view"]["children"], ensure_ascii=False)
    assert "Helsinki" in text and "profile-note-1" in text and "Then and now" in text
    assert response["view-state"]["data"]["tab"] == "profile"
    again = requests.post("..view-state.data", {"view-state": response["view-state"]["data"], "tabs": "profile",
                                                "profile-key": response["profile-key"]["data"],
                                                "theme-toggle": False}, "theme-toggle.value")["response"]
    assert "profile-view" not in again  # nothing the profile depends on changed: not rebuilt or resent


def test_the_profile_link_reopens_it(dataset) -> None:
    body = Requests(create_app(dataset).server.test_client()).post(
        "..view-state.data", {"url": "?tab=profile&focus=riga&edition=recent"}, "url.search")["response"]
    assert body["view-state"]["data"]["tab"] == "profile" and "Riga" in json.dumps(body["profile-view"])


def test_the_profile_downloads_as_a_pdf(needs_chromium, dataset) -> None:
    requests = Requests(create_app(dataset).server.test_client(),
                        extra_ids=({"type": "download", "what": "profile"},))
    trigger = {"type": "download", "what": "profile"}
    body = requests.post("..download.data", {"view-state": default_state(dataset).to_dict(),
                                             json.dumps(trigger, sort_keys=True): 1},
                         json.dumps(trigger, separators=(",", ":"), sort_keys=True) + ".n_clicks")["response"]
    download = body["download"]["data"]
    assert download["filename"] == "helsinki_profile_recent.pdf" and download["base64"] is True
