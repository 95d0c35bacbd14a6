package com.zoomoverlay.bridge.outputs.casparcg;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bits of CasparCG's AMCP text protocol the sender needs: quoting a parameter, and reading a reply
 * line ({@code 202 CG OK}, {@code 404 CG ADD FAILED}, optionally prefixed {@code RES <id>}).
 */
public final class Amcp {

    private static final Pattern REPLY = Pattern.compile("^(?:RES \\S+ )?([1-6]\\d\\d) ?(.*)$");

    private Amcp() {
    }

    /** A parameter in quotes, with AMCP's escapes for backslash, quote and newline. */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n") + "\"";
    }

    /** A reply's status line: its code and the rest of the line. */
    public record Reply(int code, String text) {

        /** 200 is followed by lines up to an empty one, 201 and 101 by one line of data. */
        public int dataLines() {
            return code == 201 || code == 101 ? 1 : 0;
        }

        public boolean multiLine() {
            return code == 200;
        }

        public boolean information() {
            return code < 200;
        }

        public String line() {
            return (code + " " + text).trim();
        }
    }

    /** The reply a line starts, or empty for any other line (an echoed command after {@code 400 ERROR}, data). */
    public static Optional<Reply> parse(String line) {
        Matcher m = REPLY.matcher(line);
        return m.matches() ? Optional.of(new Reply(Integer.parseInt(m.group(1)), m.group(2).trim())) : Optional.empty();
    }
}
