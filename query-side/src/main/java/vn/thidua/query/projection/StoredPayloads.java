package vn.thidua.query.projection;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.actor.Actor;
import vn.thidua.events.time.ActDate;
import vn.thidua.events.json.EventJson;
import vn.thidua.ledger.StoredEvent;

/**
 * Events read from the store's rows rather than through a processor (the ledger's followers, documents): the payload
 * in its published Java type, and the envelope a fold expects.
 */
public final class StoredPayloads {

    private static final JsonMapper JSON = EventJson.mapper();
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private StoredPayloads() {
    }

    /** The payload as its stored type, or empty for a type this side does not know (a forged row, say). */
    public static Optional<Object> payload(StoredEvent stored) {
        try {
            return Optional.of(JSON.readValue(stored.payload(), Class.forName(stored.payloadType())));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    public static Envelope envelope(StoredEvent stored, Object payload) {
        Map<String, Object> metadata = stored.metaData() == null ? Map.of()
                : JSON.readValue(stored.metaData(), METADATA);
        Instant recordedAt = Instant.parse(stored.timestamp());
        return new Envelope(payload, stored.eventId(), stored.aggregateId(), stored.sequence(), recordedAt,
                ActDate.of(metadata, recordedAt), text(metadata.get(Actor.ACTOR)), text(metadata.get(Actor.ROLE)));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
