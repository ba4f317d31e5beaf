package vn.thidua.query.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The payload types by their stored name, looked up once each (a rebuild reads a million rows). */
    private static final Map<String, Optional<Class<?>>> TYPES = new ConcurrentHashMap<>();
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private StoredPayloads() {
    }

    /** The payload as its stored type, or empty for a type this side does not know (a forged row, say). */
    public static Optional<Object> payload(StoredEvent stored) {
        Optional<Class<?>> type = TYPES.computeIfAbsent(stored.payloadType(), StoredPayloads::load);
        return type.map(known -> JSON.readValue(stored.payload(), known));
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    public static Envelope envelope(StoredEvent stored, Object payload) {
        Map<String, Object> metadata = metadata(stored);
        Instant recordedAt = Instant.parse(stored.timestamp());
        return new Envelope(payload, stored.eventId(), stored.aggregateId(), stored.sequence(), recordedAt,
                ActDate.of(metadata, recordedAt), text(metadata.get(Actor.ACTOR)), text(metadata.get(Actor.ROLE)));
    }

    /**
     * The event as a processor would have been handed it, for a projection's own handlers (which read no aggregate
     * type: it is left out).
     */
    public static DomainEventMessage<Object> message(StoredEvent stored, Object payload) {
        return new GenericDomainEventMessage<>(null, stored.aggregateId(), stored.sequence(), payload, MetaData.from(metadata(stored)), stored.eventId(),
                Instant.parse(stored.timestamp()));
    }

    private static Map<String, Object> metadata(StoredEvent stored) {
        return stored.metaData() == null ? Map.of() : JSON.readValue(stored.metaData(), METADATA);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
