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
                              String sector, List<MemberUnit> members, ClusterRules rules) {
    }

    public record AdmitUnit(@TargetAggregateIdentifier String clusterId, String decisionId, MemberUnit unit,
                            String reason) {
    }

    public record WithdrawUnit(@TargetAggregateIdentifier String clusterId, String decisionId, String unitId,
                               String reason) {
    }

    public record MergeUnits(@TargetAggregateIdentifier String clusterId, String decisionId,
                             List<String> mergedUnitIds, MemberUnit successor, LocalDate effectiveDate,
                             String reason) {
    }
}
