-- Gallring (issue 5, item 5; domain/retention.hpp, services/retention_service.hpp).
-- Portable SQL for SQLite 3.40+ and PostgreSQL 15+, as 0001_init.sql.
--
-- The retention period itself has been in forbund.retention_months (months, default 36)
-- since 0001_init.sql. When the identity of a person's participations is removed, each
-- participation becomes anonymous (person_id NULL, anonymous 1, no consent), as an
-- anonymous registration is stored, and records here what reports still need:
--   identity_removed_on    the day of the gallring ("YYYY-MM-DD"); NULL when never gallrad;
--   statistics_person_key  the id of the person it belonged to, so persons_participated
--                          keeps counting the person's participations as one person. The
--                          person row stays, emptied (no participant code, birth year or
--                          gender; its identity row deleted), so the id is never reused.

ALTER TABLE participation ADD COLUMN identity_removed_on TEXT;
ALTER TABLE participation ADD COLUMN statistics_person_key BIGINT;
