"""A translated sentence with a component inside it (a link, a badge, a bold name), as Dash children.

The message is translated whole with a NUL character where the component goes (``_("… {badge} …",
badge="\\0")``), so each language places it where its grammar wants; here the sentence is cut there.
"""

from __future__ import annotations

MARK = "\0"  # where the component stands in the translated sentence


def around(sentence: str, inner: object) -> list:
    """``sentence``'s text before and after MARK with ``inner`` between, empty parts left out."""
    before, _sep, after = sentence.partition(MARK)
    return [part for part in (before, inner, after) if part != ""]
