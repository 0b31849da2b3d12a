"""Pure figure builders: (Dataset, ViewState) -> a plain plotly figure dict, shared by the page and the exports."""
