package com.zoomoverlay.bridge.outputs.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Query strings for HTTP APIs that read their parameters from the URL (vMix): UTF-8, spaces as {@code %20}. */
public final class QueryStrings {

    private QueryStrings() {
    }

    public static String of(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
        return query.toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
