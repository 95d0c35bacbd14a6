package com.zoomoverlay.bridge.delivery.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.support.StandardWebhooksVerifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** One signer per sender, reused for every request: each signature must stand on its own. */
class WebhookSignerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void a_reused_signer_signs_each_request_as_a_fresh_one_would() throws Exception {
        WebhookSigner signer = new WebhookSigner(new Secret(SECRET));
        StandardWebhooksVerifier receiver = new StandardWebhooksVerifier(SECRET, Duration.ofMinutes(5));
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < 5; i++) {
            String body = "{\"n\":" + i + "}";
            String signature = signer.sign("msg_" + i, now, body);
            assertThat(signature).isEqualTo(WebhookSigner.sign(new Secret(SECRET), "msg_" + i, now, body));
            assertThatCode(() -> receiver.verify("msg_other", Long.toString(now), signature, body, Instant.now()))
                    .as("a signature over another id must not verify").isInstanceOf(Exception.class);
            receiver.verify("msg_" + i, Long.toString(now), signature, body, Instant.now());
        }
    }

    @Test
    void threads_sharing_a_signer_do_not_mix_their_signatures() throws Exception {
        WebhookSigner signer = new WebhookSigner(new Secret(SECRET));
        StandardWebhooksVerifier receiver = new StandardWebhooksVerifier(SECRET, Duration.ofMinutes(5));
        long now = Instant.now().getEpochSecond();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> signed = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                signed.add(pool.submit(() -> signer.sign("msg_" + n, now, "{\"n\":" + n + "}")));
            }
            for (int i = 0; i < signed.size(); i++) {
                receiver.verify("msg_" + i, Long.toString(now), signed.get(i).get(), "{\"n\":" + i + "}", Instant.now());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
