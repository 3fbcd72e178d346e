"""A store that never changes what it refuses: a newer schema, another program's SQLite file
and symbolic links are refused before any pragma or chmod; a read-only home, a home of
another user and a full disk each get their own message; an exposed data home is reported."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from salescoach.store.db import APPLICATION_ID, connect
from tests.support.cli import run
from tests.support.leads import add, use_test_playbooks
from tests.support.store import BUILDERS

HEADER_MODES = slice(18, 20)  # the file header's read and write versions: 2 means WAL


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _state(path: Path) -> tuple[bytes, int, list[str]]:
    """What a refusal must leave alone: the bytes, the mode and the files beside it."""
    return path.read_bytes(), stat.S_IMODE(path.stat().st_mode), sorted(os.listdir(path.parent))


def _home_with(salescoach_home: Path, build: str) -> Path:
    salescoach_home.mkdir(parents=True, mode=0o700)
    salescoach_home.chmod(0o700)
    database = salescoach_home / "salescoach.db"
    with closing(sqlite3.connect(database)) as conn:
        conn.executescript(build)
    database.chmod(0o644)
    return database


def test_a_newer_schema_is_refused_before_any_pragma_or_chmod(salescoach_home: Path) -> None:
    database = _home_with(salescoach_home, "CREATE TABLE leads (id); PRAGMA user_version = 99;")
    before = _state(database)
    result = run("lead", "list")
    assert result.exit_code == 2 and "written by a newer salescoach (schema 99" in result.stderr
    assert _state(database) == before  # still 0644, still not WAL, no -wal or -shm
    assert database.read_bytes()[HEADER_MODES] == b"\x01\x01"


@pytest.mark.parametrize(
    ("build", "what"),
    [
        ("CREATE TABLE photos (id, path); INSERT INTO photos VALUES (1, 'a.jpg');", "photos"),
        ("PRAGMA application_id = 1234; CREATE TABLE t (x);", "application id 0x4d2"),
        ("CREATE TABLE leads (id); PRAGMA user_version = 1;", "without salescoach's tables"),
    ],
)
def test_another_programs_sqlite_file_is_refused_untouched(
    salescoach_home: Path, build: str, what: str
) -> None:
    database = _home_with(salescoach_home, build)
    before = _state(database)
    result = run("lead", "add", "Ada", "--playbook", "minimal")
    assert result.exit_code == 2
    assert "is another program's SQLite database" in result.stderr and what in result.stderr
    assert "Traceback" not in result.stderr
    assert _state(database) == before


def test_salescoach_databases_are_marked_and_old_ones_marked_on_open(
    salescoach_home: Path, tmp_path: Path
) -> None:
    add("Ada")
    with closing(sqlite3.connect(salescoach_home / "salescoach.db")) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    old = tmp_path / "v1.db"
    BUILDERS[1](old)  # made before databases were marked
    with closing(connect(old)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == 2


@pytest.mark.parametrize("which", ["salescoach.db", "salescoach.db-wal", "salescoach.db-shm"])
def test_a_symlinked_database_file_is_refused_and_never_chmodded_through(
    salescoach_home: Path, tmp_path: Path, which: str
) -> None:
    add("Ada")
    elsewhere = tmp_path / "elsewhere"
    if which == "salescoach.db":
        (salescoach_home / which).rename(elsewhere)
    else:
        elsewhere.write_bytes(b"")
    elsewhere.chmod(0o644)
    (salescoach_home / which).symlink_to(elsewhere)
    result = run("lead", "list")
    assert result.exit_code == 2
    assert f"{salescoach_home / which} is a symbolic link" in result.stderr
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o644
    assert (salescoach_home / which).is_symlink()


def test_a_data_home_others_can_read_is_reported(salescoach_home: Path) -> None:
    add("Ada")
    salescoach_home.chmod(0o755)
    result = run("lead", "list")
    assert result.exit_code == 0
    assert f"salescoach: warning: {salescoach_home} can be read by other users" in result.stderr
    assert f"chmod 700 {salescoach_home}" in result.stderr
    assert stat.S_IMODE(salescoach_home.stat().st_mode) == 0o755  # the user's choice stays
    salescoach_home.chmod(0o700)
    assert "warning" not in run("lead", "list").stderr


# Faults of the disk and of permissions, on a file system of their own (a tmpfs mounted in a
# private mount namespace) or as another user: these need root and util-linux.
def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True, check=False,
    )  # fmt: skip
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs root to mount a tmpfs")


def _in_namespace(script: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SALESCOACH_HOME": str(home), "PY": sys.executable}
    return subprocess.run(
        ["unshare", "-m", "sh", "-euc", script], env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip


SETUP = """
mkdir -p "$SALESCOACH_HOME"
mount -t tmpfs -o size=2m,mode=0700 tmpfs "$SALESCOACH_HOME"
"$PY" -m salescoach lead add Ada >/dev/null 2>&1
"$PY" -m salescoach lead add Bob >/dev/null 2>&1
sha() { sha256sum "$SALESCOACH_HOME/salescoach.db"; }
before=$(sha)
"""
AFTER = """
echo "exit=$?" >&2
[ "$before" = "$(sha)" ] && echo unchanged >&2
"""


@needs_mount
@pytest.mark.slow
def test_a_read_only_home_says_so(tmp_path: Path) -> None:
    script = SETUP + 'mount -o remount,ro "$SALESCOACH_HOME"\n'
    script += '"$PY" -m salescoach log Ada -c call || true' + AFTER
    done = _in_namespace(script, tmp_path / "home")
    assert "cannot be written: its disk or folder is read-only" in done.stderr, done.stderr
    assert "exit=0" in done.stderr and "unchanged" in done.stderr
    assert "damaged" not in done.stderr and "Traceback" not in done.stderr


@needs_mount
@pytest.mark.slow
@pytest.mark.parametrize("command", ["log Ada -c call -m hello", "lead list", "lead add Cy"])
def test_a_full_disk_says_so(tmp_path: Path, command: str) -> None:
    fill = 'dd if=/dev/zero of="$SALESCOACH_HOME/filler" bs=4k 2>/dev/null || true\n'
    script = SETUP + fill + f'"$PY" -m salescoach {command} || true' + AFTER
    done = _in_namespace(script, tmp_path / "home")
    assert "the disk holding" in done.stderr and "is full" in done.stderr, done.stderr
    assert "unchanged" in done.stderr
    assert "damaged" not in done.stderr and "Traceback" not in done.stderr


AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _nobody_can_run_salescoach() -> bool:
    """Root, setpriv, and a checkout and virtualenv that another user may read."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return False
    probe = [*AS_NOBODY, sys.executable, "-c", "import salescoach"]
    return subprocess.run(probe, capture_output=True, check=False, cwd="/").returncode == 0


