-- The show state (docs/show-state.md): one row per live meeting or webinar (status 'live', body = the
-- meeting with its participants, sharing and last chat lines) or per recently ended one (status 'ended',
-- body = its occurrence and end time, so a late event does not bring it back). Written in the same
-- transaction as the events that changed it, so a restart or another replica reads exactly what was routed.
CREATE TABLE show_meeting (
    meeting_id    VARCHAR(64) PRIMARY KEY,
    status        VARCHAR(8)  NOT NULL,
    body          TEXT        NOT NULL,
    last_event_at BIGINT      NOT NULL
);
