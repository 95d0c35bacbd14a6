package com.zoomoverlay.bridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The admin surface of a bridge a benchmark started on localhost: health, status pages, simulator controls, metrics. */
final class BridgeAdmin {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String token;

    BridgeAdmin(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** The status code of a GET, 0 while the bridge does not answer. */
    int status(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    String get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A POST that must answer 200. */
    void post(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The sum of a Prometheus metric's series, all labels. */
    double metric(String name) throws Exception {
        return sum(name + " ") + sum(name + "{");
    }

    /** The sum of the /metrics lines that start with {@code prefix}. */
    double sum(String prefix) throws Exception {
        return get("/metrics").lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token);
    }
}
