package com.zoomoverlay.bridge.http.reply;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Error handling shared by every HTTP route (opt in with {@code routeConfigurationId("http-errors")}):
 * a failure becomes a JSON 500 and one log line, never a stack trace in the response.
 */
public final class HttpErrorsConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "http-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.WARN, "http request failed route=${routeId} error=${exception.class.simpleName}")
                .process(exchange -> HttpReplies.error(exchange, 500, "internal_error",
                        "The request failed; the server log has details."))
                .end();
    }

    /** For processors that reject bad input: the message is shown to the client as is. */
    public static void badRequest(Exchange exchange, String message) {
        HttpReplies.error(exchange, 400, "bad_request", message);
    }
}
