"""gunicorn.conf.py is what `gunicorn app:server` reads: it must load, and say what the README says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dashboard.paths import PROJECT_ROOT

GUNICORN = Path(sys.executable).parent / "gunicorn"


def _config(*env: str) -> dict[str, str]:
    result = subprocess.run(["env", *env, str(GUNICORN), "--print-config", "app:server"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=60, check=True)
    return {k.strip(): v.strip() for k, _, v in (line.partition("=") for line in result.stdout.splitlines())}


def test_gunicorn_reads_the_projects_defaults() -> None:
    config = _config()
    assert config["bind"] == "['127.0.0.1:8050']" and config["timeout"] == "60"
    assert config["control_socket_disable"] == "True" and config["preload_app"] == "True"
    assert "on_starting" in config["on_starting"]  # one export service (one browser) for every worker
    assert "on_exit" in config["on_exit"]  # ... stopped with the server, its supervisor first


def test_environment_overrides_bind_and_workers() -> None:
    config = _config("BALTMET_BIND=0.0.0.0:9000", "BALTMET_WORKERS=3")
    assert config["bind"] == "['0.0.0.0:9000']" and config["workers"] == "3"
