package com.zoomoverlay.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

class EarlyVertxTest {

    @Test
    void theStartedVertxIsTakenOnceThenANewOneIsMade() {
        EarlyVertx.start();
        Vertx early = EarlyVertx.take();
        Vertx later = EarlyVertx.take();
        try {
            assertThat(early).isNotNull().isNotSameAs(later);
            assertThat(later).isNotNull();
        } finally {
            early.close();
            later.close();
        }
    }
}
