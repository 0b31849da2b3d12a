#!/usr/bin/env bash
# Install what the tests need (Chromium, LibreOffice Impress, redis-server, nginx) and run the whole suite: lint, then pytest.
#   bash scripts/test.sh               (extra arguments go to pytest, e.g. -k loader)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_setup.sh
ensure_chromium
ensure_office
ensure_redis
ensure_nginx
ensure_venv "[test]"
.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache  # the layers of pyproject.toml: no import runs back up
# Two processes, each test file whole in one of them (--dist loadfile: a file's app server, browser and fixtures are
# started once); most of a browser test is waiting on the app and Chromium, so two halve the wall time on two cores.
exec .venv/bin/python -m pytest -n "${BALTMET_TEST_WORKERS:-2}" --dist loadfile "$@"
