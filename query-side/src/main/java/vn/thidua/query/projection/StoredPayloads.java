package vn.thidua.query.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
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
    /**
     * A reader for each payload type by its stored name, looked up once each (a rebuild reads a million rows), empty
     * for a name that is no class here.
     */
    private static final Map<String, Optional<ObjectReader>> READERS = new ConcurrentHashMap<>();
    private static final ObjectReader METADATA = JSON.readerFor(new TypeReference<Map<String, Object>>() {
    });

    private StoredPayloads() {
    }

    /** The payload as its stored type, or empty for a type this side does not know (a forged row, say). */
    public static Optional<Object> payload(StoredEvent stored) {
        return READERS.computeIfAbsent(stored.payloadType(), StoredPayloads::reader)
                .map(reader -> reader.readValue(stored.payload()));
    }

    private static Optional<ObjectReader> reader(String name) {
        try {
            return Optional.of(JSON.readerFor(Class.forName(name)));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    public static Envelope envelope(StoredEvent stored, Object payload) {
        Map<String, Object> metadata = metadata(stored);
        Instant recordedAt = stored.recordedAt();
        return new Envelope(payload, stored.eventId(), stored.aggregateId(), stored.sequence(), recordedAt,
                ActDate.of(metadata, recordedAt), text(metadata.get(Actor.ACTOR)), text(metadata.get(Actor.ROLE)));
    }

    /**
     * The event as a processor would have been handed it, for a projection's own handlers (which read no aggregate
     * type: it is left out).
     */
    public static DomainEventMessage<Object> message(StoredEvent stored, Object payload) {
        return new GenericDomainEventMessage<>(null, stored.aggregateId(), stored.sequence(), payload, MetaData.from(metadata(stored)), stored.eventId(),
                stored.recordedAt());
    }

    private static Map<String, Object> metadata(StoredEvent stored) {
        return stored.metaData() == null ? Map.of() : METADATA.readValue(stored.metaData());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
