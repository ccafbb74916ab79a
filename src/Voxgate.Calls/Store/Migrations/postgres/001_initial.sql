-- Voxgate's call store, PostgreSQL dialect. Times are Unix milliseconds (UTC); turn times are ms on the call's clock.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE calls (
    id                TEXT PRIMARY KEY,
    instance_id       TEXT NOT NULL,
    started_ms        BIGINT NOT NULL,
    ended_ms          BIGINT NULL,
    transport         TEXT NOT NULL,
    upstream_kind     TEXT NOT NULL,
    upstream_model    TEXT NULL,
    caller_ip_hash    TEXT NULL,
    caller_user_agent TEXT NULL,
    caller_phone      TEXT NULL,
    end_reason        TEXT NULL,
    close_code        INTEGER NULL,
    input_tokens      BIGINT NOT NULL DEFAULT 0,
    output_tokens     BIGINT NOT NULL DEFAULT 0,
    recording_file    TEXT NULL,
    recording_ms      BIGINT NULL
);
CREATE INDEX calls_started ON calls (started_ms);
CREATE INDEX calls_open ON calls (instance_id) WHERE ended_ms IS NULL;

CREATE TABLE turns (
    call_id               TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq                   INTEGER NOT NULL,
    role                  TEXT NOT NULL,
    item_id               TEXT NULL,
    text                  TEXT NOT NULL,
    start_ms              BIGINT NOT NULL,
    end_ms                BIGINT NULL,
    interrupted           BIGINT NOT NULL DEFAULT 0,
    cut_off_ms            BIGINT NULL,
    latency_transcript_ms BIGINT NULL,
    latency_sent_ms       BIGINT NULL,
    latency_heard_ms      BIGINT NULL,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE tool_calls (
    call_id      TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    tool_call_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    arguments    TEXT NOT NULL,
    result       TEXT NULL,
    started_ms   BIGINT NOT NULL,
    ended_ms     BIGINT NULL,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE call_errors (
    call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    at_ms   BIGINT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE analytics (
    call_id          TEXT PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
    status           TEXT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms  BIGINT NOT NULL,
    claimed_until_ms BIGINT NULL,
    scorer           TEXT NULL,
    sentiment        DOUBLE PRECISION NULL,
    intent           INTEGER NULL,
    outcome          TEXT NULL,
    summary          TEXT NULL,
    evidence         TEXT NULL,
    error            TEXT NULL,
    scored_ms        BIGINT NULL
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
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
-- Two bookings can never hold one slot: the database refuses the second, whichever instance sent it.
CREATE UNIQUE INDEX appointments_slot ON appointments (day, time) WHERE status = 'booked';
CREATE INDEX appointments_phone ON appointments (phone);
