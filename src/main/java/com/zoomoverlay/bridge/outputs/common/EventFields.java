package com.zoomoverlay.bridge.outputs.common;

import java.util.List;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import org.apache.camel.Exchange;

/**
 * Reads a Kamelet's field mapping from the event: a parameter starting with {@code $} is a JSONPath into
 * the event JSON ({@code $.payload.object.participant.user_name}); anything else is fixed text. A path the
 * event does not have gives empty text, never an error: a leave event has no chat message.
 */
public final class EventFields {

    private static final Configuration LENIENT = Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS);

    private final DocumentContext event;

    private EventFields(DocumentContext event) {
        this.event = event;
    }

    public static EventFields of(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        return new EventFields(JsonPath.using(LENIENT).parse(body == null || body.isBlank() ? "{}" : body));
    }

    /** The text a mapping names: the value at a JSONPath, or the mapping itself when it is fixed text. */
    public String text(String mapping) {
        if (mapping == null || mapping.isEmpty()) {
            return "";
        }
        if (!mapping.startsWith("$")) {
            return mapping;
        }
        Object value = event.read(mapping);
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "" : String.valueOf(list.get(0));
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** Every value at a JSONPath that selects several (a roster's names). */
    public List<String> texts(String path) {
        Object value = event.read(path);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    /** A header the Kamelet set from one of its parameters. */
    public static String parameter(Exchange exchange, String header) {
        String value = exchange.getMessage().getHeader(header, String.class);
        return value == null ? "" : value;
    }
}
