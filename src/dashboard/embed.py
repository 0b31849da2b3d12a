"""One chart for another site's page: ``{base}embed/<chart>?<the page's query>`` serves a small standalone HTML
page (title, subtitle, sources, the figure drawn with the app's own plotly.js; no controls, nothing from a
CDN), and the page's 'Copy link' and 'Embed…' buttons (clientside: no server round trip).

The query is the page's own (``url_state.from_query``): a bad value gives the default with the ignored values
listed on the embed page, never an error; an unknown chart is a 404 page that lists the charts there are.
Framing: serving.py lets any site frame ``{base}embed/`` (``BALTMET_EMBED_ANCESTORS``), and only that.
"""

from __future__ import annotations

import html
import json

from dash import Dash, Input, Output, State
from flask import Response, request

from dashboard.data import Dataset
from dashboard.figures.map import TOPOJSON_URL
from dashboard.i18n import _, current_language, use_language
from dashboard.paths import PLOTLY_JS
from dashboard.url_state import ECHO_CHARS, from_query, to_query
from dashboard.view_model import chart_summary
from dashboard.view_rules import normalise
from dashboard.views import CHARTS

PRODUCT = "Baltic Metropoles"  # the product's name, the same in every language
MAX_EMBED_QUERY = 2000  # characters of query string read; a link the app writes is a few hundred
EMBED_WIDTH, EMBED_HEIGHT = 800, 600  # the snippet's iframe
DRAW_SCRIPT = """(function () {
  var box = document.getElementById("embed-figure");
  var data = document.getElementById("embed-figure-data");
  if (!box || !data || !window.Plotly) { return; }
  var figure = JSON.parse(data.textContent);
  var layout = Object.assign({}, figure.layout || {}, {autosize: true});
  delete layout.width;
  window.Plotly.newPlot(box, figure.data || [], layout, {
    displaylogo: false, responsive: true, showSendToCloud: false, showEditInChartStudio: false,
    topojsonURL: box.getAttribute("data-topojson"),
    modeBarButtonsToRemove: ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d", "toImage", "sendDataToCloud"]
  });
})();
"""
STYLE = """body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;background:#fff}
main{padding:8px 12px}h1{font-size:1.05rem;margin:0 0 2px}.sub{font-size:.85rem;color:#555;margin:0 0 4px}
.note{font-size:.8rem;background:#fff3cd;border:1px solid #ffe69c;padding:4px 8px;margin:4px 0}
.foot{font-size:.75rem;color:#555;margin:4px 0 0}.foot a{color:#0a58ca}#embed-figure{width:100%}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"""


