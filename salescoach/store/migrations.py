"""Append-only, numbered schema migrations. Never edit one that has shipped: add the next.

`PRAGMA user_version` records how many have run. Each runs in its own transaction, so a crash
leaves the database at the previous version, never half-way.
"""

from __future__ import annotations

from salescoach.store import sync_schema

M001_INITIAL = """
CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    company TEXT,
    email TEXT,
    phone TEXT,
    source TEXT,
    temperature TEXT NOT NULL DEFAULT 'cold' CHECK (temperature IN ('cold', 'warm', 'qualified')),
    playbook TEXT NOT NULL,
    owner TEXT,
    step TEXT NOT NULL DEFAULT 'prospecting',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost', 'archived')),
    status_reason TEXT,
    sla_due TEXT,
    first_contact_at TEXT,
    last_interaction_at TEXT,
    step_entered_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX leads_email ON leads (lower(email));
CREATE INDEX leads_name_company ON leads (lower(name), lower(company));
CREATE INDEX leads_status_step ON leads (status, step);
CREATE INDEX leads_sla ON leads (status, first_contact_at, sla_due);
CREATE INDEX leads_last_interaction ON leads (status, last_interaction_at);

CREATE TABLE answers (
    lead_id INTEGER NOT NULL REFERENCES leads (id),
    field TEXT NOT NULL,
    value_json TEXT NOT NULL,
    step TEXT NOT NULL,
    question TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (lead_id, field)
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads (id),
    playbook TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished', 'abandoned')),
    state_json TEXT NOT NULL DEFAULT '{}',
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX sessions_lead ON sessions (lead_id, status);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads (id),
    at TEXT NOT NULL,
    step TEXT,
    channel TEXT,
    kind TEXT NOT NULL
        CHECK (kind IN ('note', 'answer', 'objection', 'outcome', 'stage', 'criteria', 'task')),
    text TEXT,
    objection TEXT,
    result TEXT,
    duration_minutes INTEGER,
    detail_json TEXT,
    session_id INTEGER REFERENCES sessions (id)
);
CREATE INDEX interactions_lead_at ON interactions (lead_id, at);
CREATE INDEX interactions_at ON interactions (at);
CREATE INDEX interactions_objection ON interactions (objection, at) WHERE objection IS NOT NULL;

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads (id),
    title TEXT NOT NULL,
    due TEXT NOT NULL,
    channel TEXT,
    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'done', 'dropped', 'cancelled')),
    cadence TEXT,
    dedupe_key TEXT,
    stop_on_reply INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    reason TEXT,
    session_id INTEGER REFERENCES sessions (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX tasks_status_due ON tasks (status, due);
CREATE INDEX tasks_lead ON tasks (lead_id, status);
CREATE UNIQUE INDEX tasks_dedupe ON tasks (lead_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL,
    target REAL NOT NULL CHECK (target > 0),
    period TEXT NOT NULL CHECK (period IN ('day', 'week', 'month', 'quarter')),
    created_at TEXT NOT NULL,
    UNIQUE (metric, period)
);

CREATE TABLE training (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    drill TEXT NOT NULL,
    item TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    detail_json TEXT
);
CREATE INDEX training_drill_at ON training (drill, at);

CREATE TABLE review_items (
    item TEXT PRIMARY KEY,
    drill TEXT NOT NULL,
    box INTEGER NOT NULL DEFAULT 1,
    due TEXT NOT NULL,
    last_at TEXT
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Every salescoach database has these from schema 1 on: one without them is not ours.
FIRST_TABLES = frozenset(
    ("leads", "answers", "sessions", "interactions", "tasks", "goals", "training", "settings")
)

# CRM interchange: a lead's mobile and job title, the CRM record it came from (a re-import
# finds it again by vendor and id), and a task's time of day (HH:MM, local; NULL: any time).
M002_CRM = """
ALTER TABLE leads ADD COLUMN mobile TEXT;
ALTER TABLE leads ADD COLUMN job_title TEXT;
ALTER TABLE leads ADD COLUMN crm_vendor TEXT;
ALTER TABLE leads ADD COLUMN crm_id TEXT;
CREATE UNIQUE INDEX leads_crm ON leads (crm_vendor, crm_id) WHERE crm_id IS NOT NULL;
ALTER TABLE tasks ADD COLUMN due_time TEXT;
"""

# Sync with a team hub: every synced row gets a global id and its origin, and every write of
# one is captured in an outbox by triggers (store/sync_schema.py); existing rows go in the
# outbox too, so the first sync uploads the whole history.
M005_SYNC = sync_schema.migration()

# Position + 1 is the schema version each one brings the database to.
MIGRATIONS: tuple[str, ...] = (M001_INITIAL, M002_CRM, M005_SYNC)
SCHEMA_VERSION = len(MIGRATIONS)
