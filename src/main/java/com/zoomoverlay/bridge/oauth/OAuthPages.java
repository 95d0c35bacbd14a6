package com.zoomoverlay.bridge.oauth;

import java.util.Map;

import com.zoomoverlay.bridge.http.reply.HttpReplies;
import org.apache.camel.Exchange;

/**
 * The answers a person sees during login: a short HTML page for a browser, the contract's JSON
 * ({@code {"error": ..., "message": ...}}) for anything else. Messages are fixed texts, never input.
 */
final class OAuthPages {

    /** A form post, not a link: the login start needs the Origin header a browser sends with it. */
    private static final String START_AGAIN =
            "<form method=\"post\" action=\"/oauth/login\"><button type=\"submit\">Start again</button></form>";

    private OAuthPages() {
    }

    static void error(Exchange exchange, int status, String error, String message) {
        if (wantsHtml(exchange)) {
            HttpReplies.reply(exchange, status, "text/html; charset=utf-8",
                    page("Zoom login failed", message, START_AGAIN));
        } else {
            HttpReplies.error(exchange, status, error, message);
        }
    }

    static void success(Exchange exchange, Map<String, Object> status) {
        if (wantsHtml(exchange)) {
            HttpReplies.reply(exchange, 200, "text/html; charset=utf-8",
                    page("Zoom connected", "The bridge is authorized with Zoom. <a href=\"/\">Back to the console</a>.", ""));
        } else {
            HttpReplies.json(exchange, 200, status);
        }
    }

    private static boolean wantsHtml(Exchange exchange) {
        String accept = exchange.getMessage().getHeader("Accept", String.class);
        return accept != null && accept.contains("text/html");
    }

    private static String page(String title, String html, String after) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1><p>" + html + "</p>" + after + "</body></html>";
    }
}
