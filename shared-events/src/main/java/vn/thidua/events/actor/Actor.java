package vn.thidua.events.actor;

/**
 * Who acted: a person or system's name, the role they acted in, and the cluster or unit that role is tied to (the
 * secretariat's cluster, the officer's unit and its cluster). Recorded in every event's metadata under
 * {@link #ACTOR}, {@link #ROLE}, {@link #CLUSTER} and {@link #UNIT}.
 */
public record Actor(String name, Role role, String clusterId, String unitId) {

    public static final String ACTOR = "actor";
    public static final String ROLE = "role";
    public static final String CLUSTER = "actorCluster";
    public static final String UNIT = "actorUnit";
    /** The request's correlation id (header {@code X-Correlation-Id}, or one made up for the request). */
    public static final String CORRELATION_ID = "correlationId";
    /** The request's {@code Idempotency-Key}, where it had one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
}
