package com.zoomoverlay.bridge.http.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a state-changing admin request comes from the bridge's own pages. A browser
 * attaches the console's Basic credentials to requests that any site's page makes, so the
 * credentials alone prove nothing; the headers a page cannot forge ({@code Origin},
 * {@code Sec-Fetch-Site}) say who asked. The bridge's own origin is the redirect URI's (the public
 * address a reverse proxy serves) or the one the request itself was sent to ({@code Host}).
 */
final class OriginPolicy {

    /** Why a request was refused; the name is the metric tag and the log field. */
    public enum Refusal {
        /** {@code Sec-Fetch-Site: cross-site}: another site's page sent it. */
        CROSS_SITE("cross_origin", "This request came from another site's page (Sec-Fetch-Site: cross-site)."),
        /** {@code Sec-Fetch-Site: same-site}: another port or sub-domain of this site; the console never sends that. */
        SAME_SITE("cross_origin", "This request came from another page of this site (Sec-Fetch-Site: same-site), not from the bridge's console."),
        /** An {@code Origin} that is neither the redirect URI's nor the request's own (also {@code Origin: null}). */
        FOREIGN_ORIGIN("cross_origin", "This request came from another origin's page (Origin is not the bridge's own)."),
        /** Neither header and no Bearer token: a browser that hides where it came from, or a script using Basic. */
        NO_ORIGIN("origin_required", "A request without Origin or Sec-Fetch-Site must use Authorization: Bearer ADMIN_TOKEN; in a browser use the console's own buttons.");

        private final String error;
        private final String message;

        Refusal(String error, String message) {
            this.error = error;
            this.message = message;
        }

        public String error() {
            return error;
        }

        public String message() {
            return message;
        }

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String publicOrigin;

    private OriginPolicy(String publicOrigin) {
        this.publicOrigin = publicOrigin;
    }

    /** The policy for a bridge whose OAuth redirect URI is {@code redirectUri} (its public address). */
    public static OriginPolicy forRedirectUri(URI redirectUri) {
        return new OriginPolicy(serialize(redirectUri.getScheme(), redirectUri.getHost(), redirectUri.getPort()));
    }

    /**
     * Empty when the request may go on. {@code origin}, {@code fetchSite} and {@code host} are the
     * request's headers (null when absent); {@code bearer} whether it carries {@code Authorization: Bearer}.
     */
    public Optional<Refusal> check(String origin, String fetchSite, String host, boolean bearer) {
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            if ("same-site".equals(site)) {
                return Optional.of(Refusal.SAME_SITE);
            }
            // "same-origin" and "none" (typed into the address bar, a bookmark) are the user's own doing.
            if (!"same-origin".equals(site) && !"none".equals(site)) {
                return Optional.of(Refusal.CROSS_SITE);
            }
        }
        if (origin != null && !isOwn(origin.trim(), host)) {
            return Optional.of(Refusal.FOREIGN_ORIGIN);
        }
        // A browser never adds a Bearer token by itself, so its presence means a script chose to send it.
        if (fetchSite == null && origin == null && !bearer) {
            return Optional.of(Refusal.NO_ORIGIN);
        }
        return Optional.empty();
    }

    private boolean isOwn(String origin, String host) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        // "null" (sandboxed frames, file: pages, privacy redirects) has no scheme and never matches.
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            return false;
        }
        String serialized = serialize(uri.getScheme(), uri.getHost(), uri.getPort());
        if (serialized.equals(publicOrigin)) {
            return true;
        }
        // The Host the browser sent the request to: same-origin on whatever name the console was opened by.
        return host != null && authority(serialized).equals(withoutDefaultPort(uri.getScheme(), host.trim().toLowerCase(Locale.ROOT)));
    }

    private static String serialize(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || ("http".equals(s) && port == 80) || ("https".equals(s) && port == 443);
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }

    private static String authority(String serializedOrigin) {
        return serializedOrigin.substring(serializedOrigin.indexOf("://") + 3);
    }

    private static String withoutDefaultPort(String scheme, String host) {
        String s = scheme.toLowerCase(Locale.ROOT);
        if ("http".equals(s) && host.endsWith(":80")) {
            return host.substring(0, host.length() - 3);
        }
        if ("https".equals(s) && host.endsWith(":443")) {
            return host.substring(0, host.length() - 4);
        }
        return host;
    }
}
