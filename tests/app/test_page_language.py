"""The page is served in the reader's language: ``<html lang>``, the language menu, and every fixed text of the
layout through the catalogs (checked with the pseudo-language, whose every message is accented in brackets)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset
from dashboard.i18n import LANGUAGES
from dashboard.paths import BUNDLED_DATA_DIR

PRODUCT = "Baltic Metropoles"
# Props whose strings a person reads (or hears); ids, classes, values and figures are not text.
TEXT_PROPS = {"children", "label", "title", "placeholder", "aria-label", "headerName"}
SKIPPED = {"id", "className", "style", "figure", "config", "href", "src", "value", "rowData", "tab_id", "html_for",
           "accept", "role", "active_tab", "type", "namespace"}
PSEUDO_MARK = re.compile(r"[\[\]ÅåÇçÐÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž]")
FORMAT_NAMES = {"PNG", "SVG", "PDF"}  # an export's format is the same word in every language


@pytest.fixture(scope="module")
def app(dataset: Dataset):
    return create_app(dataset)


def _view_language(layout: dict) -> str:
    store = next(n for n in _nodes(layout) if n.get("props", {}).get("id") == "view-state")
    return store["props"]["data"]["lang"]


def _nodes(node):
    if isinstance(node, dict):
        if "props" in node:
            yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def _texts(node, prop: str | None = None):
    """(prop, string) of every string a person reads in a layout's JSON."""
    if isinstance(node, dict):
        if node.get("type") == "Store":  # a store's data is state, not text (page-texts is checked on its own)
            return
        for key, value in node.items():
            if key not in SKIPPED:
                text_prop = key in TEXT_PROPS or key.startswith("data-")
                inherited = None if "props" in node or key == "props" else prop  # a component's own props
                yield from _texts(value, key if text_prop else inherited)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value, prop)
    elif isinstance(node, str) and prop is not None:
        yield prop, node


def _data_texts() -> list[str]:
    """Every text cell of the bundled data's tables (names, labels, units, sources, notes, gap reasons): they are
    translated by the data's own tables, not the catalogs, and the test data has none for the pseudo-language."""
    cells: set[str] = set()
    for path in BUNDLED_DATA_DIR.glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        cells.update(v.strip() for column in frame.columns for v in frame[column] if len(v.strip()) > 1)
    return sorted(cells | set(LANGUAGES.values()) | {PRODUCT}, key=len, reverse=True)


def test_a_first_visit_is_answered_in_the_browsers_language(app) -> None:
    client = app.server.test_client()
    headers = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}
    page = client.get("/", headers=headers).get_data(as_text=True)
    assert '<html lang="de">' in page
    layout = client.get("/_dash-layout", headers=headers).get_json()
    assert _view_language(layout) == "de"
    assert any(n["props"].get("id") == "language-menu" for n in _nodes(layout))


