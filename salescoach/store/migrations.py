"""Append-only, numbered schema migrations. Never edit one that has shipped: add the next.

`PRAGMA user_version` records how many have run. Each runs in its own transaction, so a crash
leaves the database at the previous version, never half-way.
"""

from __future__ import annotations

from collections.abc import Callable

from salescoach.store import (
    lead_progress,
    lead_search,
    period_marks,
    step_arrivals,
    sync_schema,
    task_rank,
)

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

# Indexes for stores of 100,000 leads, each chosen by the plan of the query it serves (a test
# checks those plans): the funnel's first arrival at each step, read from the index alone;
# the period's log, read from the index alone by the report's aggregates; leads created in a
# period, first contacted in it, or with their SLA deadline in it; the playbooks open leads
# use (the plan); and the few leads whose e-mail, name or company holds more than printable
# ASCII, which `lead import` keys itself (store.importer: SQLite's lower() is ASCII only).
M003_SCALE_INDEXES = """
CREATE INDEX interactions_lead_step_at ON interactions (lead_id, step, at);
CREATE INDEX interactions_period
    ON interactions (at, lead_id, channel, step, kind, result, objection);
CREATE INDEX leads_created ON leads (created_at);
CREATE INDEX leads_first_contact ON leads (first_contact_at);
CREATE INDEX leads_sla_due ON leads (sla_due);
CREATE INDEX leads_status_playbook ON leads (status, playbook);
CREATE INDEX leads_unicode_keys ON leads (id)
    WHERE (email GLOB '*[^ -~]*' OR name GLOB '*[^ -~]*' OR company GLOB '*[^ -~]*');
"""

# How a lead came in: 'import' (`lead import`, a file or a CRM export: marketing's hand-off,
# which the report's SLA figures count) or 'hand' (`lead add`); NULL for leads added before it
# was kept. Leads whose import is certain (a CRM record, the default `import FILE` source) get
# 'import'.
M004_LEAD_ORIGIN = """
ALTER TABLE leads ADD COLUMN origin TEXT;
UPDATE leads SET origin = 'import' WHERE crm_vendor IS NOT NULL OR source LIKE 'import %';
"""

# Sync with a team hub: every synced row gets a global id and its origin, and every write of
# one is captured in an outbox by triggers (store/sync_schema.py); existing rows go in the
# outbox too, so the first sync uploads the whole history.
M005_SYNC = sync_schema.migration()

# The manager's desk reaches the rep: drills the manager assigned (done by the rep's own `train`
# run, the result in the row), the playbook versions the manager published (the hub layer of
# the playbook search path), and the playbook version each walk ran. All synced.
M006_COACHING = (
    """
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    rep TEXT,
    drill TEXT NOT NULL,
    target TEXT NOT NULL,
    playbook TEXT,
    due TEXT,
    assigned_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    done_at TEXT,
    score REAL,
    max_score REAL,
    result TEXT
);
CREATE INDEX assignments_open ON assignments (status, due);
CREATE TABLE playbooks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    yaml TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT,
    UNIQUE (name, version)
);
ALTER TABLE sessions ADD COLUMN playbook_version TEXT;
"""
    + sync_schema.capture("assignments", sync_schema.M005_NEW_GID)
    + sync_schema.capture("playbooks", sync_schema.M005_NEW_GID)
    + sync_schema.update_trigger("sessions", sync_schema.RECORD_COLUMNS["sessions"])
)

# Open tasks by what their urgency can reach, kept by triggers, so that `tasks` and `plan`
# score only the few tasks that could be on their first page (store/task_rank.py); and the
# plan's idle deals read from one covering index, not from every open lead's row.
M007_TASK_RANK = (
    task_rank.migration()
    + """
CREATE INDEX leads_stale
    ON leads (status, playbook, step, last_interaction_at, step_entered_at, first_contact_at);
"""
)

# Guards on what a pull brings (store/sync_apply.py): why a pulled change is parked (NULL: it
# waits for its lead and is retried; else what is wrong with it: kept, never applied, shown by
# `sync` and `team status`), and the leads the manager handed to another rep, as this rep's
# pulls saw them: read-only here, with their new owner.
M008_SYNC_GUARDS = """
ALTER TABLE sync_parked ADD COLUMN reason TEXT;
CREATE TABLE sync_handed_away (lead INTEGER PRIMARY KEY, owner TEXT NOT NULL);
"""

# Each lead's first arrival at each step, kept by triggers on interactions and built here from
# the log (store/step_arrivals.py): the report's funnel reads it instead of every history.
M009_STEP_ARRIVALS = step_arrivals.migration()

# The report's period figures as range counts (store/period_marks.py): each interaction's
# previous one for its lead and for its lead, step and channel, the (step, channel) pairs
# logged, and the lead-days of the goal metrics, kept by triggers on interactions and built
# here from the log; the decisive results (few rows) for the outcomes and deals won; and the
# SLA figures' leads read from one index (it replaces the one of their deadline alone).
M010_PERIOD_MARKS = (
    period_marks.migration()
    + """
CREATE INDEX interactions_decisive ON interactions (result, at, lead_id)
    WHERE result IN ('won', 'lost', 'no_decision');
DROP INDEX leads_sla_due;
CREATE INDEX leads_sla_period ON leads (sla_due, status, origin, first_contact_at, created_at);
"""
)

# A trigram index over leads' names and companies, kept by triggers (store/lead_search.py):
# finding a lead by part of its name seeks instead of scanning every lead. A function: it is
# built only where SQLite has FTS5's trigram tokenizer.
M011_LEAD_SEARCH = lead_search.migration

# Each lead's funnel figures and their sums per day, kept by triggers on leads, interactions
# and step_arrivals and built here (store/lead_progress.py): the report's funnel adds up a
# period's days instead of visiting each of its leads.
M012_LEAD_PROGRESS = lead_progress.migration()

# Time-ordered gids (store/sync_schema.py): a new row's gid is a version 7 UUID, after every
# gid minted before it, so it lands at the right edge of `sync_ids`' key instead of on a
# random page (a 10,000-lead import into a big store dirtied a page of it per row).
M013_TIME_ORDERED_GIDS = sync_schema.time_ordered_gids()

# Position + 1 is the schema version each one brings the database to.
MIGRATIONS: tuple[str | Callable[[], str], ...] = (
    M001_INITIAL,
    M002_CRM,
    M003_SCALE_INDEXES,
    M004_LEAD_ORIGIN,
    M005_SYNC,
    M006_COACHING,
    M007_TASK_RANK,
    M008_SYNC_GUARDS,
    M009_STEP_ARRIVALS,
    M010_PERIOD_MARKS,
    M011_LEAD_SEARCH,
    M012_LEAD_PROGRESS,
    M013_TIME_ORDERED_GIDS,
)
SCHEMA_VERSION = len(MIGRATIONS)
