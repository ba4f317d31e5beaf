package vn.thidua.query.projection;

import java.time.Instant;

import org.axonframework.eventhandling.DomainEventMessage;

import vn.thidua.events.actor.Actor;

/**
 * What a fold sees of one event: the payload, when it was recorded, by whom and in which role, and the aggregate
 * version it made.
 */
public record Envelope(Object payload, String eventId, String aggregateId, long sequence, Instant at, String actor,
                       String role) {

    public static Envelope of(DomainEventMessage<?> message) {
        return new Envelope(message.getPayload(), message.getIdentifier(), message.getAggregateIdentifier(),
                message.getSequenceNumber(), message.getTimestamp(), text(message, Actor.ACTOR),
                text(message, Actor.ROLE));
    }

    private static String text(DomainEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
