"""Finding leads by part of their name or company through a trigram index, not a scan.

`leads_search` is an FTS5 table with the trigram tokenizer over each lead's name and company
(external content: it holds only the index, the text stays in `leads`), kept by triggers on
`leads`, so every writer keeps it: a command, `lead import`, the sync's pull, a restore. It is
a prefilter only: `store.leads.find_lead` asks it for the leads whose name or company holds
every three-character piece of what the rep typed, in id order, and applies the exact LIKE of
before to each, so the leads found, their order, the limit and the ambiguity are the same.

Why it is a superset of LIKE's matches: SQLite's LIKE equates a character with itself and
ASCII letters with their other case, and the tokenizer folds the case of each character on
its own (Unicode's simple folding, one character for one, which keeps those pairs equal), so a
name that LIKE matches holds every trigram of the pattern, folded the same way. Patterns of
fewer than three characters have no trigram and keep the scan; so does one holding a NUL
(where C code on either side may stop reading, so the two need not agree).

It is derived data: not exported (a restore rebuilds it as the leads go in, and the migration
builds it for a store that predates it); a backup, a copy of the whole file, holds it as it
was. Where SQLite lacks FTS5 or its trigram tokenizer (SQLite < 3.34, or built without FTS5)
the migration creates nothing and lookups keep the scan.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

TABLE = "leads_search"
MIN_CHARS = 3  # the trigram tokenizer indexes nothing shorter

_CREATE = f"""
CREATE VIRTUAL TABLE {TABLE} USING fts5(
    name, company, content = 'leads', content_rowid = 'id', tokenize = 'trigram',
    columnsize = 0
)"""


# For a bulk insert of leads (store.derived_tables): the new rows indexed in one statement.
# Row by row, FTS5 writes each insert's terms out as a segment of its own at the statement's
# end and merges them as they pile up; in one statement they go out together.
TRIGGERS_ON_INSERT = (f"{TABLE}_insert",)
REBUILD_NEW_ROWS = (
    f"INSERT INTO {TABLE} (rowid, name, company) "
    "SELECT id, name, company FROM leads WHERE id BETWEEN :first AND :last",
)


def available() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (on a scratch database)."""
    try:
        with closing(sqlite3.connect(":memory:")) as probe:
            probe.execute(_CREATE.replace("content = 'leads', content_rowid = 'id', ", ""))
    except sqlite3.Error:
        return False
    return True


def migration() -> str:
    """The index, built from the leads in one statement, and its triggers; nothing where
    SQLite cannot build it."""
    if not available():
        return ""
    into = f"INSERT INTO {TABLE} (rowid, name, company) VALUES (NEW.id, NEW.name, NEW.company);"
    out = (
        f"INSERT INTO {TABLE} ({TABLE}, rowid, name, company) "
        "VALUES ('delete', OLD.id, OLD.name, OLD.company);"
    )
    return f"""{_CREATE};
INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild');
CREATE TRIGGER {TABLE}_insert AFTER INSERT ON leads BEGIN
    {into}
END;
CREATE TRIGGER {TABLE}_update AFTER UPDATE OF id, name, company ON leads BEGIN
    {out}
    {into}
END;
CREATE TRIGGER {TABLE}_delete AFTER DELETE ON leads BEGIN
    {out}
END;
"""


def indexed(conn: sqlite3.Connection) -> bool:
    """Whether this store has the index (the migration could build it)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).fetchone()
    return found is not None


def phrase(lowered: str) -> str | None:
    """The FTS5 query for leads holding `lowered` in a name or company (a superset of LIKE's
    matches), or None when the index cannot answer it."""
    if len(lowered) < MIN_CHARS or "\x00" in lowered:
        return None
    return '"' + lowered.replace('"', '""') + '"'
