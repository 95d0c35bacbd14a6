-- Records which release created the store, so a later migration can tell an upgrade from a fresh start.
CREATE TABLE store_info (
    info_key   VARCHAR(64) PRIMARY KEY,
    info_value VARCHAR(256) NOT NULL
);
INSERT INTO store_info (info_key, info_value) VALUES ('created_by', 'zoom-overlay-bridge 0.1');
