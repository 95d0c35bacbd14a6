package com.zoomoverlay.bridge.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An HTML page packaged with the bridge, read once at start (a missing page fails start-up, not a request). */
record Page(String name, String html) {

    static Page load(String resource) {
        try (InputStream in = Page.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("page " + resource + " is not packaged");
            }
            return new Page(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read page " + resource, e);
        }
    }
}
