package vn.thidua.command.cluster;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;

/** What the sector's council asks of a cluster's membership. */
public final class ClusterCommands {

    private ClusterCommands() {
    }

    public record FormCluster(@TargetAggregateIdentifier String clusterId, String decisionId, String name,
                              String sector, List<MemberUnit> members, ClusterRules rules) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(clusterId);
        }
    }

    public record AdmitUnit(@TargetAggregateIdentifier String clusterId, String decisionId, MemberUnit unit,
                            String reason) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(clusterId);
        }
    }

    public record WithdrawUnit(@TargetAggregateIdentifier String clusterId, String decisionId, String unitId,
                               String reason) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(clusterId);
        }
    }

    public record MergeUnits(@TargetAggregateIdentifier String clusterId, String decisionId,
                             List<String> mergedUnitIds, MemberUnit successor, LocalDate effectiveDate,
                             String reason) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(clusterId);
        }
    }

    /** The council amends the cluster's rules from a year on; years already run keep theirs. */
    public record AmendClusterRules(@TargetAggregateIdentifier String clusterId, String decisionId,
                                    int effectiveFromYear, ClusterRules rules, String minutesRef, String reason) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(clusterId);
        }
    }

    /** The council sets the order in which the head's office passes: every member once. */
    public record SetRotationRoster(@TargetAggregateIdentifier String clusterId, String decisionId,
                                    List<String> unitIds, String reason) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(clusterId);
        }
    }

    /** The council dissolves a cluster whose members have all left. */
    public record DissolveCluster(@TargetAggregateIdentifier String clusterId, String decisionId, String reason) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(clusterId);
        }
    }

    /**
     * The council moves a member unit between clusters; addressed to the receiving cluster, whose event is the
     * command's last.
     */
    public record TransferUnit(String fromClusterId, @TargetAggregateIdentifier String toClusterId,
                               String decisionId, String unitId, String reason) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(fromClusterId, toClusterId);
        }
    }

    /** The council merges one cluster into another, which takes its members; addressed to the absorbing cluster. */
    public record MergeClusters(String absorbedClusterId, @TargetAggregateIdentifier String absorbingClusterId,
                                String decisionId, String reason) implements ClusterDecision {

        @Override
        public List<String> clustersConcerned() {
            return List.of(absorbedClusterId, absorbingClusterId);
        }
    }
}
