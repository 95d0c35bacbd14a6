package com.zoomoverlay.bridge.simulator.graphics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A fake vMix web API ({@code GET /api/?Function=...}) that keeps what vMix would show: each title input's
 * text fields and what each overlay channel (1-4) has on air. It answers as vMix documents it: 200 when a
 * function ran, 500 when it could not (unknown function, input or field); no {@code Function} returns the
 * XML state. Function names and {@code Input} are matched as vMix does (names case sensitive).
 */
public final class FakeVmix {

    private static final Pattern OVERLAY = Pattern.compile("OverlayInput([1-4])(In|Out|Off)?");

    private final Map<String, Map<String, String>> titles = new LinkedHashMap<>();
    private final String[] overlays = new String[5];
    private final List<String> functions = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();

    /** A vMix with these title inputs, each with its text fields (as the Title Editor names them, e.g. {@code Name.Text}). */
    public FakeVmix(Map<String, List<String>> titleFields) {
        titleFields.forEach((input, fields) -> {
            Map<String, String> values = new LinkedHashMap<>();
            fields.forEach(f -> values.put(f, ""));
            titles.put(input, values);
        });
    }

    public void addRoutes(Router router, String path) {
        router.get(path + "/api").handler(this::handle);
        router.get(path + "/api/").handler(this::handle);
    }

    public Faults faults() {
        return faults;
    }

    public synchronized String text(String input, String field) {
        Map<String, String> fields = titles.get(input);
        return fields == null ? null : fields.get(field);
    }

    /** The input on air on overlay channel {@code number}, or null. */
    public synchronized String overlay(int number) {
        return overlays[number];
    }

    /** Every function vMix ran, in order (what its activity log would show). */
    public List<String> functions() {
        return new ArrayList<>(functions);
    }

    public synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        titles.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        state.put("titles", copy);
        Map<String, String> on = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            on.put(String.valueOf(i), overlays[i]);
        }
        state.put("overlays", on);
        state.put("functionsRun", functions.size());
        return state;
    }

    private void handle(RoutingContext ctx) {
        if (faults.isDown()) {
            ctx.request().connection().close();
            return;
        }
        int failure = faults.takeFailure();
        if (failure != 0) {
            ctx.response().setStatusCode(failure).end("Simulated failure");
            return;
        }
        String function = ctx.request().getParam("Function");
        if (function == null || function.isEmpty()) {
            ctx.response().putHeader("Content-Type", "text/xml").end(xml());
            return;
        }
        String error = run(function, ctx.request().getParam("Input"), ctx.request().getParam("SelectedName"),
                ctx.request().getParam("Value"));
        if (error != null) {
            ctx.response().setStatusCode(500).end(error);
            return;
        }
        functions.add(function);
        ctx.response().end("Function completed successfully.");
    }

    private synchronized String run(String function, String input, String field, String value) {
        if ("SetText".equals(function)) {
            Map<String, String> fields = titles.get(input);
            if (fields == null) {
                return "Input not found";
            }
            if (field == null || !fields.containsKey(field)) {
                return "Text field not found";
            }
            fields.put(field, value == null ? "" : value);
            return null;
        }
        Matcher overlay = OVERLAY.matcher(function);
        if (!overlay.matches()) {
            return "Function not found";
        }
        int channel = Integer.parseInt(overlay.group(1));
        String action = overlay.group(2);
        if ("Out".equals(action) || "Off".equals(action)) {
            overlays[channel] = null;
            return null;
        }
        if (input == null || !titles.containsKey(input)) {
            return "Input not found";
        }
        overlays[channel] = action == null && input.equals(overlays[channel]) ? null : input;
        return null;
    }

    private synchronized String xml() {
        StringBuilder xml = new StringBuilder("<vmix><version>27.0.0.49</version><inputs>");
        int number = 1;
        for (Map.Entry<String, Map<String, String>> title : titles.entrySet()) {
            xml.append("<input number=\"").append(number++).append("\" type=\"GT\" title=\"").append(escape(title.getKey())).append("\">");
            int index = 0;
            for (Map.Entry<String, String> field : title.getValue().entrySet()) {
                xml.append("<text index=\"").append(index++).append("\" name=\"").append(escape(field.getKey())).append("\">")
                        .append(escape(field.getValue())).append("</text>");
            }
            xml.append("</input>");
        }
        xml.append("</inputs><overlays>");
        for (int i = 1; i <= 4; i++) {
            xml.append("<overlay number=\"").append(i).append("\">").append(overlays[i] == null ? "" : escape(overlays[i])).append("</overlay>");
        }
        return xml.append("</overlays></vmix>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
