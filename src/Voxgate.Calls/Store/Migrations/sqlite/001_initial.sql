-- Voxgate's call store, SQLite dialect. Times are Unix milliseconds (UTC); turn times are ms on the call's clock.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE calls (
    id                TEXT PRIMARY KEY,
    instance_id       TEXT NOT NULL,
    started_ms        INTEGER NOT NULL,
    ended_ms          INTEGER NULL,
    transport         TEXT NOT NULL,
    upstream_kind     TEXT NOT NULL,
    upstream_model    TEXT NULL,
    caller_ip_hash    TEXT NULL,
    caller_user_agent TEXT NULL,
    caller_phone      TEXT NULL,
    end_reason        TEXT NULL,
    close_code        INTEGER NULL,
    input_tokens      INTEGER NOT NULL DEFAULT 0,
    output_tokens     INTEGER NOT NULL DEFAULT 0,
    recording_file    TEXT NULL,
    recording_ms      INTEGER NULL
);
CREATE INDEX calls_started ON calls (started_ms);
CREATE INDEX calls_open ON calls (instance_id) WHERE ended_ms IS NULL;

CREATE TABLE turns (
    call_id               TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq                   INTEGER NOT NULL,
    role                  TEXT NOT NULL,
    item_id               TEXT NULL,
    text                  TEXT NOT NULL,
    start_ms              INTEGER NOT NULL,
    end_ms                INTEGER NULL,
    interrupted           INTEGER NOT NULL DEFAULT 0,
    cut_off_ms            INTEGER NULL,
    latency_transcript_ms INTEGER NULL,
    latency_sent_ms       INTEGER NULL,
    latency_heard_ms      INTEGER NULL,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE tool_calls (
    call_id      TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    tool_call_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    arguments    TEXT NOT NULL,
    result       TEXT NULL,
    started_ms   INTEGER NOT NULL,
    ended_ms     INTEGER NULL,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE call_errors (
    call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    at_ms   INTEGER NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE analytics (
    call_id          TEXT PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms  INTEGER NOT NULL,
    claimed_until_ms INTEGER NULL,
    scorer           TEXT NULL,
    sentiment        REAL NULL,
    intent           INTEGER NULL,
    outcome          TEXT NULL,
    summary          TEXT NULL,
    evidence         TEXT NULL,
    error            TEXT NULL,
    scored_ms        INTEGER NULL
);
CREATE INDEX analytics_due ON analytics (status, next_attempt_ms);

CREATE TABLE appointment_counters (
    day  TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE appointments (
    reference  TEXT PRIMARY KEY,
    day        TEXT NOT NULL,
    time       TEXT NOT NULL,
    name       TEXT NOT NULL,
    phone      TEXT NULL,
    service    TEXT NULL,
    status     TEXT NOT NULL,
    call_id    TEXT NULL,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
-- Two bookings can never hold one slot: the database refuses the second, whichever instance sent it.
CREATE UNIQUE INDEX appointments_slot ON appointments (day, time) WHERE status = 'booked';
CREATE INDEX appointments_phone ON appointments (phone);
