#!/usr/bin/env bash
# Install what the app needs (first run only) and serve it on the bundled data:
#   bash scripts/run-app.sh            -> http://127.0.0.1:8050
#   bash scripts/run-app.sh --port 9000 --host 0.0.0.0
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_setup.sh
ensure_venv ""
exec .venv/bin/python app.py "$@"
