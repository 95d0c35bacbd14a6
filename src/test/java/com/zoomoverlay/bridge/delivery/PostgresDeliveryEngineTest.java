package com.zoomoverlay.bridge.delivery;

import java.util.Map;

import com.zoomoverlay.bridge.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;

/** Every test of {@link DeliveryEngineTest} again, on the shared PostgreSQL store (a fresh schema each). */
class PostgresDeliveryEngineTest extends DeliveryEngineTest {

    private final TestPostgres.PerTest db = new TestPostgres.PerTest();

    @Override
    Map<String, String> storeEnv() {
        return db.env();
    }

    @Override
    @AfterEach
    void stop() {
        super.stop();
        db.drop();
    }
}
