-- When the Zoom Event WebSocket was last known alive (a frame on a built connection) and on which replica,
-- written by the replica holding it at a bounded rate (bridge.zoom.ws.alive-write-ms). The next holder of
-- the connection, after a restart or on a new leader, reports a bridge.gap from this moment
-- (docs/zoom-websocket.md, "Gaps across a restart or failover"). One row per Event WebSocket stream.
CREATE TABLE zoom_last_alive (
    stream   VARCHAR(32)  PRIMARY KEY,
    replica  VARCHAR(128) NOT NULL,
    alive_at BIGINT       NOT NULL
);
