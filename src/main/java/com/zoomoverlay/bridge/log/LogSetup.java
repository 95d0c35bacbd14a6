package com.zoomoverlay.bridge.log;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The bridge's logging, set up in code: one line per event on standard out, key=value fields in the
 * message, no payloads or secrets ever logged. Logback finds this class through
 * {@code META-INF/services}; configured in code it needs no XML parser, which keeps logging's share of
 * the start-up at ~0.1 s (BENCHMARKS.md, start-up).
 *
 * <p>An operator who wants other levels or appenders points {@code -Dlogback.configurationFile} at a
 * {@code logback.xml}: this set-up then steps aside and Logback reads that file as usual.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%t] %logger{0} - %msg%n";

    /** Our own lines and Camel's start/stop lines at INFO; the libraries below only when something is wrong. */
    static final Map<String, Level> LEVELS = Map.of(
            "com.zoomoverlay.bridge", Level.INFO,
            "org.apache.camel", Level.INFO,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("out");
        out.setEncoder(encoder);
        out.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(out);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
