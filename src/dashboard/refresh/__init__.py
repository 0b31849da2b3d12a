"""``python -m dashboard refresh``: re-read the figures at Eurostat and the national statistics offices.

One job per module: ``settings`` (bounds and base URLs), ``http`` (bounded fetch with retries),
``jsonstat`` (the one response format every publisher here speaks), ``eurostat_api`` and ``offices``
(what each publisher's table means in the app's terms), ``catalogue`` (which tables), ``cache`` (raw
responses, so an offline rerun reproduces a run), ``merge`` and ``report`` (what changes against the
current data), ``folder`` (writing the output folder and applying it), ``run`` (the order of it all)
and ``cli``. The tool never fills or estimates a figure: what a publisher does not give stays absent.
"""
