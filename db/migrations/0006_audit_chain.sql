-- The audit log as a hash chain (issue 5, item 4; security/audit_chain.hpp): each event
-- gets its place in the chain (seq, 1, 2, 3 ... without gaps), the previous event's link
-- and its own link, an HMAC under the audit key that is kept outside the database. The
-- newest link is kept in audit_chain, whose single row also serialises appends.
-- Events from before this migration are chained by the first append after it.
-- Triggers make audit_event append-only: a chained event can be neither changed nor
-- removed through SQL (someone with the file can still edit it; `foljsam audit verify`
-- finds that). Lines starting with {{SQLITE}} or {{POSTGRES}} are for that database only.

ALTER TABLE audit_event ADD COLUMN seq BIGINT;
ALTER TABLE audit_event ADD COLUMN prev_link TEXT;
ALTER TABLE audit_event ADD COLUMN link TEXT;
CREATE UNIQUE INDEX audit_event_seq ON audit_event (seq);

CREATE TABLE audit_chain (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq BIGINT NOT NULL,
    last_link TEXT NOT NULL
);
INSERT INTO audit_chain (id, last_seq, last_link) VALUES (1, 0, '');

{{SQLITE}} CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event WHEN OLD.link IS NOT NULL BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
{{SQLITE}} CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
{{POSTGRES}} CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'DELETE' OR OLD.link IS NOT NULL THEN RAISE EXCEPTION 'audit_event is append-only'; END IF; RETURN NEW; END $$;
{{POSTGRES}} CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
