"""Run `form4` as a user does: a subprocess with a clean environment, from the checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def form4(*args: str, env_db: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(REPO), "COLUMNS": "200", "FORM4_PG_CACHE": "off"}
    if env_db:
        env["FORM4_DB"] = str(env_db)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        input=stdin,
    )
