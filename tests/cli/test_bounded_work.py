"""Bounded work on any input: the matcher caps its spelling repair and what it reads, every
file input is size-checked and read with a limit (a FIFO or /dev/zero is refused at once),
deep YAML and long `extends` chains give a clean error, and `extends` reads only playbooks."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from salescoach.core.objections.features import MAX_REPAIRED
from salescoach.core.objections.matcher import MAX_MATCHED, Matcher
from salescoach.core.playbook.loader import load_playbook
from salescoach.paths import playbook_dirs
from tests.support.cli import run
from tests.support.leads import add, use_test_playbooks
from tests.support.paths import FIXTURES

random.seed(11)
HOSTILE = {
    "one long word": "x" * 100_000,
    "unknown words": " ".join(
        "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))
        for _ in range(100_000 // 8)
    ),
    "names": " ".join(f"the Zorblax{n}." for n in range(100_000 // 16)),
    "slips of known words": " ".join(["bugdet expensve compeitor untill"] * 3000),
}


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.build(load_playbook("b2b-saas", playbook_dirs()).playbook)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_100000_character_objection_is_read_and_repaired_within_bounds(
    matcher: Matcher, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Work is bounded by counts, not by a clock (timings live in benchmarks/): the matcher reads
    # at most MAX_MATCHED characters and mends at most MAX_REPAIRED words, whatever it is given.
    text = HOSTILE[kind][:100_000]
    read: list[int] = []
    mended: list[str] = []
    featurizer = matcher.featurizer
    features, correct = featurizer.features, featurizer.correct

    def counting_features(given: str, *, correct: bool = True) -> list[str]:
        read.append(len(given))
        return features(given, correct=correct)

    def counting_correct(word: str) -> str:
        mended.append(word)
        return correct(word)

    monkeypatch.setattr(featurizer, "features", counting_features)
    monkeypatch.setattr(featurizer, "correct", counting_correct)
    tracemalloc.start()
    result = matcher.rank(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.query == text
    assert read and max(read) <= MAX_MATCHED
    assert len(mended) <= MAX_REPAIRED * len(read)
    assert peak < 100 * 1024 * 1024, f"{peak / 1e6:.0f} MB"


def test_spelling_repair_still_mends_slips(matcher: Matcher) -> None:
    assert matcher.rank("the bugdet is gone").best is not None
    assert matcher.featurizer.correct("bugdet") == "budget"


def _salescoach(home: Path, *args: str, stdin: object = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SALESCOACH_HOME": str(home), "SALESCOACH_NO_INPUT": "1",
           "SALESCOACH_PLAYBOOK_PATH": str(FIXTURES / "playbooks")}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "salescoach", *args], env=env, stdin=stdin,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def _inputs(home: Path, source: str) -> list[list[str]]:
    """Every command that reads a file, given `source` as that file."""
    return [
        ["playbook", "validate", source],
        ["playbook", "show", source],
        ["walk", "Ada", "--answers", source, "--no-input"],
        ["train", "objections", "--answers", source, "--no-input"],
        ["lead", "import", source, "--playbook", "minimal"],
        ["import", source],
        ["objection", "too pricey", "--playbook", source],
    ]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "too-large", "folder"])
def test_every_file_input_refuses_what_it_cannot_read_at_once(
    salescoach_home: Path, tmp_path: Path, kind: str
) -> None:
    add("Ada", "--company", "ACME")
    if kind == "fifo":
        source = tmp_path / "pipe.yaml"
        os.mkfifo(source)  # nobody ever writes to it: reading it would wait for ever
    elif kind == "dev-zero":
        source = Path("/dev/zero")
    elif kind == "too-large":
        source = tmp_path / "huge.yaml"
        with source.open("wb") as sparse:
            sparse.truncate(2 * 1024**3)  # 2 GiB of nothing, on no disk space
    else:
        source = tmp_path / "folder.yaml"
        source.mkdir()
    for args in _inputs(salescoach_home, str(source)):
        started = time.monotonic()
        done = _salescoach(salescoach_home, *args)
        assert time.monotonic() - started < 20, args
        assert done.returncode in (1, 2), (args, done.stderr)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        reason = {"fifo": "device, FIFO", "dev-zero": "device, FIFO", "folder": "folder"}
        said = done.stdout + done.stderr
        # Looking a playbook up by path already passes over anything but a regular file.
        refused = reason.get(kind, "larger than") in said or "no playbook file" in said
        assert refused, (args, said)


@pytest.mark.slow
@pytest.mark.parametrize("args", [["import", "-"], ["objection"]])
def test_stdin_is_read_with_a_limit(salescoach_home: Path, args: list[str]) -> None:
    with open("/dev/zero", "rb") as zeros:
        done = _salescoach(salescoach_home, *args, stdin=zeros)
    assert done.returncode == 2 and "larger than" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


DEEP = "title: deep\nsteps: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"


def test_deep_yaml_nesting_is_a_clean_error(salescoach_home: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(DEEP)
    result = run("playbook", "validate", str(deep))
    assert result.exit_code == 1
    assert "nested more than 64 levels deep" in result.stdout + result.stderr
    add("Ada")
    answers = tmp_path / "answers.yaml"
    answers.write_text("prospecting: " + "[" * 900 + "]" * 900 + "\n")
    walked = run("walk", "Ada", "--answers", str(answers), "--no-input")
    assert walked.exit_code == 2 and "nested more than 64 levels deep" in walked.stderr


def test_a_long_extends_chain_is_a_clean_error(tmp_path: Path) -> None:
    base = (FIXTURES / "playbooks" / "minimal.yaml").read_text()
    (tmp_path / "p0.yaml").write_text(base)
    for n in range(1, 1500):
        (tmp_path / f"p{n}.yaml").write_text(f"extends: p{n - 1}.yaml\n")
    result = run("playbook", "validate", str(tmp_path / "p1499.yaml"))
    assert result.exit_code == 1
    assert "`extends` chains more than 16 playbooks" in result.stdout
    assert (tmp_path / "p10.yaml").exists() and run(
        "playbook", "validate", str(tmp_path / "p10.yaml")
    ).exit_code == 0


SECRET = "root:$6$secretHASH:19000:0:99999:7:::"


@pytest.mark.parametrize(
    ("target", "content"),
    [
        ("../private/shadow", SECRET + "\n"),
        ("../private/one-line", SECRET + "\n"),
        ("../private/secrets.yaml", "password: hunter2\napi_key: abc123\n"),
        ("../private/broken.yaml", "password: [hunter2\n"),
        ("../private/tagged.yaml", "key: !hunter2 x\n"),
    ],
)
def test_extends_reads_only_playbooks_and_never_prints_another_file(
    tmp_path: Path, target: str, content: str
) -> None:
    private = tmp_path / "private"
    private.mkdir()
    (tmp_path / target.removeprefix("../")).write_text(content)
    child = tmp_path / "team" / "mine.yaml"
    child.parent.mkdir()
    child.write_text(f"extends: {target}\n")
    for command in (["playbook", "validate", str(child)], ["playbook", "show", str(child)]):
        result = run(*command)
        assert result.exit_code in (1, 2)
        said = result.stdout + result.stderr
        for secret in ("hunter2", "secretHASH", "password", "api_key", "abc123"):
            assert secret not in said, said
        assert "`extends` names a playbook" in said or "it is not a playbook" in said
