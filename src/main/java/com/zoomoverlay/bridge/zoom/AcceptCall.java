package com.zoomoverlay.bridge.zoom;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

/**
 * Hands a copy of the event to {@code direct:zoom-accept} and turns its failure into a fresh one here.
 * Camel marks an exchange that failed inside another route as exhausted, and a calling route's error
 * handler then never redelivers it; rethrowing keeps this route's redelivery policy in charge.
 */
final class AcceptCall implements Processor {

    private final ProducerTemplate template;
    private final String endpoint;

    AcceptCall(ProducerTemplate template, String endpoint) {
        this.template = template;
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Exchange attempt = template.send(endpoint, exchange.copy());
        if (attempt.getException() != null) {
            throw new EventNotAcceptedException(endpoint, attempt.getException());
        }
    }

    /** The downstream did not take the event; the message names the endpoint and failure type only. */
    static final class EventNotAcceptedException extends Exception {
        EventNotAcceptedException(String endpoint, Throwable cause) {
            super(endpoint + " failed: " + cause.getClass().getSimpleName(), cause);
        }
    }
}
