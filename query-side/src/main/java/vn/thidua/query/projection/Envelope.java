package vn.thidua.query.projection;

import java.time.Instant;

import org.axonframework.eventhandling.DomainEventMessage;

/** What a fold sees of one event: the payload, when it was recorded and by whom, and the aggregate version it made. */
public record Envelope(Object payload, String eventId, String aggregateId, long sequence, Instant at, String actor) {

    /** The metadata key under which the command side records who acted. */
    public static final String ACTOR = "actor";

    public static Envelope of(DomainEventMessage<?> message) {
        Object actor = message.getMetaData().get(ACTOR);
        return new Envelope(message.getPayload(), message.getIdentifier(), message.getAggregateIdentifier(),
                message.getSequenceNumber(), message.getTimestamp(), actor == null ? null : actor.toString());
    }
}
