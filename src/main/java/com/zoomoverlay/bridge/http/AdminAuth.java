package com.zoomoverlay.bridge.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.zoomoverlay.bridge.config.Secret;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Guards admin routes: {@code Authorization: Bearer ADMIN_TOKEN}, or HTTP Basic with password
 * {@code ADMIN_TOKEN} (any user name) so a browser can log in. Anything else gets a JSON 401 and the
 * route stops. Use as the first step: {@code .process(adminAuth)}.
 */
public final class AdminAuth implements Processor {

    public static final String REALM = "zoom-overlay-bridge";

    private final Secret adminToken;

    public AdminAuth(Secret adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void process(Exchange exchange) {
        if (!isAdmin(exchange.getMessage().getHeader("Authorization", String.class))) {
            HttpReplies.error(exchange, 401, "unauthorized", "Admin credentials required (Bearer token or Basic password).");
            exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            exchange.setRouteStop(true);
        }
    }

    /** True for a Bearer or Basic credential carrying the admin token. */
    public boolean isAdmin(String authorization) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return adminToken.matches(authorization.substring(7).trim());
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            return colon >= 0 && adminToken.matches(decoded.substring(colon + 1));
        }
        return false;
    }
}
