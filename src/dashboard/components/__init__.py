"""Pure builders of page components: (Dataset, selection) -> Dash component."""
