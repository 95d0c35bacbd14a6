package com.zoomoverlay.bridge.outputs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.zoomoverlay.bridge.config.InvalidSettingException;

/**
 * The parameter schema of one of the bridge's Kamelets ({@code spec.definition.properties}): type, pattern,
 * enum, minimum and maximum. Camel itself only checks {@code required}; this checks the rest, so a wrong
 * parameter fails when its route is loaded.
 */
public final class KameletSchema {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final String kamelet;
    private final JsonNode properties;
    private final List<String> required = new ArrayList<>();

    private KameletSchema(String kamelet, JsonNode definition) {
        this.kamelet = kamelet;
        this.properties = definition.path("properties");
        definition.path("required").forEach(r -> required.add(r.asText()));
    }

    /** Reads {@code kamelets/<name>.kamelet.yaml} from the classpath, where Camel finds the Kamelets too. */
    public static KameletSchema load(String kamelet) {
        String resource = "kamelets/" + kamelet + ".kamelet.yaml";
        try (InputStream in = KameletSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the classpath");
            }
            return new KameletSchema(kamelet, YAML.readTree(in).path("spec").path("definition"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** {@code values} with the schema's defaults for what they leave out. */
    public Map<String, Object> withDefaults(Map<String, Object> values) {
        Map<String, Object> all = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (p.getValue().has("default")) {
                all.put(p.getKey(), p.getValue().get("default").asText());
            }
        }
        all.putAll(values);
        return all;
    }

    /** Every parameter that breaks its schema, as one line each (empty when all are fine). */
    public List<String> problems(Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        for (String name : required) {
            if (values.get(name) == null || String.valueOf(values.get(name)).isBlank()) {
                problems.add("parameter " + name + " is required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            Object value = values.get(p.getKey());
            if (value != null) {
                problem(p.getKey(), String.valueOf(value), p.getValue()).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** Throws one {@link InvalidSettingException} for the first broken parameter, naming the route that uses it. */
    public void check(Map<String, Object> values, String usedBy) {
        List<String> problems = problems(values);
        if (!problems.isEmpty()) {
            throw new InvalidSettingException("kamelet:" + kamelet, problems.get(0) + " (in " + usedBy + ")");
        }
    }

    private static Optional<String> problem(String name, String value, JsonNode schema) {
        String type = schema.path("type").asText("string");
        if ("integer".equals(type)) {
            long number;
            try {
                number = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return Optional.of("parameter " + name + " must be a whole number, got '" + value + "'");
            }
            if (schema.has("minimum") && number < schema.get("minimum").asLong()
                    || schema.has("maximum") && number > schema.get("maximum").asLong()) {
                return Optional.of("parameter " + name + " must be between " + schema.path("minimum").asText("any")
                        + " and " + schema.path("maximum").asText("any") + ", got " + number);
            }
        } else if ("boolean".equals(type) && !value.equals("true") && !value.equals("false")) {
            return Optional.of("parameter " + name + " must be true or false, got '" + value + "'");
        }
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(value)) {
                return Optional.of("parameter " + name + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
            }
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value).matches()) {
            return Optional.of("parameter " + name + " '" + value + "' does not match " + schema.get("pattern").asText());
        }
        return Optional.empty();
    }
}
