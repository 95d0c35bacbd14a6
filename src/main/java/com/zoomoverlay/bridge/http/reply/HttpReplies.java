package com.zoomoverlay.bridge.http.reply;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zoomoverlay.bridge.json.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes replies from platform-http routes. Clears the request's headers first: platform-http copies
 * message headers onto the response, which would echo a request's {@code Authorization} back.
 */
public final class HttpReplies {

    private HttpReplies() {
    }

    public static void json(Exchange exchange, int status, Object body) {
        reply(exchange, status, Json.CONTENT_TYPE, render(body));
    }

    public static void error(Exchange exchange, int status, String error, String message) {
        json(exchange, status, errorBody(error, message));
    }

    /**
     * The contract's error body, rendered: for the plain Vert.x handlers (early refusals, error pages, the
     * overlay feed's upgrade) that answer before or outside a Camel route.
     */
    public static String errorJson(String error, String message) {
        return render(errorBody(error, message));
    }

    private static String render(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON reply", e);
        }
    }

    public static Map<String, String> errorBody(String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    public static void reply(Exchange exchange, int status, String contentType, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        out.setHeader("Cache-Control", "no-store");
        out.setBody(body);
    }
}
