package vn.thidua.query.projection;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.eventhandling.DomainEventMessage;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.time.ActDate;

/**
 * What a fold sees of one event: the payload, when it was recorded ({@code at}) and the day the act took place
 * ({@code occurredOn}, see {@link ActDate}), by whom and in which role, and the aggregate version it made.
 */
public record Envelope(Object payload, String eventId, String aggregateId, long sequence, Instant at,
                       LocalDate occurredOn, String actor, String role) {

    public static Envelope of(DomainEventMessage<?> message) {
        return new Envelope(message.getPayload(), message.getIdentifier(), message.getAggregateIdentifier(),
                message.getSequenceNumber(), message.getTimestamp(),
                ActDate.of(message.getMetaData(), message.getTimestamp()), text(message, Actor.ACTOR),
                text(message, Actor.ROLE));
    }

    /** The act's day where it is dated before the day it was recorded, else null: what read models keep of it. */
    public LocalDate backdatedDay() {
        return ActDate.isBackdated(occurredOn, at) ? occurredOn : null;
    }

    private static String text(DomainEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
