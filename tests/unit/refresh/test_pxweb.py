"""PxWeb tables read from their metadata: the variables found by meaning under old and new codes, the
queries of API v1 and PxWebApi 2.0, and one-line refusals when the metadata leaves a choice open."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from dashboard.refresh import pxweb
from dashboard.refresh.jsonstat import MalformedResponse
from tests.unit.refresh.server import fixture

HELSINKI = pxweb.Wanted(("KU091",), "vaesto", "Population")
SWEDEN = pxweb.Wanted(("0180", "1280"), "BE0101N1", "Population")


def _v1(*variables: dict[str, object]) -> bytes:
    return json.dumps({"title": "t", "variables": list(variables)}).encode()


def _var(code: str, text: str, values: list[str], **flags: bool) -> dict[str, object]:
    return {"code": code, "text": text, "values": values, "valueTexts": values, **flags}


def test_statistics_finland_since_june_2026_is_read_from_its_new_codes() -> None:
    selection = pxweb.select(pxweb.metadata_v1(fixture("statfi_11ra_metadata.json")), HELSINKI)
    assert (selection.area, selection.time, selection.contents) == ("alue_23_20260101", "timeperiod_y", "contentscode")
    assert selection.measure == "vaerak-vaesto"  # 'vaesto' with the analysis variable's new prefix
    assert selection.areas == ("KU091",) and selection.fixed == ()


def test_the_old_codes_still_work_when_the_metadata_has_them() -> None:
    selection = pxweb.select(pxweb.metadata_v1(fixture("statfi_11ra_metadata_old.json")), HELSINKI)
    assert (selection.area, selection.time, selection.contents, selection.measure) == ("Alue", "Vuosi", "Tiedot",
                                                                                       "vaesto")


def test_the_v1_query_is_built_from_the_metadata() -> None:
    selection = pxweb.select(pxweb.metadata_v1(fixture("statfi_11ra_metadata.json")), HELSINKI)
    request = pxweb.query_v1("https://pxdata.stat.fi/PxWeb/api/v1/en/StatFin/vaerak/11ra.px", selection)
    assert request.method == "POST" and request.url.endswith("/StatFin/vaerak/11ra.px")
    assert json.loads(request.body) == {
        "query": [{"code": "alue_23_20260101", "selection": {"filter": "item", "values": ["KU091"]}},
                  {"code": "contentscode", "selection": {"filter": "item", "values": ["vaerak-vaesto"]}},
                  {"code": "timeperiod_y", "selection": {"filter": "all", "values": ["*"]}}],
        "response": {"format": "json-stat2"}}


def test_pxwebapi_2_metadata_and_query() -> None:
    metadata = pxweb.metadata_v2(fixture("scb_tab638_metadata.json"))
    selection = pxweb.select(metadata, SWEDEN)
    assert (selection.area, selection.time, selection.contents, selection.measure) == ("Region", "Tid",
                                                                                       "ContentsCode", "BE0101N1")
    assert selection.eliminated == ("Civilstand", "Alder", "Kon")  # left out: the table sums them
    request = pxweb.query_v2("https://statistikdatabasen.scb.se/api/v2/tables/TAB638", selection)
    parts = urlsplit(request.url)
    assert request.method == "GET" and parts.path == "/api/v2/tables/TAB638/data"
    assert parse_qsl(parts.query) == [("lang", "en"), ("valuecodes[Region]", "0180,1280"),
                                      ("valuecodes[ContentsCode]", "BE0101N1"), ("valuecodes[Tid]", "*"),
                                      ("outputFormat", "json-stat2")]
    assert pxweb.metadata_request(pxweb.V2, "https://x/api/v2/tables/TAB638").url == \
        "https://x/api/v2/tables/TAB638/metadata?lang=en"


def test_statistics_norway_v0_metadata() -> None:
    selection = pxweb.select(pxweb.metadata_v1(fixture("ssb_06913_metadata.json")),
                             pxweb.Wanted(("0301",), "Folkemengde", "Population 1 January"))
    assert (selection.area, selection.contents, selection.measure, selection.time) == ("Region", "ContentsCode",
                                                                                       "Folkemengde", "Tid")


def test_a_renamed_measure_is_found_by_its_text() -> None:
    body = _v1(_var("alue_23_20270101", "Area", ["KU091"], elimination=True),
               {"code": "contentscode", "text": "Information", "values": ["vaerak-vaesto_2027", "vaerak-muu"],
                "valueTexts": ["Population", "Other"]},
               _var("timeperiod_y", "Year", ["2025"], time=True))
    assert pxweb.select(pxweb.metadata_v1(body), HELSINKI).measure == "vaerak-vaesto_2027"


def test_a_variable_with_one_value_that_cannot_be_left_out_is_kept() -> None:
    body = _v1(_var("Region", "region", ["0180", "1280"], elimination=True), _var("Kon", "sex", ["1+2"]),
               _var("ContentsCode", "contents", ["BE0101N1"]), _var("Tid", "year", ["2024"], time=True))
    selection = pxweb.select(pxweb.metadata_v1(body), SWEDEN)
    assert selection.fixed == (("Kon", "1+2"),)
    assert {"code": "Kon", "selection": {"filter": "item", "values": ["1+2"]}} in \
        json.loads(pxweb.query_v1("https://x/t", selection).body)["query"]


@pytest.mark.parametrize(("body", "message"), [
    (b"<html>moved</html>", "not JSON"),
    (b'{"title": "t"}', "no 'variables'"),
    (_v1(_var("Vuosi", "Year", ["2024"], time=True), _var("Tiedot", "Information", ["vaesto"])),
     "names no area \\(region\\) variable"),
    (_v1(_var("Alue", "Area", ["SSS"]), _var("Tiedot", "Information", ["vaesto"]),
         _var("Vuosi", "Year", ["2024"], time=True)), "has no value KU091"),
    (_v1(_var("Alue", "Area", ["KU091"]), _var("Tiedot", "Information", ["muu"]),
         _var("Vuosi", "Year", ["2024"], time=True)), "has no value vaesto or 'Population'"),
    (_v1(_var("Alue", "Area", ["KU091"]), _var("Tiedot", "Information", ["vaesto"]),
         _var("Sukupuoli", "Sex", ["1", "2"]), _var("Vuosi", "Year", ["2024"], time=True)),
     "Sukupuoli \\(Sex\\) cannot be left out and has 2 values"),
    (json.dumps({"title": "t", "variables": [{"code": "Alue", "text": "Area", "values": ["KU091"],
                                              "valueTexts": []}]}).encode(), "1 values but 0 value texts"),
])
def test_metadata_that_leaves_a_choice_open_is_refused_in_one_line(body: bytes, message: str) -> None:
    with pytest.raises(MalformedResponse, match=message) as caught:
        pxweb.select(pxweb.metadata_v1(body), HELSINKI)
    assert "\n" not in str(caught.value)


def test_v2_metadata_is_checked() -> None:
    document = json.loads(fixture("scb_tab638_metadata.json"))
    document["dimension"]["Tid"]["category"]["index"] = {"2023": 0, "2024": 0}
    with pytest.raises(MalformedResponse, match=r"category\.index is not 0\.\.1"):
        pxweb.metadata_v2(json.dumps(document).encode())
    with pytest.raises(MalformedResponse, match="no 'id' and 'dimension'"):
        pxweb.metadata_v2(b'{"value": []}')
