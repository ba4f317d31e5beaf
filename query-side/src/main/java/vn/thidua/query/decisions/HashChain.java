package vn.thidua.query.decisions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * The decision log's hash chain. Each entry's hash is the SHA-256 (lower-case hex) of the UTF-8 bytes of its canonical
 * JSON: the object {@code {actor, clusterId, decisionId, occurredAt, payload, prevHash, role, seq, type, year}} with keys in
 * code-point order, no white space, non-ASCII characters as themselves, and {@code payload} the event's JSON as a
 * string. {@code prevHash} is the previous entry's hash, 64 zeros for the first. Python reproduces it with
 * {@code json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)}.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    /** The hashed part of a decision-log entry. */
    public record Content(String actor, String clusterId, String decisionId, String occurredAt, String payload,
                          String prevHash, String role, long seq, String type, Integer year) {

        Map<String, Object> fields() {
            Map<String, Object> fields = new TreeMap<>();
            fields.put("actor", actor);
            fields.put("clusterId", clusterId);
            fields.put("decisionId", decisionId);
            fields.put("occurredAt", occurredAt);
            fields.put("payload", payload);
            fields.put("prevHash", prevHash);
            fields.put("role", role);
            fields.put("seq", seq);
            fields.put("type", type);
            fields.put("year", year);
            return fields;
        }
    }

    private HashChain() {
    }

    public static String canonicalJson(Content content) {
        return CANONICAL.writeValueAsString(content.fields());
    }

    public static String hash(Content content) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonicalJson(content).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
