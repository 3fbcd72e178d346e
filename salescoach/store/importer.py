"""What `lead import` needs to know about the store while it writes.

Who is already there, by the keys of `core.leads.duplicates` (a CRM record, an e-mail, a
name and company), is asked of the leads' own indexes one row at a time, so an import into
a store of any size reads only the leads it could match. The keys compare with Python's
lower() (Unicode: "ÉCOLE" and "école" are one company), the indexes with SQLite's (ASCII
only): they agree on keys of ASCII text, and the few leads whose e-mail, name or company
holds anything else (found through a partial index) are keyed with Python's lower() in a
temporary table at the start. That table also holds which leads this import has added or
matched, at which line of its file; it belongs to the import's transaction and is dropped
with it.

The import's connection holds a larger page cache while it writes into a store bigger than
that cache (IMPORT_CACHE_KIB): 10,000
new leads touch a few thousand pages of the leads' and the sync's indexes all over a big
store, and with SQLite's default 2 MiB those pages were written to the WAL, evicted and read
back many times over in the one transaction (70 MB of WAL writes at 100,000 leads against 7
MB in an empty store); a bound, so a bigger file still imports in bounded memory.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from salescoach.core.leads.duplicates import KEY_SEPARATOR, crm_key, identity_keys

# The condition of the partial index `leads_unicode_keys` (M003), written the same way so
# that SQLite uses it: a character outside printable ASCII in a key column.
UNICODE_KEYS = "(email GLOB '*[^ -~]*' OR name GLOB '*[^ -~]*' OR company GLOB '*[^ -~]*')"


IMPORT_CACHE_KIB = 32 * 1024
# A smaller store's indexes are few pages: its imports spill little (7 MB of WAL writes for
# 10,000 leads into an empty store) and keep the default cache.
BIG_STORE_BYTES = IMPORT_CACHE_KIB * 1024


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


class ImportIndex:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
        size = conn.execute("PRAGMA page_count").fetchone()[0]
        size *= conn.execute("PRAGMA page_size").fetchone()[0]
        if size > BIG_STORE_BYTES:
            conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        # Leads from this id on were added by this import: the temporary table says at
        # which line, so the indexes answer only for the leads that were there before.
        self.first_new = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM leads").fetchone()[0]
        conn.create_function("salescoach_lower", 1, _lower, deterministic=True)
        # line: the file's line that added or matched the lead; NULL for a lead already there.
        conn.execute(
            "CREATE TEMP TABLE import_keys (key TEXT PRIMARY KEY, lead_id INTEGER, line INTEGER)"
        )
        # First wins, as among the rows of a file: the lowest id holds a key.
        conn.execute(
            "INSERT OR IGNORE INTO import_keys (key, lead_id) "
            "SELECT 'e:' || salescoach_lower(email), id FROM leads "
            f"WHERE {UNICODE_KEYS} AND email IS NOT NULL AND email != '' ORDER BY id"
        )
        conn.execute(
            "INSERT OR IGNORE INTO import_keys (key, lead_id) "
            "SELECT 'n:' || salescoach_lower(name) || ? || salescoach_lower(coalesce(company, "
            f"'')), id FROM leads WHERE {UNICODE_KEYS} ORDER BY id",
            (KEY_SEPARATOR,),
        )

    def match(self, fields: dict[str, Any]) -> tuple[str, int, int | None] | None:
        """(why, lead id, line or None) for the first key of `fields` already held: its CRM
        record ("crm"), else its e-mail, else its name and company."""
        for why, key in identity_keys(fields):
            held = self.conn.execute(
                "SELECT lead_id, line FROM import_keys WHERE key = ?", (key,)
            ).fetchone()
            if held is not None and held[1] is not None:
                return why, held[0], held[1]
            there = self._lead_there(why, fields)
            ids = [i for i in (there, held[0] if held else None) if i is not None]
            if ids:
                return why, min(ids), None
        return None

    def _lead_there(self, why: str, fields: dict[str, Any]) -> int | None:
        """The lowest id among the leads already there whose key `why` is that of `fields`."""
        if why == "crm":
            row = self.conn.execute(
                "SELECT id FROM leads WHERE crm_vendor = ? AND crm_id = ? "
                "AND crm_id IS NOT NULL AND id < ? ORDER BY id LIMIT 1",
                (str(fields["crm_vendor"]), str(fields["crm_id"]), self.first_new),
            ).fetchone()
            return None if row is None else int(row[0])
        if why == "e-mail":
            email = str(fields["email"]).lower()
            rows = self.conn.execute(
                "SELECT id, email FROM leads WHERE lower(email) = ? AND id < ? ORDER BY id",
                (email, self.first_new),
            )
            return next((r[0] for r in rows if r[1].lower() == email), None)
        name = str(fields["name"]).lower()
        company = str(fields.get("company") or "").lower()
        rows = self.conn.execute(
            "SELECT id, name, company FROM leads WHERE lower(name) = ? AND id < ? ORDER BY id",
            (name, self.first_new),
        )
        return next(
            (r[0] for r in rows if r[1].lower() == name and (r[2] or "").lower() == company),
            None,
        )

    def lead(self, lead_id: int) -> sqlite3.Row:
        row: sqlite3.Row = self.conn.execute(
            "SELECT * FROM leads WHERE id = ?", (lead_id,)
        ).fetchone()
        return row

    def add(self, fields: dict[str, Any], lead_id: int, line: int) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO import_keys (key, lead_id, line) VALUES (?, ?, ?)",
            [(key, lead_id, line) for _why, key in identity_keys(fields)],
        )

    def seen(self, fields: dict[str, Any], lead_id: int, line: int) -> None:
        """A CRM record already there was matched by this line of the file."""
        self.conn.execute(
            "INSERT OR REPLACE INTO import_keys (key, lead_id, line) VALUES (?, ?, ?)",
            (crm_key(fields), lead_id, line),
        )

    def drop(self) -> None:
        self.conn.execute("DROP TABLE temp.import_keys")
        self.conn.execute(f"PRAGMA cache_size = {int(self.cache_size)}")
