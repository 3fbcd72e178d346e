"""The compiled objection matcher, kept as JSON in the data home's cache folder.

`salescoach objection` runs mid-call, so it must not pay for reading YAML and validating the
whole playbook every time. The first run compiles what the command needs (the matcher index,
the families' prompts, the battlecards) and writes it to `cache/objections-<key>.json`; later
runs read that one file, importing neither yaml nor the playbook model.

A cache file is used only while it is fresh: it records the size and modification time of
every YAML file in the playbook's `extends` chain, of the folders searched for playbooks (a new
file there could shadow the one used), and of the matcher's own modules. Any change, and the
playbook is read, validated and compiled again. The file is a stamped cache
(`core.kernel.stamps`: one entry, under the key); caching is best-effort: if the cache cannot be
written, the command still works.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from salescoach.core.kernel import cache_files
from salescoach.core.objections import features as objection_features
from salescoach.core.objections import matcher as objections
from salescoach.core.objections.jsonview import card_record, prompts_record
from salescoach.core.objections.matcher import CONFIDENT, Matcher, MatchResult
from salescoach.core.text import normalise as textnorm

if TYPE_CHECKING:
    from salescoach.core.objections.shapes import ObjectionAnswerJSON

FORMAT = 1  # of the compiled data: bump when its shape changes
KIND = "objections"
_SUFFIXES = (".yaml", ".yml")
_MODULES = (objection_features, objections, textnorm)  # and the thesaurus, by path below
_PROMPT_FIELDS = ("id", "title", "concern", "probing_questions", "responses", "avoid")
_CARD_FIELDS = ("id", "name", "aliases", "strengths", "weaknesses", "how_we_win")


class CompiledPlaybook(NamedTuple):
    name: str
    title: str
    objections: dict[str, dict[str, Any]]  # id -> the family's prompts, in playbook order
    battlecards: dict[str, dict[str, Any]]
    matcher: Matcher

    def report(self, result: MatchResult, top: int) -> ObjectionAnswerJSON:
        """One answer as plain data (the JSON output, and what the terminal view shows)."""
        best = result.best
        return {
            "schema": "objection",
            "version": 1,
            "query": result.query,
            "playbook": self.name,
            "confident": result.confident,
            "threshold": CONFIDENT,
            "matches": [
                {"id": m.id, "title": m.title, "score": m.score} for m in result.matches[:top]
            ],
            "best": prompts_record(self.objections[best.id]) if best else None,
            "battlecards": [card_record(self.battlecards[c]) for c in result.battlecards],
        }


def cache_key(name_or_file: str, dirs: list[tuple[str, Path]]) -> str:
    """What picks the playbook: the name or file asked for, and the folders searched."""
    looks_like_file = name_or_file.endswith(_SUFFIXES) or "/" in name_or_file
    asked = os.path.abspath(os.path.expanduser(name_or_file)) if looks_like_file else name_or_file
    folders = [[origin, os.path.abspath(folder)] for origin, folder in dirs]
    return json.dumps([FORMAT, asked, folders])


def cache_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"objections-{zlib.crc32(key.encode()):08x}.json"


def watched(files: list[str], dirs: list[tuple[str, Path]]) -> list[str]:
    """What a compilation depends on: the playbook's files, the folders searched for playbooks
    (a new file there could shadow the one used) and the matcher's own code."""
    folders = [str(folder) for _, folder in dirs] + [os.path.dirname(f) for f in files]
    modules = [str(m.__file__) for m in _MODULES]
    modules.append(os.path.join(os.path.dirname(str(objections.__file__)), "lexicon.py"))
    return list(dict.fromkeys([*files, *folders, *modules]))


def read_cached(cache_dir: Path, key: str) -> CompiledPlaybook | None:
    """The cached compilation for `key`, or None when missing, damaged or stale."""
    entries = cache_files.read_entries(cache_file(cache_dir, key), KIND, FORMAT)
    data = cache_files.fresh(entries, key)
    try:
        return None if data is None else _from_data(data)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def compile_playbook(name: str, playbook: Any) -> CompiledPlaybook:
    """What `salescoach objection` needs from a validated playbook."""
    prompts = {
        o.id: o.model_dump(mode="json", include=set(_PROMPT_FIELDS)) for o in playbook.objections
    }
    cards = {
        c.id: c.model_dump(mode="json", include=set(_CARD_FIELDS)) for c in playbook.battlecards
    }
    return CompiledPlaybook(name, playbook.title, prompts, cards, Matcher.build(playbook))


def load_compiled(
    name_or_file: str,
    dirs: list[tuple[str, Path]],
    cache_dir: Path | None,
    *,
    clock_ns: Callable[[], int],
) -> CompiledPlaybook:
    """The compiled playbook: from the cache when fresh, else read, validated and cached.

    `cache_dir` None reads and writes no cache. `clock_ns` (the caller's `time.time_ns`) says
    when reading began: a file changed since may have changed while it was read, so that
    result is not cached (the next run compiles again).
    """
    key = cache_key(name_or_file, dirs)
    if cache_dir is not None:
        cached = read_cached(cache_dir, key)
        if cached is not None:
            return cached
    from salescoach.core.playbook.loader import load_playbook

    started = clock_ns()
    loaded = load_playbook(name_or_file, dirs)
    compiled = compile_playbook(loaded.name, loaded.playbook)
    if cache_dir is not None:
        files = [str(f) for f in loaded.files]
        write_cache(cache_dir, key, compiled, files, dirs, started_ns=started)
    return compiled


def write_cache(
    cache_dir: Path,
    key: str,
    compiled: CompiledPlaybook,
    files: list[str],
    dirs: list[tuple[str, Path]],
    *,
    started_ns: int,
) -> bool:
    """Write the cache file atomically; False (nothing written) if a playbook file changed
    since just before `started_ns`, when reading it began: its stamp could then describe
    content that was never read."""
    data = {
        "name": compiled.name,
        "title": compiled.title,
        "objections": compiled.objections,
        "battlecards": compiled.battlecards,
        "matcher": compiled.matcher.to_data(),
    }
    entry = cache_files.new_entry(data, watched(files, dirs), read=files, started_ns=started_ns)
    if entry is None:
        return False
    return cache_files.write_entries(cache_file(cache_dir, key), KIND, FORMAT, {key: entry})


def _from_data(data: dict[str, Any]) -> CompiledPlaybook:
    return CompiledPlaybook(
        name=data["name"],
        title=data["title"],
        objections=data["objections"],
        battlecards=data["battlecards"],
        matcher=Matcher.from_data(data["matcher"]),
    )
