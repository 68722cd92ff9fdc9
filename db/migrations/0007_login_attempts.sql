-- Failed log-ins per user name (issue 5, item 3; domain/login_lockout.hpp), for the
-- temporary lock-out. Kept for names that do not exist too, so the lock-out never tells
-- whether a user exists. Times are seconds since the epoch. Rows whose window and lock
-- have long passed are removed by later failures.

CREATE TABLE login_attempt (
    username_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0
);
