package vn.thidua.events.cluster;

/**
 * How a cluster chooses its head for a term (cluster's regulations differ): in rotation along its roster, confirmed by
 * the members' vote; any member but the previous term's head; or freely by vote.
 */
public enum HeadSelection {
    /** The next on the roster after the previous head; another only with a reason written into the decision. */
    ROTATION,
    /** Anyone but the head of the previous term (the rule before clusters could choose). */
    NOT_TWICE_RUNNING,
    /** Whoever the vote elects. */
    FREE
}
