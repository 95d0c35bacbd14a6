package com.zoomoverlay.bridge.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void lines_carry_time_level_thread_logger_and_message_on_standard_out() {
        LoggerContext context = new LoggerContext();
        assertThat(new LogSetup().configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> out = (ConsoleAppender<ILoggingEvent>) root.getAppender("out");
        assertThat(out.getTarget()).isEqualTo("System.out");
        Logger logger = context.getLogger("com.zoomoverlay.bridge.store.Database");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "store ready kind={}", null,
                new Object[] {"embedded"});
        event.setThreadName("main");
        String line = new String(out.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[main\\] "
                + "Database - store ready kind=embedded\\R");
    }

    @Test
    void the_bridge_and_camel_log_at_info_other_libraries_from_warn() {
        LoggerContext context = new LoggerContext();
        new LogSetup().configure(context);

        assertThat(context.getLogger("com.zoomoverlay.bridge.delivery.Lane").isInfoEnabled()).isTrue();
        assertThat(context.getLogger("org.apache.camel.impl.engine.AbstractCamelContext").isInfoEnabled()).isTrue();
        assertThat(context.getLogger("org.flywaydb.core.Flyway").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("com.zaxxer.hikari.HikariDataSource").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("io.netty.channel.DefaultChannelPipeline").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("io.netty.channel.DefaultChannelPipeline").isWarnEnabled()).isTrue();
    }

    @Test
    void an_operators_logback_file_takes_over() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/etc/bridge/logback.xml");
        try {
            LoggerContext context = new LoggerContext();

            assertThat(new LogSetup().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("out")).isNull();
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
