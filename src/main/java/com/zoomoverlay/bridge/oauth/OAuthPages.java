package com.zoomoverlay.bridge.oauth;

import java.util.Map;

import com.zoomoverlay.bridge.http.HttpReplies;
import org.apache.camel.Exchange;

/**
 * The answers a person sees during login: a short HTML page for a browser, the contract's JSON
 * ({@code {"error": ..., "message": ...}}) for anything else. Messages are fixed texts, never input.
 */
final class OAuthPages {

    private OAuthPages() {
    }

    static void error(Exchange exchange, int status, String error, String message) {
        if (wantsHtml(exchange)) {
            HttpReplies.reply(exchange, status, "text/html; charset=utf-8",
                    page("Zoom login failed", message + " <a href=\"/oauth/login\">Start again</a>."));
        } else {
            HttpReplies.error(exchange, status, error, message);
        }
    }

    static void success(Exchange exchange, Map<String, Object> status) {
        if (wantsHtml(exchange)) {
            HttpReplies.reply(exchange, 200, "text/html; charset=utf-8",
                    page("Zoom connected", "The bridge is authorized with Zoom. <a href=\"/\">Back to the console</a>."));
        } else {
            HttpReplies.json(exchange, 200, status);
        }
    }

    private static boolean wantsHtml(Exchange exchange) {
        String accept = exchange.getMessage().getHeader("Accept", String.class);
        return accept != null && accept.contains("text/html");
    }

    private static String page(String title, String html) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1><p>" + html + "</p></body></html>";
    }
}
