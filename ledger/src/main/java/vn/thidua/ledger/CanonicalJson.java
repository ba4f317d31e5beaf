package vn.thidua.ledger;

import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON of a flat object of strings, integers and nulls: keys sorted, no white space, non-ASCII
 * characters as themselves, and only {@code "}, {@code \} and control characters escaped, as Python's
 * {@code json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False)} writes it.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String write(Map<String, ?> fields) {
        StringBuilder json = new StringBuilder("{");
        new TreeMap<>(fields).forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, key);
            json.append(':');
            if (value == null) {
                json.append("null");
            } else if (value instanceof Long || value instanceof Integer) {
                json.append(value);
            } else if (value instanceof String text) {
                string(json, text);
            } else {
                throw new IllegalArgumentException("canonical JSON here holds strings, integers and nulls, not "
                        + value.getClass().getName());
            }
        });
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
