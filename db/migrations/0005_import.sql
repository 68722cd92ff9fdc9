-- Imports from the associations' Excel files (issue 4): a stable row id per participation
-- so re-imports update instead of duplicating, the history of imports with what each one
-- created or changed (for undo), and saved column/value mappings per association.
-- Portable SQL for SQLite 3.40+ and PostgreSQL 15+, as 0001_init.sql.

ALTER TABLE participation ADD COLUMN source_row_id TEXT NOT NULL DEFAULT '';
CREATE INDEX participation_source_row ON participation (insats_id, source_row_id);

CREATE TABLE import_batch (
    id {{ID}},
    forbund_id BIGINT NOT NULL REFERENCES forbund(id),
    user_id BIGINT REFERENCES app_user(id),
    username TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('ALL', 'VALID')),
    created_rows INTEGER NOT NULL DEFAULT 0,
    updated_rows INTEGER NOT NULL DEFAULT 0,
    unchanged_rows INTEGER NOT NULL DEFAULT 0,
    rejected_rows INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX import_batch_forbund ON import_batch (forbund_id, id);

-- What one import did, in order: entity is participation, person, insats or
-- organisation; before_state is the participation as it was before an update (JSON,
-- pseudonymous like the participation table itself; never a personnummer or a name);
-- after_version is the version the import left, so undo refuses rows changed since.
CREATE TABLE import_item (
    batch_id BIGINT NOT NULL REFERENCES import_batch(id),
    seq INTEGER NOT NULL,
    entity TEXT NOT NULL CHECK (entity IN ('participation', 'person', 'insats', 'organisation')),
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update')),
    before_state TEXT NOT NULL DEFAULT '',
    after_version INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (batch_id, seq)
);

CREATE TABLE import_mapping (
    forbund_id BIGINT NOT NULL REFERENCES forbund(id),
    name TEXT NOT NULL,
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (forbund_id, name)
);