needs_root = pytest.mark.skipif(
    not _nobody_can_run_salescoach(),
    reason="needs root, setpriv, and a checkout and virtualenv readable by user nobody",
)


def _as_nobody(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SALESCOACH_HOME": str(home)}
    return subprocess.run(
        [*AS_NOBODY, sys.executable, "-m", "salescoach", *args],
        env=env, capture_output=True, text=True, check=False, cwd="/",
    )  # fmt: skip


@needs_root
def test_a_home_of_another_user_says_so(salescoach_home: Path) -> None:
    add("Ada")
    salescoach_home.chmod(0o700)
    before = _state(salescoach_home / "salescoach.db")
    done = _as_nobody(salescoach_home, "lead", "list")
    assert done.returncode == 2, done.stderr
    assert "is not a usable folder (Permission denied)" in done.stderr
    assert "Traceback" not in done.stderr
    assert _state(salescoach_home / "salescoach.db") == before


@needs_root
def test_a_database_of_another_user_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = Path(tempfile.mkdtemp())  # under /tmp, which every user may pass through
    try:
        shared.chmod(0o755)
        home = shared / "home"
        monkeypatch.setenv("SALESCOACH_HOME", str(home))
        add("Ada")
        home.chmod(0o755)
        before = _state(home / "salescoach.db")
        done = _as_nobody(home, "lead", "list")
        assert done.returncode == 2, done.stderr
        assert f"no permission to use {home / 'salescoach.db'}" in done.stderr
        assert "damaged" not in done.stderr and "Traceback" not in done.stderr
        assert _state(home / "salescoach.db") == before
    finally:
        shutil.rmtree(shared)
