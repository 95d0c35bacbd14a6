package com.zoomoverlay.bridge.zoomhook;

/**
 * Where this bridge receives Zoom webhooks and the secret they are signed with, in the registry for the
 * simulator (with {@code --simulate}) to send its scripted meeting to. Never logged or rendered.
 */
public record ZoomWebhookIngress(String path, String secretToken) {

    public static final String BEAN_NAME = "zoomWebhookIngress";

    @Override
    public String toString() {
        return "ZoomWebhookIngress[path=" + path + ", secretToken=****]";
    }
}
