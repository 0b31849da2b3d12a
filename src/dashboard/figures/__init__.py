"""Pure figure builders: (Dataset, ViewState) -> go.Figure, shared by the page and the exports."""
