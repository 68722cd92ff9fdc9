-- Two-factor log-in with TOTP (issue 5, item 3; security/totp.hpp).
-- user_totp: one authenticator per user; the secret is sealed (security::ControllerKeys of
-- the accounts key). Unconfirmed until the user has typed one code from the app. last_step
-- is the time step of the last code accepted: a code is never accepted twice.
-- recovery_code: one-time codes for a lost phone, stored as token hashes only.
-- user_session.pending_second_factor: the password was right but the code is still due;
-- such a session opens nothing but the code page.
-- forbund.require_two_factor: whether the roles that see personal data, and the
-- administrators, must use two factors (on for a new association; the demo turns it off).

CREATE TABLE user_totp (
    user_id BIGINT PRIMARY KEY REFERENCES app_user(id),
    secret_sealed TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE recovery_code (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    code_hash TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX recovery_code_user ON recovery_code (user_id);

ALTER TABLE user_session ADD COLUMN pending_second_factor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE forbund ADD COLUMN require_two_factor INTEGER NOT NULL DEFAULT 1;
