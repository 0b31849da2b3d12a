"""Rebuilds assets/vendor/bootstrap-icons/ with only the icons the app uses (5 kB instead of 130 kB).

    python3 -m venv /tmp/fonts && /tmp/fonts/bin/pip install fonttools==4.61.1 brotli==1.2.1
    /tmp/fonts/bin/python scripts/subset_icons.py

Reads the icon names from src/ and data/ (every ``bi-…`` class), takes Bootstrap Icons from the npm registry
(``npm pack``), and writes a WOFF2 holding just those glyphs plus a stylesheet with just those
classes. Run it after adding an icon; tests/app/test_app.py fails until then. Not run at install.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset

VERSION = "1.11.3"
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "vendor" / "bootstrap-icons"
ICON = re.compile(r"\bbi-[a-z0-9]+(?:-[a-z0-9]+)*")
BASE_CSS = (".bi::before,[class*=\" bi-\"]::before,[class^=bi-]::before{display:inline-block;"
            "font-family:bootstrap-icons!important;font-style:normal;font-weight:400!important;"
            "font-variant:normal;text-transform:none;line-height:1;vertical-align:-.125em;"
            "-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale}")


def used_icons() -> list[str]:
    files = [*(ROOT / "src").rglob("*.py"), *(ROOT / "data").rglob("*.csv")]  # indicators.csv names the cards' icons
    names = {m.group(0)[3:] for path in files for m in ICON.finditer(path.read_text(encoding="utf-8"))}
    return sorted(names)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"bootstrap-icons@{VERSION}", "--silent"], cwd=tmp, check=True,
                       capture_output=True)
        with tarfile.open(next(Path(tmp).glob("bootstrap-icons-*.tgz"))) as archive:
            archive.extractall(tmp, filter="data")
        font_dir = Path(tmp) / "package" / "font"
        codepoints: dict[str, int] = json.loads((font_dir / "bootstrap-icons.json").read_text())
        names = used_icons()
        missing = [n for n in names if n not in codepoints]
        if missing:
            raise SystemExit(f"not in Bootstrap Icons {VERSION}: {', '.join(missing)}")
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = []
        options.name_IDs = ["*"]
        font = subset.load_font(str(font_dir / "fonts" / "bootstrap-icons.woff2"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[codepoints[n] for n in names])
        subsetter.subset(font)
        (OUT / "fonts").mkdir(parents=True, exist_ok=True)
        for old in (OUT / "fonts").glob("*"):
            old.unlink()
        woff2 = OUT / "fonts" / "bootstrap-icons-subset.woff2"
        subset.save_font(font, str(woff2), options)
        digest = hashlib.sha256(woff2.read_bytes()).hexdigest()[:12]  # the URL changes with the glyphs
    rules = "".join(f'.bi-{n}::before{{content:"\\{codepoints[n]:x}"}}' for n in names)
    (OUT / "bootstrap-icons-subset.css").write_text(
        f"/*! Bootstrap Icons v{VERSION} (MIT, see LICENSE), only: {' '.join(names)}. "
        "Made by scripts/subset_icons.py */\n"
        f'@font-face{{font-display:block;font-family:bootstrap-icons;src:url("fonts/bootstrap-icons-subset.woff2?v='
        f'{digest}") format("woff2")}}{BASE_CSS}{rules}\n')
    print(f"{len(names)} icons: {', '.join(names)}")


if __name__ == "__main__":
    main()
