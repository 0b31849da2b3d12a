"""One chart for another site: /embed/<chart> with the page's query, framable (and only it), offline; the page's
'figures as of' and official-share line, the share buttons and the 'all data' downloads."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile

import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset
from dashboard.paths import PLOTLY_JS
from dashboard.state import default_state
from tests.dash_requests import Requests


@pytest.fixture(scope="module")
def client(dataset: Dataset):
    return create_app(dataset).server.test_client()


def test_an_embed_page_draws_the_chart_with_the_local_plotly(client) -> None:
    response = client.get("/embed/ranking?focus=riga")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<h1>Ranking: " in page and "Sources: " in page
    assert f'<script src="/assets/{PLOTLY_JS}"></script>' in page
    assert "http://" not in re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    figure = json.loads(re.search(r'id="embed-figure-data">(.*?)</script>', page, re.S).group(1))
    assert figure["data"] and "Riga" in json.dumps(figure)
    assert "Ignored in the link" not in page and 'href="/?focus=riga"' in page
    assert "select" not in page.lower().replace("select2d", "")  # no controls
    script = client.get("/embed-draw.js")
    assert script.status_code == 200 and "Plotly.newPlot" in script.get_data(as_text=True)
    assert client.get(f"/assets/{PLOTLY_JS}").status_code == 200


def test_only_embed_pages_may_be_framed_by_other_sites(client) -> None:
    embed = client.get("/embed/map").headers["Content-Security-Policy"]
    page = client.get("/").headers["Content-Security-Policy"]
    assert "frame-ancestors *" in embed and "script-src 'self'" in embed
    assert "frame-ancestors 'self'" in page


def test_an_unknown_chart_is_a_404_page_that_names_the_charts(client) -> None:
    response = client.get("/embed/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and "No chart called" in page and "<script>alert" not in page
    assert "ranking, map, scatter" in page


@pytest.mark.parametrize("query", ["year=abc&measure=zzz", "focus=%00%3Cb%3E", "x=" + "a" * 3000])
def test_a_bad_query_value_gives_the_default_and_is_listed(client, query: str) -> None:
    response = client.get(f"/embed/trend?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Ignored in the link: " in page and "<b>" not in page
    if query.startswith("year"):
        assert "year=abc" in page and "measure=zzz" in page


def test_the_embed_route_follows_the_base_path(dataset: Dataset) -> None:
    client = create_app(dataset, url_base_pathname="/baltmet/").server.test_client()
    page = client.get("/baltmet/embed/shares").get_data(as_text=True)
    assert f'src="/baltmet/assets/{PLOTLY_JS}"' in page and 'src="/baltmet/embed-draw.js"' in page
    assert client.get("/embed/shares").status_code == 404
    assert client.get("/baltmet/embed-draw.js").status_code == 200


def test_the_page_says_how_current_and_how_official_its_figures_are(client) -> None:
    layout = json.dumps(client.get("/_dash-layout").get_json(), ensure_ascii=False)
    line = re.search(r"Figures as of [^\"]*?come from official statistics", layout)
    assert line and re.search(r"Figures as of [A-Z][a-z]+ \d\d?, 2026", line.group(0))
    assert re.search(r"\d+ of \d+ figures shown", line.group(0))
    for ident in ("copy-link", "copy-link-status", "embed-open", "embed-snippet", "embed-copy"):
        assert f'"id": "{ident}"' in layout
    assert "All data (CSV tables + README, zip)" in layout and "All data (Excel, one sheet per table)" in layout


def test_the_view_callback_updates_the_line(client, dataset: Dataset) -> None:
    body = Requests(client).post("..view-state.data", {"url": "?focus=riga&edition=baltmet"}, "url.search")
    assert "come from official statistics" in body["response"]["view-provenance"]["children"]


@pytest.mark.parametrize(("what", "suffix"), [("all-csv", ".zip"), ("all-xlsx", ".xlsx")])
def test_all_data_downloads_from_the_menu(dataset: Dataset, what: str, suffix: str) -> None:
    trigger = {"type": "download", "what": what}
    requests = Requests(create_app(dataset).server.test_client(), extra_ids=(trigger,))
    body = requests.post("..download.data", {"view-state": default_state(dataset).to_dict(),
                                             json.dumps(trigger, sort_keys=True): 1},
                         json.dumps(trigger, separators=(",", ":"), sort_keys=True) + ".n_clicks")["response"]
    download = body["download"]["data"]
    assert download["filename"].startswith("baltic-metropoles_all-data_") and download["filename"].endswith(suffix)
    payload = base64.b64decode(download["content"])
    if suffix == ".zip":
        assert any(n.endswith("/values.csv") for n in zipfile.ZipFile(io.BytesIO(payload)).namelist())


def test_hostile_queries_get_the_default_chart_never_an_error(client) -> None:
    from tests.app.test_hardening import hostile_queries

    for query in hostile_queries(60):
        response = client.get(f"/embed/ranking{query}")
        page = response.get_data(as_text=True)
        assert response.status_code == 200, query
        assert "<script>alert" not in page and "<img" not in page


def test_an_embedded_chart_is_described_in_words_for_screen_readers(dataset) -> None:
    from dashboard.app_factory import create_app

    page = create_app(dataset).server.test_client().get("/embed/ranking?focus=riga").get_data(as_text=True)
    assert 'role="figure"' in page and 'aria-describedby="embed-summary"' in page
    summary = page.split('id="embed-summary"', 1)[1].split("</p>", 1)[0]
    assert "Ranking: Population" in summary and "Riga" in summary
