package vn.thidua.ledger;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event exactly as the store holds it, and the leaf it makes: the canonical JSON of
 * {@code {aggregateId, eventId, metaData, payload, payloadRevision, payloadType, sequence, timestamp}} with
 * {@code payload} and {@code metaData} the stored JSON texts as strings and {@code timestamp} the stored text.
 * The global index is where the store keeps it, not part of the leaf.
 */
public record StoredEvent(long globalIndex, String aggregateId, String eventId, String metaData, String payload,
                          String payloadRevision, String payloadType, long sequence, String timestamp) {

    /** The columns {@link #read} expects, in the event table's names. */
    public static final String COLUMNS = "global_index, aggregate_identifier, event_identifier, meta_data, payload,"
            + " payload_revision, payload_type, sequence_number, time_stamp";

    public static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("global_index"), row.getString("aggregate_identifier"),
                row.getString("event_identifier"), row.getString("meta_data"), row.getString("payload"),
                row.getString("payload_revision"), row.getString("payload_type"), row.getLong("sequence_number"),
                row.getString("time_stamp"));
    }

    /** When the store recorded the event. */
    public Instant recordedAt() {
        return StoredTimestamp.parse(timestamp);
    }

    /** The leaf input's fields, as a receipt shows them. */
    public Map<String, Object> leafInput() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("aggregateId", aggregateId);
        fields.put("eventId", eventId);
        fields.put("metaData", metaData);
        fields.put("payload", payload);
        fields.put("payloadRevision", payloadRevision);
        fields.put("payloadType", payloadType);
        fields.put("sequence", sequence);
        fields.put("timestamp", timestamp);
        return fields;
    }

    public String canonicalJson() {
        return CanonicalJson.write(leafInput());
    }

    public byte[] leafHash() {
        return Merkle.leafHash(canonicalJson().getBytes(StandardCharsets.UTF_8));
    }
}
