-- Följsam schema, version 1. Portable SQL for SQLite 3.40+ and PostgreSQL 15+.
-- {{ID}} is the one dialect difference: the auto-generated primary key column.
-- Dates are TEXT "YYYY-MM-DD", times TEXT "YYYY-MM-DDTHH:MM:SSZ", booleans INTEGER 0/1.
-- Every statement ends with ";" at the end of a line (the migration runner splits there).

CREATE TABLE forbund (
    id {{ID}},
    name TEXT NOT NULL UNIQUE,
    org_number TEXT NOT NULL DEFAULT '',
    suppression_threshold INTEGER NOT NULL DEFAULT 5 CHECK (suppression_threshold >= 3),
    retention_months INTEGER NOT NULL DEFAULT 36,
    created_at TEXT NOT NULL
);

CREATE TABLE forbund_kommun (
    forbund_id BIGINT NOT NULL REFERENCES forbund(id),
    kommunkod TEXT NOT NULL,
    PRIMARY KEY (forbund_id, kommunkod)
);

CREATE TABLE organisation (
    id {{ID}},
    forbund_id BIGINT NOT NULL REFERENCES forbund(id),
    parent_id BIGINT REFERENCES organisation(id),
    name TEXT NOT NULL,
    member_type TEXT NOT NULL CHECK (member_type IN ('FK', 'AF', 'REGION', 'KOMMUN')),
    kommunkod TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX organisation_forbund ON organisation (forbund_id, parent_id);

CREATE TABLE insats (
    id {{ID}},
    forbund_id BIGINT NOT NULL REFERENCES forbund(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    orientation TEXT NOT NULL DEFAULT 'INDIVID',
    follow_up_method TEXT NOT NULL DEFAULT 'INDIVIDUELL',
    self_referral_allowed INTEGER NOT NULL DEFAULT 0,
    controller_org_id BIGINT NOT NULL REFERENCES organisation(id),
    registration_mode TEXT NOT NULL DEFAULT 'UTAN_ID' CHECK (registration_mode IN ('UTAN_ID', 'MED_ID')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    UNIQUE (forbund_id, name)
);

-- A person is registered once per controller organisation (and, without identity, per
-- insats by participant code). Identities live in person_identity, sealed under the
-- controller's key.
CREATE TABLE person (
    id {{ID}},
    controller_org_id BIGINT NOT NULL REFERENCES organisation(id),
    insats_id BIGINT REFERENCES insats(id),
    participant_code TEXT,
    birth_year INTEGER,
    legal_gender TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX person_code ON person (insats_id, participant_code);

CREATE TABLE person_identity (
    person_id BIGINT PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    controller_org_id BIGINT NOT NULL REFERENCES organisation(id),
    pnr_hash TEXT NOT NULL,
    pnr_sealed TEXT NOT NULL,
    name_sealed TEXT,
    UNIQUE (controller_org_id, pnr_hash)
);

CREATE TABLE participation (
    id {{ID}},
    insats_id BIGINT NOT NULL REFERENCES insats(id),
    person_id BIGINT REFERENCES person(id),
    anonymous INTEGER NOT NULL DEFAULT 0,
    gender TEXT NOT NULL,
    birth_year INTEGER,
    age_group TEXT NOT NULL DEFAULT '',
    referral_date TEXT,
    decision TEXT NOT NULL DEFAULT '',
    decision_date TEXT,
    start_date TEXT,
    end_date TEXT,
    referrer TEXT NOT NULL DEFAULT '',
    referrer_org_id BIGINT REFERENCES organisation(id),
    residence_kommun TEXT NOT NULL DEFAULT '',
    residence_district TEXT NOT NULL DEFAULT '',
    residence_special TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    time_without_work TEXT NOT NULL DEFAULT '',
    occupation_start TEXT NOT NULL DEFAULT '',
    occupation_start_extent INTEGER,
    time_in_support TEXT NOT NULL DEFAULT '',
    sgi_noll TEXT NOT NULL DEFAULT '',
    birth_region TEXT NOT NULL DEFAULT '',
    exit_reason TEXT NOT NULL DEFAULT '',
    occupation_after TEXT NOT NULL DEFAULT '',
    occupation_after_extent INTEGER,
    consent_date TEXT,
    consent_form TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (anonymous = 0 OR person_id IS NULL),
    CHECK (end_date IS NULL OR exit_reason <> '')
);
CREATE INDEX participation_insats ON participation (insats_id, status, start_date);
CREATE INDEX participation_person ON participation (person_id);

CREATE TABLE participation_coreferrer (
    participation_id BIGINT NOT NULL REFERENCES participation(id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (participation_id, organisation_id)
);

CREATE TABLE participation_support (
    participation_id BIGINT NOT NULL REFERENCES participation(id) ON DELETE CASCADE,
    phase TEXT NOT NULL CHECK (phase IN ('START', 'AFTER')),
    code TEXT NOT NULL,
    extent INTEGER,
    PRIMARY KEY (participation_id, phase, code)
);

CREATE TABLE participation_target_group (
    participation_id BIGINT NOT NULL REFERENCES participation(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (participation_id, code)
);

CREATE TABLE code_value (
    list_id TEXT NOT NULL,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    PRIMARY KEY (list_id, code)
);

CREATE TABLE app_user (
    id {{ID}},
    forbund_id BIGINT REFERENCES forbund(id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisation(id),
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE role_assignment (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    role TEXT NOT NULL,
    forbund_id BIGINT REFERENCES forbund(id),
    insats_id BIGINT REFERENCES insats(id),
    valid_from TEXT NOT NULL,
    valid_to TEXT
);
CREATE INDEX role_assignment_user ON role_assignment (user_id);

CREATE TABLE user_session (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE api_token (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);

CREATE TABLE audit_event (
    id {{ID}},
    at TEXT NOT NULL,
    forbund_id BIGINT,
    user_id BIGINT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    insats_id BIGINT,
    personal_data INTEGER NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_entity ON audit_event (entity, entity_id);
