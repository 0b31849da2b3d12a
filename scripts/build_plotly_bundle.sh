#!/usr/bin/env bash
# Rebuilds assets/vendor/plotly/: plotly.js with only the trace types the dashboard draws
# (scatter, which the core always carries, bar and scattergeo), about a third of the full bundle.
# Run it when plotly (the Python package) moves to another plotly.js version; the tests check that
# the two versions agree. Needs Node.js and npm (the npm registry); nothing here runs at install time.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(.venv/bin/python -c 'from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$PWD/assets/vendor/plotly"
mkdir -p "$out"
cat > "$work/entry.js" <<'JS'
var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/scattergeo')]);
module.exports = Plotly;
JS
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "plotly.js@$version" esbuild@0.28.2 \
  && npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
       --define:global=window --define:define.amd=false --define:process.env.NODE_DEBUG=false \
       --alias:stream=stream-browserify --loader:.css=empty --legal-comments=external \
       "--banner:js=/* plotly.js v$version (MIT licence, see LICENSE), partial bundle: scatter, bar, scattergeo. Built by scripts/build_plotly_bundle.sh */" \
       --outfile=plotly-baltmet.min.js --log-level=warning)
rm -f "$out"/plotly-baltmet-*.min.js "$out"/plotly-baltmet-*.LEGAL.txt
cp "$work/plotly-baltmet.min.js" "$out/plotly-baltmet-$version.min.js"
cp "$work/plotly-baltmet.min.js.LEGAL.txt" "$out/plotly-baltmet-$version.min.js.LEGAL.txt"
cp "$work/node_modules/plotly.js/LICENSE" "$out/LICENSE"
echo "wrote $out/plotly-baltmet-$version.min.js ($(wc -c < "$out/plotly-baltmet-$version.min.js") bytes)"
