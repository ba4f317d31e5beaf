package vn.thidua.events.leadership;

import org.axonframework.serialization.Revision;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.decisions.Decision;

/**
 * The members elected a head for a term. {@code outOfRotationReason}: why the vote chose another than the next in
 * rotation, in a cluster that rotates its head (absent otherwise, and in events recorded before rotation).
 */
@Revision("1")
public record ClusterHeadElected(String clusterId, String decisionId, int termYear, String unitId, Ballot ballot,
                                 String minutesRef, String outOfRotationReason) implements Decision {

    /** An election in rotation, or in a cluster that does not rotate its head. */
    public ClusterHeadElected(String clusterId, String decisionId, int termYear, String unitId, Ballot ballot,
                              String minutesRef) {
        this(clusterId, decisionId, termYear, unitId, ballot, minutesRef, null);
    }
}