def test_the_links_lang_sets_the_page_and_its_layout(app) -> None:
    client = app.server.test_client()
    page = client.get("/?lang=fi", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert '<html lang="fi">' in page
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=fi", "Accept-Language": "sv"})
    assert _view_language(layout.get_json()) == "fi"
    ids = [n["props"].get("id") for n in _nodes(layout.get_json())]
    assert "language-menu" in ids and {"type": "language-link", "lang": "fi"} in ids


def test_english_is_the_page_as_it_was(app) -> None:
    client = app.server.test_client()
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    texts = " ".join(t for _, t in _texts(client.get("/_dash-layout").get_json()))
    for said in ("Figures of this view (CSV + README, zip)", "Add your data", "Focus region", "Compare on",
                 "Core cities", "Every figure names its territory, year and source.", "Preparing the file…"):
        assert said in texts


def test_every_fixed_text_of_the_pseudo_language_page_went_through_the_catalogs(app) -> None:
    client = app.server.test_client()
    layout = client.get("/_dash-layout?lang=qps").get_json()
    assert _view_language(layout) == "qps"
    data = _data_texts()
    plain = []
    for prop, text in _texts(layout):
        if PSEUDO_MARK.search(text):
            continue  # a catalog message (or a part of one around a link or a badge)
        rest = text
        for cell in data:
            if cell in rest:
                rest = rest.replace(cell, " ")
        words = [w for w in re.findall(r"[A-Za-z]{2,}", rest) if w not in FORMAT_NAMES and w != "qps"]
        if words:
            plain.append((prop, text))
    assert not plain, plain[:20]
    store = next(n for n in _nodes(layout) if n["props"].get("id") == "page-texts")
    said = store["props"]["data"]
    assert all(PSEUDO_MARK.search(v) for k, v in said.items() if isinstance(v, str) and k != "decimal-sign")
    assert all(PSEUDO_MARK.search(v) for v in said["chart-titles"].values())
    dom = next(n for n in _nodes(layout) if n["props"].get("id") == "page-texts-dom")
    assert dom["props"]["data-file-timeout"].count("{status}") == 1  # assets/request_errors.js fills it in


def test_the_embed_page_speaks_the_links_language(app) -> None:
    client = app.server.test_client()
    page = client.get("/embed/ranking?lang=qps&measure=zzz").get_data(as_text=True)
    assert '<html lang="qps">' in page
    note = re.search(r'<p class="note" role="status">(.*?)</p>', page).group(1)
    assert note.startswith("[") and "measure=zzz" in note
    foot = re.search(r'<p class="foot">(.*?)</p>', page).group(1)
    assert "Sources" not in foot and "dashboard<" not in foot and PRODUCT in foot
    missing = client.get("/embed/nothing?lang=fi")
    assert missing.status_code == 404 and '<html lang="fi">' in missing.get_data(as_text=True)
    assert '<html lang="en">' in client.get("/embed/ranking").get_data(as_text=True)


def test_the_view_callback_answers_in_the_views_language(app, dataset: Dataset) -> None:
    from dashboard.state import default_state
    from tests.dash_requests import Requests

    client = app.server.test_client()
    body = Requests(client).post("..view-state.data", {"url": "?lang=qps&measure=zzz",
                                                       "view-state": default_state(dataset).to_dict()}, "url.search")
    response = body["response"]
    assert response["view-state"]["data"]["lang"] == "qps"
    notice = response["url-notice"]["children"]
    assert notice.startswith("[") and "measure=zzz" in notice and "Ignored" not in notice
    heading = " ".join(t for _, t in _texts(response["region-heading"]["children"]))
    assert PSEUDO_MARK.search(heading) and "compared with" not in heading


def test_another_sites_address_does_not_choose_the_language(app) -> None:
    client = app.server.test_client()
    page = client.get("/", headers={"Referer": "https://other.example/page?lang=ru", "Accept-Language": "sv"})
    assert '<html lang="sv">' in page.get_data(as_text=True)
    layout = client.get("/_dash-layout", headers={"Referer": "https://other.example/?lang=ru", "Accept-Language": "sv"})
    assert _view_language(layout.get_json()) == "sv"


def test_a_link_with_many_settings_still_loads(app) -> None:
    query = "&".join(f"utm_{i}=x" for i in range(60)) + "&lang=fi"
    client = app.server.test_client()
    assert client.get(f"/?{query}").status_code == 200
    layout = client.get("/_dash-layout", headers={"Referer": f"http://localhost/?{query}"})
    assert layout.status_code == 200 and _view_language(layout.get_json()) == "fi"


def test_the_choice_is_remembered_but_never_the_pseudo_language(app) -> None:
    client = app.server.test_client()
    response = client.get("/?lang=lv")
    assert "baltmet_lang=lv" in response.headers.get("Set-Cookie", "")
    assert {"Cookie", "Accept-Language"} <= set(response.vary)
    assert "Set-Cookie" not in client.get("/?lang=qps").headers
    client.get("/?lang=lv")
    layout = client.get("/_dash-layout", headers={"Accept-Language": "de"})  # no lang in the address: the choice
    assert _view_language(layout.get_json()) == "lv"


@pytest.mark.parametrize(("budget", "built"), [(60.0, len(LANGUAGES)), (0.0, 1)], ids=["cheap", "costly"])
def test_every_languages_page_is_built_at_start_only_when_that_is_cheap(dataset: Dataset, monkeypatch, budget: float,
                                                                        built: int) -> None:
    from dashboard import app_factory

    made: list[str] = []
    real = app_factory.build_layout

    def counted(data, refused, lang):
        made.append(lang)
        return real(data, refused, lang)

    monkeypatch.setattr(app_factory, "build_layout", counted)
    monkeypatch.setattr(app_factory, "WARM_BUDGET_SECONDS", budget)
    app = app_factory.create_app(dataset, warm_languages=True)
    assert len(made) == built and made[0] == "en"  # before any request: shared by gunicorn's workers after the fork
    with app.server.test_request_context("/?lang=lv"):
        app.layout()
    assert made.count("lv") == 1  # built once: at start (cheap) or on its first request (costly)
