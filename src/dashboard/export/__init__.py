"""Exports made from the same builders as the page: images, slide decks, data tables."""
