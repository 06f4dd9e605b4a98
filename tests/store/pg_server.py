"""A throw-away PostgreSQL server for the tests, started from the server programs installed on the
machine (Debian's ``postgresql`` package: ``.ci/run`` installs it where it is missing) in a
temporary folder, on 127.0.0.1 and a free port, with password authentication over TCP.

    python -m tests.store.pg_server      start one (with fsync, as a real server), print its URL, stop it
                                         on Enter (for trying by hand and for benchmarks/scale.py --db)
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PASSWORD = "form4-test-secret"
SUPERUSER = "postgres"


def find_bin() -> Path | None:
    """The folder of initdb/pg_ctl: on PATH, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One running server; ``url(dbname)`` is a URL with the password in it."""

    def __init__(self, *, fsync: bool = False) -> None:
        bindir = find_bin()
        if bindir is None:
            raise RuntimeError("no PostgreSQL server programs (initdb, pg_ctl) found: apt-get install postgresql")
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="form4-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._as: list[str] = []
        #: tests run without fsync (they kill clients, never the server); a benchmark runs with it
        self._options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=200"
        self._options += "" if fsync else " -c fsync=off"
        if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres user
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        pwfile = self.folder / "pw"
        pwfile.write_text(PASSWORD)
        if self._as:
            shutil.chown(pwfile, "postgres")
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}", "--auth-local=trust",
            "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self.resume()

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run([*self._as, str(self.bindir / program), *args], capture_output=True, text=True)
        if result.returncode != 0:
            log = self.folder / "log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()} {tail}")

    def url(self, dbname: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql://{SUPERUSER}:{password}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def halt(self) -> None:
        """Stop the server at once (every connection cut), keeping its data: a server gone away."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def resume(self) -> None:
        """Start a halted server again on the same port."""
        self._run("pg_ctl", "-D", str(self.data), "-o", self._options, "-l", str(self.folder / "log"), "-w", "start")


if __name__ == "__main__":
    server = PgServer(fsync=True)
    print(server.url(), flush=True)
    try:
        input()
    finally:
        server.stop()
