"""Figures to image bytes in headless Chromium: below the exports and the profile, which both draw images."""
