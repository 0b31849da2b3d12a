# Shared by scripts/run-app.sh and scripts/test.sh: makes .venv and installs what is needed.
# Works on a fresh Debian/Ubuntu machine with Python >= 3.11; uses apt-get (as root or via sudo)
# only for what pip cannot install: python3-venv when missing, and Chromium for the browser tests.

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_install() {
  command -v apt-get >/dev/null || { echo "error: please install: $*" >&2; return 1; }
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_venv() {  # $1: pip extras, e.g. "[test]" or ""
  local python=${PYTHON:-python3}
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "error: Python >= 3.11 is needed ($("$python" --version 2>&1) found)" >&2; return 1; }
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv 2>/dev/null || { rm -rf .venv; apt_install python3-venv; "$python" -m venv .venv; }
  fi
  local stamp=".venv/.installed$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$1"
    touch "$stamp"
  fi
}

ensure_chromium() {  # the browser tests and kaleido's image export both drive Debian's Chromium
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && return 0
  echo "Installing Debian's chromium and chromium-driver..." >&2
  apt_install chromium chromium-driver fonts-dejavu-core
}

ensure_office() {  # the deck test opens the PPTX in LibreOffice Impress and looks at its pages
  command -v soffice >/dev/null && command -v pdftoppm >/dev/null && return 0
  echo "Installing LibreOffice Impress and poppler-utils for the slide-deck test..." >&2
  apt_install libreoffice-impress poppler-utils
}

ensure_redis() {  # the shared-upload-cache test runs two app instances against one real redis-server
  command -v redis-server >/dev/null && return 0
  echo "Installing Debian's redis-server for the shared upload cache test..." >&2
  apt_install redis-server
}

ensure_nginx() {  # the slow-client test puts Debian's nginx (deploy/nginx.conf) in front of gunicorn
  { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } && return 0  # /usr/sbin: not on every PATH
  echo "Installing Debian's nginx for the reverse-proxy test..." >&2
  apt_install nginx
}
