package com.zoomoverlay.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestPostgres;
import org.junit.jupiter.api.Test;

class PostgresStoreTest {

    @Test
    void database_url_replaces_the_embedded_store_and_is_migrated() throws Exception {
        TestPostgres db = TestPostgres.freshSchema();
        Map<String, String> env = new HashMap<>(db.env());
        env.put("SIMULATE", "true");
        try (TestBridge bridge = TestBridge.start(env)) {
            JsonNode health = Json.MAPPER.readTree(bridge.get("/health").body());
            assertThat(health.path("checks").path("store").path("kind").asText()).isEqualTo("postgresql");
            assertThat(health.path("checks").path("store").path("status").asText()).isEqualTo("UP");

            Database database = bridge.camel().getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT info_value FROM store_info WHERE info_key = 'created_by'")) {
                assertThat(rs.next()).isTrue();
                assertThat(c.getSchema()).isEqualTo(db.schema());
            }
        } finally {
            db.drop();
        }
    }

    @Test
    void an_unreachable_store_reports_down_with_503() throws Exception {
        TestPostgres db = TestPostgres.freshSchema();
        Map<String, String> env = new HashMap<>(db.env());
        env.put("SIMULATE", "true");
        try (TestBridge bridge = TestBridge.start(env)) {
            bridge.camel().getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class).stop();
            var response = bridge.get("/health");
            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode health = Json.MAPPER.readTree(response.body());
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("checks").path("store").path("status").asText()).isEqualTo("DOWN");
        } finally {
            db.drop();
        }
    }
}
