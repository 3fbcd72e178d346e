"""A real PostgreSQL for the hub's tests: one throw-away cluster per test session, a fresh
database per test.

The cluster comes from the installed server binaries (`initdb` and `pg_ctl` into a temporary
folder, on a private Unix socket and a free loopback port, password authentication only), run
as user `postgres` when the tests run as root, since initdb refuses root. Or it is the server
named by `SALESCOACH_TEST_PG_URL` (a superuser's libpq URL). Without either the tests that use
it skip, saying why; with `SALESCOACH_REQUIRE_PG=1` (set by `.ci/run`) they fail instead.

Roles are the cluster's, not a database's: every role a test creates is dropped after it.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

URL_VARIABLE = "SALESCOACH_TEST_PG_URL"
REQUIRE_VARIABLE = "SALESCOACH_REQUIRE_PG"
_databases = itertools.count()


@dataclass(frozen=True)
class Cluster:
    """Where the test server listens, and its superuser."""

    host: str  # the private socket folder, or the server's host
    port: int
    tcp_port: int | None  # a loopback port as well (the throw-away cluster only)
    superuser: str
    password: str

    def conninfo(self, dbname: str, *, user: str | None = None, **extra: str) -> str:
        """A libpq conninfo without a password (the tests hand passwords as salescoach's users
        do: PGPASSWORD, a pgpass file or a prompt), and without a role unless given."""
        from psycopg.conninfo import make_conninfo

        named = {"user": user} if user else {}
        return make_conninfo("", host=self.host, port=self.port, dbname=dbname, **named, **extra)

    def connect(self, dbname: str, *, user: str | None = None, password: str | None = None) -> Any:
        import psycopg

        return psycopg.connect(
            self.conninfo(dbname, user=user or self.superuser),
            password=self.password if password is None else password,
            autocommit=True,
        )


@dataclass(frozen=True)
class HubDatabase:
    """A fresh, empty database on the test cluster."""

    cluster: Cluster
    name: str

    @property
    def url(self) -> str:
        """The superuser's conninfo for this database, without the password."""
        return self.cluster.conninfo(self.name, user=self.cluster.superuser)

    def conninfo(self, *, user: str | None = None, **extra: str) -> str:
        return self.cluster.conninfo(self.name, user=user, **extra)

    def connect(self, *, user: str | None = None, password: str | None = None) -> Any:
        return self.cluster.connect(self.name, user=user, password=password)


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"PostgreSQL is required here ({REQUIRE_VARIABLE}=1): {reason}")
    pytest.skip(f"no PostgreSQL for the hub tests: {reason}")


def server_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[Cluster]:
    root = Path(tempfile.mkdtemp(prefix="salescoach-pg-"))
    data, sockets = root / "data", root / "socket"
    sockets.mkdir()
    password = secrets.token_urlsafe(18)
    (root / "pw").write_text(password + "\n")
    if os.geteuid() == 0:
        for path in (root, sockets, root / "pw"):
            shutil.chown(path, "postgres", "postgres")
    port = _free_port()

    def server(*args: str) -> None:
        done = subprocess.run(_as_server_user(list(args)), capture_output=True, text=True)
        if done.returncode != 0:
            log = root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()}\n{tail}")

    try:
        server(
            str(bin_dir / "initdb"),
            "-D", str(data),
            "-U", "postgres",
            "--auth=scram-sha-256",
            f"--pwfile={root / 'pw'}",
            "--encoding=UTF8",
            "--no-sync",
        )  # fmt: skip
        (root / "pw").unlink()
        options = (
            f"-k {sockets} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        server(
            str(bin_dir / "pg_ctl"), "start", "-w", "-t", "60",
            "-D", str(data), "-l", str(root / "server.log"), "-o", options,
        )  # fmt: skip
        yield Cluster(str(sockets), port, port, "postgres", password)
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user([str(bin_dir / "pg_ctl"), "stop", "-D", str(data), "-m", "fast"]),
                capture_output=True,
            )
        shutil.rmtree(root, ignore_errors=True)


def _named_cluster(url: str) -> Cluster:
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(url)
    return Cluster(
        host=str(parts.get("host", "localhost")),
        port=int(parts.get("port", 5432)),
        tcp_port=None,
        superuser=str(parts.get("user", "postgres")),
        password=str(parts.get("password", os.environ.get("PGPASSWORD", ""))),
    )


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's PostgreSQL server (skips, or fails in CI, when there is none)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test,team]')")
    url = os.environ.get(URL_VARIABLE)
    if url:
        yield _named_cluster(url)
        return
    bin_dir = server_bin()
    if bin_dir is None:
        _unavailable(f"no initdb found (install postgresql, or set {URL_VARIABLE})")
        return
    with throwaway_cluster(bin_dir) as cluster:
        yield cluster


def _role_names(connection: Any) -> set[str]:
    return {row[0] for row in connection.execute("SELECT rolname FROM pg_roles")}


@contextlib.contextmanager
def fresh_database(cluster: Cluster, options: str = "") -> Iterator[HubDatabase]:
    """A new, empty database (`options`: CREATE DATABASE's, e.g. its collation); afterwards it
    is dropped with every role created meanwhile."""
    name = f"salescoach_test_{os.getpid()}_{next(_databases)}"
    with cluster.connect("postgres") as admin:
        roles_before = _role_names(admin)
        admin.execute(f'CREATE DATABASE "{name}" {options}')
    try:
        yield HubDatabase(cluster, name)
    finally:
        with cluster.connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in sorted(_role_names(admin) - roles_before):
                admin.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture
def hub_db(
    pg_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[HubDatabase]:
    """A fresh database for one test. libpq reads no password file or variable of the user
    running the tests."""
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    for variable in ("PGPASSWORD", "PGUSER", "PGHOST", "PGPORT", "PGDATABASE", "PGSSLMODE"):
        monkeypatch.delenv(variable, raising=False)
    with fresh_database(pg_cluster) as database:
        yield database


@pytest.fixture(scope="module")
def module_hub_db(pg_cluster: Cluster) -> Iterator[HubDatabase]:
    """A fresh database shared by one module's tests (for tests that change nothing in it)."""
    with fresh_database(pg_cluster) as database:
        yield database
