-- Each running Voxgate beats here every few seconds. An instance whose beat stopped (killed, machine gone) has its
-- open calls closed as interrupted by any instance still beating, instead of only by itself at its next start.
CREATE TABLE instances (
    id           TEXT PRIMARY KEY,
    started_ms   INTEGER NOT NULL,
    heartbeat_ms INTEGER NOT NULL,
    stopped_ms   INTEGER NULL
);
CREATE INDEX instances_heartbeat ON instances (heartbeat_ms);
