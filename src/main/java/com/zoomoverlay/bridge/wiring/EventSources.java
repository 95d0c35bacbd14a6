package com.zoomoverlay.bridge.wiring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources that read events the bridge cannot ask for again (the Zoom Event WebSocket). At a graceful
 * stop the intake first lets each of them finish (stop reading, hand on what it has read) and only then
 * commits its last batch and stops: otherwise what a source still held when the stop began would meet a
 * stopped intake and be lost. Lives in the registry, so the accept and zoom packages need not know each other.
 */
public final class EventSources {

    /** Stops reading and hands on what was read, within its own bound; safe to call more than once. */
    @FunctionalInterface
    public interface Source {
        void finish() throws Exception;
    }

    static final String BEAN_NAME = "bridgeEventSources";
    private static final Logger LOG = LoggerFactory.getLogger(EventSources.class);

    private final List<Source> sources = new CopyOnWriteArrayList<>();

    private EventSources() {
    }

    /** The context's sources, made on first use. */
    public static synchronized EventSources of(CamelContext camel) {
        EventSources sources = camel.getRegistry().lookupByNameAndType(BEAN_NAME, EventSources.class);
        if (sources == null) {
            sources = new EventSources();
            camel.getRegistry().bind(BEAN_NAME, sources);
        }
        return sources;
    }

    public void add(Source source) {
        sources.add(source);
    }

    public void remove(Source source) {
        sources.remove(source);
    }

    /** Lets every source finish, one after another; one that fails does not keep the others from finishing. */
    public void finishAll() {
        for (Source source : sources) {
            try {
                source.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("event source did not finish error={}", e.toString());
            }
        }
    }
}
