"""One safe writer for every file salescoach writes: whole or absent, 0600 whatever the umask,
an existing file only with --force, never through or over a link, folder, device or FIFO,
leftovers of killed writes cleared, and a full device ending in a message and exit 74."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from salescoach.core.kernel import safe_write
from tests.support.cli import run
from tests.support.leads import add, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


@pytest.fixture
def no_umask() -> Iterator[None]:
    old = os.umask(0)
    yield
    os.umask(old)


# Each writing command, given the path to write.
WRITERS: dict[str, Callable[[Path], list[str]]] = {
    "export": lambda path: ["export", "-o", str(path)],
    "export csv": lambda path: ["export", "-f", "csv", "-o", str(path)],
    "tasks export": lambda path: ["tasks", "export", "-o", str(path)],
    "export activities": lambda path: [
        "export",
        "activities",
        "--for",
        "salesforce",
        "-o",
        str(path),
    ],
    "export contacts": lambda path: ["export", "contacts", "--format", "vcard", "-o", str(path)],
    "backup": lambda path: ["backup", str(path)],
}


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(done.stdout)


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_written_file_is_owner_only_whatever_the_umask(
    tmp_path: Path, writer: str, no_umask: None
) -> None:
    add("Ada")
    target = tmp_path / "out"
    result = run(*WRITERS[writer](target))
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out"]  # nothing beside it


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_an_existing_file_is_replaced_only_with_force_and_then_owner_only(
    tmp_path: Path, writer: str
) -> None:
    add("Ada")
    target = tmp_path / "out"
    target.write_text("keep me")
    target.chmod(0o644)
    refused = run(*WRITERS[writer](target))
    assert refused.exit_code == 2 and f"{target} exists" in refused.stderr
    assert target.read_text() == "keep me"
    assert run(*WRITERS[writer](target), "--force").exit_code == 0
    assert target.read_bytes() != b"keep me"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def _symlink(tmp_path: Path) -> tuple[Path, Path]:
    pointed = tmp_path / "pointed"
    pointed.write_text("not yours to replace")
    link = tmp_path / "link"
    link.symlink_to(pointed)
    return link, pointed


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("force", [False, True])
def test_a_symlink_is_never_written_through_or_replaced(
    tmp_path: Path, writer: str, force: bool
) -> None:
    add("Ada")
    link, pointed = _symlink(tmp_path)
    result = run(*WRITERS[writer](link), *(["--force"] if force else []))
    assert result.exit_code == 2
    assert f"{link} is a symbolic link" in result.stderr
    assert link.is_symlink() and pointed.read_text() == "not yours to replace"


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_fifo_or_folder_is_refused_at_once(tmp_path: Path, writer: str) -> None:
    add("Ada")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = run(*WRITERS[writer](fifo), "--force")
    assert result.exit_code == 2 and f"{fifo} is a device, FIFO or socket" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run(*WRITERS[writer](folder), "--force")
    assert result.exit_code == 2 and f"{folder} is a folder" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_device_is_never_replaced_even_by_root(tmp_path: Path, writer: str) -> None:
    add("Ada")
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    result = run(*WRITERS[writer](device), "--force")
    assert result.exit_code == 2 and "is a device, FIFO or socket" in result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_playbook_new_refuses_a_symlink_in_the_playbook_folder(
    salescoach_home: Path, tmp_path: Path
) -> None:
    folder = salescoach_home / "playbooks"
    folder.mkdir(parents=True)
    pointed = tmp_path / "elsewhere.yaml"
    pointed.write_text("mine")
    (folder / "my-team.yaml").symlink_to(pointed)
    result = run("playbook", "new", "my-team", "--force")
    assert result.exit_code == 2 and "is a symbolic link" in result.stderr
    assert pointed.read_text() == "mine"


def test_playbook_new_is_owner_only_whatever_the_umask(
    salescoach_home: Path, no_umask: None
) -> None:
    assert run("playbook", "new", "my-team").exit_code == 0
    made = salescoach_home / "playbooks" / "my-team.yaml"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600


def test_leftovers_of_killed_writes_are_removed_by_the_next_one(
    salescoach_home: Path, tmp_path: Path
) -> None:
    add("Ada")
    dead = _dead_pid()
    stale = tmp_path / f".out.jsonl.{dead}-0.partial"
    stale.write_text("half an export")
    live = tmp_path / f".out.jsonl.{os.getppid()}-0.partial"  # a writer still running
    live.write_text("being written")
    assert run("export", "-o", str(tmp_path / "out.jsonl")).exit_code == 0
    assert not stale.exists() and live.exists()
    backups = salescoach_home / "backups"
    backups.mkdir()
    old = backups / "salescoach-20260101-000000.db.partial"  # how 0.1 left a killed backup
    old.write_bytes(b"half a database")
    assert run("backup").exit_code == 0
    assert not old.exists()
    assert [p.suffix for p in backups.iterdir()] == [".db"]


def test_a_full_disk_leaves_the_target_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add("Ada")
    target = tmp_path / "out.jsonl"
    target.write_text("the previous export")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(safe_write.os, "fsync", full)
    result = run("export", "-o", str(target), "--force")
    assert result.exit_code == 74
    assert f"cannot write {target} (No space left on device); nothing was written" in result.stderr
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out.jsonl"]


def _salescoach(home: Path, *args: str, stdout: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SALESCOACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "salescoach", *args],
        env=env, stdout=stdout, stderr=subprocess.PIPE, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("args", [["export"], ["lead", "list", "--json"], ["paths"]])
def test_stdout_on_a_full_device_is_a_message_and_exit_74(
    salescoach_home: Path, args: list[str]
) -> None:
    add("Ada")
    with open("/dev/full", "w") as full:
        done = _salescoach(salescoach_home, *args, stdout=full)
    assert done.returncode == 74, done.stderr
    assert "salescoach: error: cannot write the output (No space left on device)" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_a_closed_pipe_ends_quietly(salescoach_home: Path) -> None:
    add("Ada")
    reader = subprocess.Popen(["true"], stdin=subprocess.PIPE)
    reader.wait()
    assert reader.stdin is not None
    done = _salescoach(salescoach_home, "lead", "list", "--json", stdout=reader.stdin)
    reader.stdin.close()
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_restore_keeps_every_replaced_store_owner_only(
    salescoach_home: Path, tmp_path: Path
) -> None:
    add("Ada")
    backup = tmp_path / "ada.db"
    assert run("backup", str(backup)).exit_code == 0
    database = salescoach_home / "salescoach.db"
    for _ in range(2):  # twice in the same second: the first kept copy stays
        database.chmod(0o644)
        assert run("restore", str(backup), "--force").exit_code == 0
    kept = sorted(salescoach_home.glob("salescoach.db.replaced-*"))
    assert len([k for k in kept if not k.name.endswith(("-wal", "-shm"))]) == 2
    for copy in kept:
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        if copy.name.endswith(("-wal", "-shm")):
            continue
        with closing(sqlite3.connect(copy)) as conn:
            assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == 1


def test_restore_refuses_a_symlinked_store(salescoach_home: Path, tmp_path: Path) -> None:
    add("Ada")
    backup = tmp_path / "ada.db"
    run("backup", str(backup))
    database = salescoach_home / "salescoach.db"
    real = tmp_path / "real.db"
    database.rename(real)
    database.symlink_to(real)
    result = run("restore", str(backup), "--force")
    assert result.exit_code == 2 and "is a symbolic link" in result.stderr
    assert database.is_symlink()
