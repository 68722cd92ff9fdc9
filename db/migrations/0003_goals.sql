-- Goals (förväntat resultat) per insats and year, issue 3 item 4; see src/domain/goal.hpp.
-- Portable SQL for SQLite 3.40+ and PostgreSQL 15+, as 0001_init.sql.
--
-- measure and filter_dimension are names of the report vocabulary (domain.md, "Measures");
-- filter_values holds the chosen codes separated by ';' (codes never contain ';').
-- target_tenths and tolerance_tenths are integers in tenths: a count of 140 is 1400, a share
-- of 33,3 % is 333. Integers keep comparisons exact and store alike in both engines
-- (PostgreSQL's REAL would be a 4-byte float).

CREATE TABLE goal (
    id {{ID}},
    insats_id BIGINT NOT NULL REFERENCES insats(id),
    year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('COUNT', 'SHARE', 'NOT_MEASURABLE')),
    measure TEXT NOT NULL DEFAULT '',
    filter_dimension TEXT NOT NULL DEFAULT '',
    filter_values TEXT NOT NULL DEFAULT '',
    comparison TEXT NOT NULL DEFAULT 'AT_LEAST' CHECK (comparison IN ('AT_LEAST', 'AT_MOST', 'WITHIN')),
    target_tenths BIGINT NOT NULL DEFAULT 0 CHECK (target_tenths >= 0),
    tolerance_tenths BIGINT NOT NULL DEFAULT 0 CHECK (tolerance_tenths >= 0),
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX goal_insats_year ON goal (insats_id, year);
