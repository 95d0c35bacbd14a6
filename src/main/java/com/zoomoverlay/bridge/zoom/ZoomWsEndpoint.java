package com.zoomoverlay.bridge.zoom;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** The Event WebSocket as a Camel endpoint; consume only (Zoom's socket is one-way for events). */
public final class ZoomWsEndpoint extends DefaultEndpoint {

    ZoomWsEndpoint(String uri, ZoomWsComponent component) {
        super(uri, component);
    }

    @Override
    public ZoomWsComponent getComponent() {
        return (ZoomWsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("zoom-ws is a consumer-only endpoint");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ZoomWsConsumer consumer = new ZoomWsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
