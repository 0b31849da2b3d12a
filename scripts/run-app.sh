#!/usr/bin/env bash
# Install what the app needs (first run only: Python packages, Chromium for exports) and serve it on
# the bundled data:
#   bash scripts/run-app.sh            -> http://127.0.0.1:8050
#   bash scripts/run-app.sh --port 9000 --host 0.0.0.0
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_setup.sh
ensure_venv ""
# Image, PDF and slide exports render in Chromium (kaleido); the app runs without it, exports do not.
ensure_chromium || echo "warning: Chromium could not be installed; chart and slide exports will fail" >&2
exec .venv/bin/python app.py "$@"
