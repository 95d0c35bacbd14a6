package com.zoomoverlay.bridge.delivery;

import java.net.URI;

import com.zoomoverlay.bridge.config.Secret;

/** A downstream webhook receiver: its name (used by routes and metrics), URL and whsec_ signing secret. */
public record WebhookTarget(String name, URI url, Secret secret) {
}
