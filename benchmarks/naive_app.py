"""The baseline: the simple Dash page a typical Dash developer would write on the same data folder.

    .venv/bin/python benchmarks/naive_app.py [--data DIR] [--port 8060]         (Flask's server, to look at it)
    NAIVE_DATA_DIR=DIR .venv/bin/gunicorn -w 4 --preload --pythonpath benchmarks 'naive_app:server_from_env()'

pandas reads values.csv and regions.csv once and keeps the recent edition indexed by (indicator, region).
ONE callback answers any change of the focus or the indicator with three plotly-express figures and the
five KPI cards:
- a bar ranking of the latest values: every region up to 20, else the top 20 and the focus (as ours);
- a scatter of population against GDP, every region (as ours), the focus in its own colour;
- a line trend of the indicator: the focus and the regions of the ranking (as our crowded trend);
- five cards: the focus's latest population, jobs, GDP, universities, science parks.
No caching, no partial updates, no compression: what a first version looks like. dcc.Graph uses Dash's own
(locally served) plotly.js.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

ROOT = Path(__file__).resolve().parents[1]
KPIS = [("population", "Population"), ("employment", "Jobs"), ("gdp", "GDP (EUR million)"),
        ("universities", "Universities"), ("science_parks", "Science parks")]
TOP = 20


def create_naive_app(data_dir: Path) -> Dash:
    values = pd.read_csv(data_dir / "values.csv", usecols=["region_id", "indicator_id", "edition", "year", "value"])
    regions = pd.read_csv(data_dir / "regions.csv")
    indicators = pd.read_csv(data_dir / "indicators.csv")
    names = dict(zip(regions["region_id"], regions["name"], strict=True))
    labels = dict(zip(indicators["indicator_id"], indicators["label"], strict=True))
    recent = values[values["edition"] == "recent"].drop(columns="edition")
    history = recent.set_index(["indicator_id", "region_id"]).sort_index()
    latest = recent.sort_values("year").groupby(["indicator_id", "region_id"]).tail(1)
    latest = latest.set_index(["indicator_id", "region_id"]).sort_index()
    present = [i for i in indicators["indicator_id"] if i in latest.index.get_level_values(0)]
    first = "helsinki" if "helsinki" in names else regions["region_id"].iloc[0]

    app = Dash(__name__, title="Baltic Metropoles (naive)")
    app.layout = html.Div([
        html.H1("Baltic Metropoles"),
        html.Div([
            html.Div([html.Label("Focus region"),
                      dcc.Dropdown(id="region-select", value=first, clearable=False,
                                   options=[{"label": n, "value": r} for r, n in names.items()])],
                     style={"width": "30%", "display": "inline-block"}),
            html.Div([html.Label("Indicator"),
                      dcc.Dropdown(id="indicator-select", value="population", clearable=False,
                                   options=[{"label": labels[i], "value": i} for i in present])],
                     style={"width": "30%", "display": "inline-block", "marginLeft": "2%"}),
        ]),
        html.Div(id="kpi-row"),
        html.Div([dcc.Graph(id="ranking", style={"width": "50%", "display": "inline-block"}),
                  dcc.Graph(id="scatter", style={"width": "50%", "display": "inline-block"})]),
        dcc.Graph(id="trend"),
    ])

    @app.callback(
        Output("ranking", "figure"), Output("scatter", "figure"), Output("trend", "figure"),
        Output("kpi-row", "children"),
        Input("region-select", "value"), Input("indicator-select", "value"),
    )
    def update(focus, indicator):
        now = latest.loc[indicator]
        shown = now.nlargest(TOP, "value")
        if focus not in shown.index and focus in now.index:
            shown = pd.concat([shown, now.loc[[focus]]])
        shown = shown.assign(name=[names[r] for r in shown.index],
                             focus=["focus" if r == focus else "other" for r in shown.index])
        ranking = px.bar(shown.sort_values("value"), x="value", y="name", orientation="h", color="focus",
                         title=f"{labels[indicator]}, latest year")

        wide = pd.DataFrame({"population": latest.loc["population", "value"],
                             "gdp": latest.loc["gdp", "value"]}).dropna()
        wide["name"] = [names[r] for r in wide.index]
        wide["focus"] = ["focus" if r == focus else "other" for r in wide.index]
        scatter = px.scatter(wide, x="population", y="gdp", hover_name="name", color="focus",
                             title="Population and GDP")

        lines = history.loc[indicator].loc[list(shown.index)].reset_index()
        lines["name"] = [names[r] for r in lines["region_id"]]
        trend = px.line(lines, x="year", y="value", color="name", markers=True,
                        title=f"{labels[indicator]} over time")
        trend.for_each_trace(lambda t: t.update(line_width=4) if t.name == names[focus] else t.update(opacity=0.5))

        cards = []
        for kpi, label in KPIS:
            value = latest["value"].get((kpi, focus))
            year = latest["year"].get((kpi, focus))
            text = f"{value:,.0f} ({year})" if value is not None else "no figure"
            cards.append(html.Div([html.Small(label), html.H3(text)],
                                  style={"display": "inline-block", "width": "18%", "padding": "8px",
                                         "margin": "4px", "border": "1px solid #ccc"}))
        return ranking, scatter, trend, cards

    return app


def server_from_env():
    """gunicorn's app factory: the Flask server of the page on ``$NAIVE_DATA_DIR`` (default: data/)."""
    return create_naive_app(Path(os.environ.get("NAIVE_DATA_DIR", ROOT / "data"))).server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the naive baseline page.")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--port", type=int, default=8060)
    args = parser.parse_args(argv)
    app = create_naive_app(args.data)
    app.run(host="127.0.0.1", port=args.port, debug=False)


if __name__ == "__main__":
    main()