def _json_for_html(value: object) -> str:
    """JSON inside a <script type="application/json">: no '<', '>' or '&' can end the element."""
    return (json.dumps(value, separators=(",", ":"), allow_nan=False, default=str)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _clean(value: object) -> object:
    """NaN and infinities (plotly draws them as gaps) as null, so the JSON is strict."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "tolist"):  # a numpy array or number
        return _clean(value.tolist())
    return value


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(current_language())}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def embed_page(dataset: Dataset, chart: str, query: str, base: str = "/") -> tuple[int, str]:
    """(status, HTML) of ``{base}embed/<chart>?<query>``: 404 for a chart the registry does not have.

    Written in the language the query names (``lang=``; English when it names none): the link is the view's.
    """
    language = from_query(dataset, query[:MAX_EMBED_QUERY])[0].lang
    with use_language(language):
        return _embed_page(dataset, chart, query, base)


def _embed_page(dataset: Dataset, chart: str, query: str, base: str) -> tuple[int, str]:
    esc = html.escape
    if chart not in CHARTS.names():
        shown = chart if len(chart) <= ECHO_CHARS else chart[:ECHO_CHARS] + "…"
        names = ", ".join(CHARTS.names())
        example = f"<code>{esc(base)}embed/{esc(CHARTS.names()[0])}</code>"
        # Translators: {charts} are the charts' names in an address (never translated), {example} an address
        hint = esc(_("An embed address names one of these charts: {charts}, e.g. {example}.", charts=names,
                     example="\0")).replace("\0", example)
        heading = _("No chart called “{name}”", name=shown)
        return 404, _page(_("Chart not found · {product}", product=PRODUCT),
                          f'<h1>{esc(heading)}</h1><p class="sub">{hint}</p>')
    notes: list[str] = []
    if len(query) > MAX_EMBED_QUERY:
        query, notes = "", [_("the address was longer than {limit} characters; the default view is shown",
                              limit=str(MAX_EMBED_QUERY))]
    state, read_notes = from_query(dataset, query, current_language())
    state, fixes = normalise(dataset, state)
    notes += read_notes + fixes
    figure, meta = CHARTS.by_name(chart).build(dataset, state)
    figure = _clean(figure)
    height = int((figure.get("layout") or {}).get("height") or 420)
    sources = (_("Sources: {publishers}", publishers="; ".join(meta.publishers)) if meta.publishers
               # Translators: an embedded chart whose figures name no publisher
               else _("Sources: none"))
    ignored = _("Ignored in the link: {notes}.", notes="; ".join(notes)) if notes else ""
    note = f'<p class="note" role="status">{esc(ignored)}</p>' if notes else ""
    dashboard = _("{product} dashboard", product=PRODUCT)
    link = f"{base}{to_query(dataset, state)}"  # the view as read: the page with the same figures
    body = (
        f"<h1>{esc(meta.title)}</h1><p class=\"sub\">{esc(meta.subtitle)}</p>{note}"
        f'<div id="embed-figure" style="height:{height}px" data-topojson="{esc(base)}{esc(TOPOJSON_URL.lstrip("/"))}"'
        f' role="figure" aria-label="{esc(meta.title)}" aria-describedby="embed-summary"></div>'  # a figure may
        f'<p id="embed-summary" class="sr">{esc(chart_summary(meta, figure))}</p>'  # hold plotly's focusable parts
        f'<script type="application/json" id="embed-figure-data">{_json_for_html(figure)}</script>'
        f'<p class="foot">{esc(sources)} · '
        f'<a href="{esc(link)}" target="_blank" rel="noopener">{esc(dashboard)}</a>'
        "</p>"
        f'<script src="{esc(base)}assets/{esc(PLOTLY_JS)}"></script>'
        f'<script src="{esc(base)}embed-draw.js"></script>')
    return 200, _page(f"{meta.title} · {PRODUCT}", body)


def add_embed(app: Dash, dataset: Dataset) -> None:
    """The ``{base}embed/<chart>`` route, its drawing script, and the page's share buttons' callbacks."""
    base = app.config.url_base_pathname
    server = app.server

    @server.route(f"{base}embed/<path:chart>")
    def embed(chart: str):
        query = request.query_string[:MAX_EMBED_QUERY + 1].decode("utf-8", "replace")
        status, page = embed_page(dataset, chart[:200], query, base)
        return Response(page, status=status, mimetype="text/html")

    @server.route(f"{base}embed-draw.js")
    def embed_draw():
        return Response(DRAW_SCRIPT, mimetype="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    register_share(app)


def register_share(app: Dash) -> None:
    """'Copy link' copies the address bar; 'Embed…' opens the snippet of the chosen chart for this view."""
    copy = """function (text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
                return fallback(); });
        }
        return Promise.resolve(fallback());
        function fallback() {
            const area = document.createElement("textarea");
            area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed";
            area.style.opacity = "0"; document.body.appendChild(area); area.select();
            let done = false;
            try { done = document.execCommand("copy"); } catch (e) { done = false; }
            document.body.removeChild(area);
            return done;
        }
    }"""
    app.clientside_callback(
        f"""function (clicks, search, texts) {{
            const fired = (window.dash_clientside.callback_context.triggered || []).map(t => t.prop_id);
            if (!clicks || fired.indexOf("copy-link.n_clicks") < 0) {{ return ""; }}  // a new view: said no more
            const copyText = {copy};
            const said = texts || {{}};
            return copyText(window.location.href).then(function (done) {{
                return done ? said["link-copied"] : said["link-not-copied"];
            }});
        }}""",
        Output("copy-link-status", "children"), Input("copy-link", "n_clicks"), Input("url", "search"),
        State("page-texts", "data"), prevent_initial_call=True)
    app.clientside_callback(
        """function (clicks, open) { return clicks ? !open : open; }""",
        Output("embed-modal", "is_open"), Input("embed-open", "n_clicks"), State("embed-modal", "is_open"),
        prevent_initial_call=True)
    embed_path = f"{app.config.url_base_pathname}embed/"
    app.clientside_callback(
        f"""function (chart, open, search, texts) {{
            const said = texts || {{}};
            const titles = said["chart-titles"] || {json.dumps({v.name: v.title for v in CHARTS})};
            const name = Object.prototype.hasOwnProperty.call(titles, chart) ? chart : "{CHARTS.names()[0]}";
            const title = (said["frame-title"] || "{PRODUCT}: {{chart}}").split("{{chart}}").join(titles[name])
                .replace(/[<>&"]/g, "");
            const src = window.location.origin + "{embed_path}" + name + (window.location.search || "");
            const attr = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
            return '<iframe src="' + attr + '" width="{EMBED_WIDTH}" height="{EMBED_HEIGHT}" ' +
                   'title="' + title + '" loading="lazy" style="border:0"></iframe>';
        }}""",
        Output("embed-snippet", "value"), Input("embed-chart", "value"), Input("embed-modal", "is_open"),
        Input("url", "search"), State("page-texts", "data"))
    app.clientside_callback(
        f"""function (clicks, snippet, texts) {{
            if (!clicks) {{ return window.dash_clientside.no_update; }}
            const copyText = {copy};
            const said = texts || {{}};
            return copyText(snippet || "").then(function (done) {{
                return done ? said["snippet-copied"] : said["snippet-not-copied"];
            }});
        }}""",
        Output("embed-copy-status", "children"), Input("embed-copy", "n_clicks"), State("embed-snippet", "value"),
        State("page-texts", "data"), prevent_initial_call=True)
