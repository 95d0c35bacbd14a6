package com.zoomoverlay.bridge.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which dead letters an admin call means: by id, target and/or reason; none given = all. */
public record DeadLetterQuery(Optional<Long> id, Optional<String> target, Optional<String> reason) {

    public static DeadLetterQuery all() {
        return new DeadLetterQuery(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The WHERE conditions, columns prefixed with {@code alias} (e.g. {@code d.}). */
    OutboxStore.QueryParts where(String alias) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        id.ifPresent(v -> {
            sql.append(" AND ").append(alias).append("id = ?");
            args.add(v);
        });
        target.ifPresent(v -> {
            sql.append(" AND ").append(alias).append("target = ?");
            args.add(v);
        });
        reason.ifPresent(v -> {
            sql.append(" AND ").append(alias).append("reason = ?");
            args.add(v);
        });
        return new OutboxStore.QueryParts(sql.toString(), args.toArray());
    }
}
