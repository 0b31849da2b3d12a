"""``python -m dashboard refresh``: re-read the figures at Eurostat and the national statistics offices.

One job per module: ``settings`` (bounds and base URLs), ``http`` (bounded fetch with retries),
``jsonstat`` (the one response format every publisher here speaks), ``pxweb`` (a PxWeb table's variables
read from its metadata, and its query in API v1 or PxWebApi 2.0), ``eurostat_api`` (metro-region tables,
and metro regions summed from NUTS 3 tables by ``dashboard.data.compose``) and ``offices`` (what each
publisher's table means in the app's terms), ``catalogue`` (which tables), ``cache`` (raw responses, so an
offline rerun reproduces a run), ``merge`` and ``report`` (what changes against the
current data), ``folder`` (writing the output folder and applying it), ``run`` (the order of it all)
and ``cli``. The tool never fills or estimates a figure: what a publisher does not give stays absent.
"""
