"""The baseline: the one-file Dash app a typical Dash developer would write on the same data folder.

    .venv/bin/python benchmarks/naive_app.py [--data DIR] [--port 8060]

pandas reads values.csv, regions.csv and indicators.csv once; ONE callback answers any change of the
focus or the indicator with five plotly-express figures and the five KPI card texts, filtering the
DataFrames with pandas on every call. No caching, no partial updates. dcc.Graph uses Dash's own
(locally served) plotly.js; the map's shapes come from the project's assets/topojson, not a CDN.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html
from flask import send_from_directory

ROOT = Path(__file__).resolve().parents[1]
TOPOJSON_DIR = ROOT / "assets" / "topojson"
KPIS = [("population", "Population"), ("employment", "Jobs"), ("gdp", "GDP (EUR million)"),
        ("universities", "Universities"), ("science_parks", "Science parks")]
SHARES = ["share_national_population", "share_national_employment", "share_national_gva"]


def create_naive_app(data_dir: Path) -> Dash:
    values = pd.read_csv(data_dir / "values.csv")
    regions = pd.read_csv(data_dir / "regions.csv")
    indicators = pd.read_csv(data_dir / "indicators.csv")
    values = values.merge(regions[["region_id", "name", "lat", "lon"]], on="region_id")
    labels = dict(zip(indicators["indicator_id"], indicators["label"], strict=True))
    present = [i for i in indicators["indicator_id"] if i in set(values["indicator_id"])]
    first = "helsinki" if "helsinki" in set(regions["region_id"]) else regions["region_id"].iloc[0]

    app = Dash(__name__, title="Baltic Metropoles (naive)")

    @app.server.route("/topojson/<path:name>")
    def topojson(name):  # plotly.js would fetch these from cdn.plot.ly; the same files, from this server
        return send_from_directory(TOPOJSON_DIR, name)

    config = {"topojsonURL": "/topojson/"}
    app.layout = html.Div([
        html.H1("Baltic Metropoles"),
        html.Div([
            html.Div([html.Label("Focus region"),
                      dcc.Dropdown(id="region-select", value=first, clearable=False,
                                   options=[{"label": n, "value": r}
                                            for r, n in zip(regions["region_id"], regions["name"], strict=True)])],
                     style={"width": "30%", "display": "inline-block"}),
            html.Div([html.Label("Indicator"),
                      dcc.Dropdown(id="indicator-select", value="population", clearable=False,
                                   options=[{"label": labels[i], "value": i} for i in present])],
                     style={"width": "30%", "display": "inline-block", "marginLeft": "2%"}),
        ]),
        html.Div([html.Div(id=f"kpi-{kpi}", style={"display": "inline-block", "width": "18%", "padding": "8px",
                                                   "margin": "4px", "border": "1px solid #ccc"})
                  for kpi, _ in KPIS]),
        html.Div([dcc.Graph(id="ranking", config=config, style={"width": "50%", "display": "inline-block"}),
                  dcc.Graph(id="map", config=config, style={"width": "50%", "display": "inline-block"})]),
        html.Div([dcc.Graph(id="scatter", config=config, style={"width": "50%", "display": "inline-block"}),
                  dcc.Graph(id="shares", config=config, style={"width": "50%", "display": "inline-block"})]),
        dcc.Graph(id="trend", config=config),
    ])

    def latest(indicator: str) -> pd.DataFrame:
        df = values[(values["indicator_id"] == indicator) & (values["edition"] == "recent")]
        return df.sort_values("year").groupby("region_id").tail(1)

    @app.callback(
        Output("ranking", "figure"), Output("map", "figure"), Output("scatter", "figure"),
        Output("shares", "figure"), Output("trend", "figure"),
        *[Output(f"kpi-{kpi}", "children") for kpi, _ in KPIS],
        Input("region-select", "value"), Input("indicator-select", "value"),
    )
    def update(focus, indicator):
        df = latest(indicator).copy()
        df["focus"] = df["region_id"].eq(focus).map({True: "focus", False: "other"})
        df = df.sort_values("value")
        ranking = px.bar(df, x="value", y="name", orientation="h", color="focus",
                         title=f"{labels[indicator]}, latest year")
        geo = px.scatter_geo(df, lat="lat", lon="lon", size="value", hover_name="name", color="focus",
                             scope="europe", title=labels[indicator])
        geo.update_geos(fitbounds="locations")

        wide = pd.concat([latest("population"), latest("gdp")]).pivot_table(
            index=["region_id", "name"], columns="indicator_id", values="value").reset_index()
        wide["focus"] = wide["region_id"].eq(focus).map({True: "focus", False: "other"})
        scatter = px.scatter(wide, x="population", y="gdp", hover_name="name", color="focus",
                             title="Population and GDP") if {"population", "gdp"} <= set(wide.columns) \
            else px.scatter(title="Population and GDP (no figures)")

        available = [s for s in SHARES if s in present]
        if available:
            shares_df = pd.concat([latest(s) for s in available])
            shares = px.bar(shares_df, x="name", y="value", color="indicator_id", barmode="group",
                            title="Share of the national total, %")
        else:
            shares = px.bar(latest("employment"), x="name", y="value", title="Jobs")

        history = values[(values["indicator_id"] == indicator) & (values["edition"] == "recent")]
        history = history.groupby(["name", "year"], as_index=False)["value"].last().sort_values("year")
        trend = px.line(history, x="year", y="value", color="name", title=f"{labels[indicator]} over time")
        trend.update_traces(opacity=0.35)
        trend.for_each_trace(lambda t: t.update(opacity=1, line_width=4)
                             if t.name == regions.set_index("region_id").at[focus, "name"] else None)

        cards = []
        mine = values[(values["region_id"] == focus) & (values["edition"] == "recent")]
        for kpi, label in KPIS:
            rows = mine[mine["indicator_id"] == kpi].sort_values("year")
            text = f"{rows['value'].iloc[-1]:,.0f} ({rows['year'].iloc[-1]})" if len(rows) else "no figure"
            cards.append([html.Small(label), html.H3(text)])
        return ranking, geo, scatter, shares, trend, *cards

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the naive one-file baseline app.")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--port", type=int, default=8060)
    args = parser.parse_args(argv)
    app = create_naive_app(args.data)
    app.run(host="127.0.0.1", port=args.port, debug=False)


if __name__ == "__main__":
    main()
