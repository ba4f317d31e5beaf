package vn.thidua.command.leadership;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import vn.thidua.command.cluster.ClusterDecision;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.leadership.Office;

/**
 * Record the election of a unit as cluster head or deputy for a term year (ElectClusterHead); {@code reason}: why the
 * vote chose another head than the next in rotation, where the cluster rotates its head.
 */
public record ElectOfficer(@TargetAggregateIdentifier String clusterId, String decisionId, int termYear, Office office,
                           String unitId, Ballot ballot, String minutesRef, String reason)
        implements ClusterDecision {

    @Override
    public List<String> clustersConcerned() {
        return List.of(clusterId);
    }
}
