-- Who leads each election and since when, written by the replica that gains the lead, so that every
-- replica's /health and /ws/status can name the leader (a file lock or a Lease says so only to the holder).
CREATE TABLE cluster_leader (
    group_name VARCHAR(64)  PRIMARY KEY,
    replica    VARCHAR(128) NOT NULL,
    since_ms   BIGINT       NOT NULL
);
