package vn.thidua.query.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.query.projection.Envelope;

/** A cluster as its list and detail show it: members with their status, its rules, and its heads by term. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class ClusterDocument {

    public enum MemberStatus { ACTIVE, WITHDRAWN, MERGED }

    public record Member(String unitId, String name, String province, MemberStatus status) {
    }

    record Head(String unitId, String decisionId) {
    }

    String clusterId;
    String name;
    String sector;
    ClusterRules rules;
    List<Member> members = new ArrayList<>();
    TreeMap<Integer, Head> headsByTerm = new TreeMap<>();

    public static ClusterDocument apply(ClusterDocument cluster, Envelope event) {
        Object payload = event.payload();
        if (payload instanceof ClusterFormed formed) {
            cluster.clusterId = formed.clusterId();
            cluster.name = formed.name();
            cluster.sector = formed.sector();
            cluster.rules = formed.rules();
            formed.members().forEach(cluster::join);
        } else if (payload instanceof UnitAdmitted admitted) {
            cluster.join(admitted.unit());
        } else if (payload instanceof UnitWithdrawn withdrawn) {
            cluster.mark(withdrawn.unitId(), MemberStatus.WITHDRAWN);
        } else if (payload instanceof UnitsMerged merged) {
            merged.mergedUnitIds().forEach(unitId -> cluster.mark(unitId, MemberStatus.MERGED));
            cluster.join(merged.successor());
        } else if (payload instanceof ClusterHeadElected elected) {
            cluster.headsByTerm.put(elected.termYear(), new Head(elected.unitId(), elected.decisionId()));
        } else if (payload instanceof DecisionRescinded rescinded) {
            cluster.headsByTerm.values().removeIf(head -> head.decisionId().equals(rescinded.rescindedDecisionId()));
        }
        return cluster;
    }

    private void join(MemberUnit unit) {
        members.removeIf(member -> member.unitId().equals(unit.unitId()));
        members.add(new Member(unit.unitId(), unit.name(), unit.province(), MemberStatus.ACTIVE));
    }

    private void mark(String unitId, MemberStatus status) {
        members.replaceAll(member -> member.unitId().equals(unitId)
                ? new Member(member.unitId(), member.name(), member.province(), status) : member);
    }

    boolean isFormed() {
        return clusterId != null;
    }

    long activeMembers() {
        return members.stream().filter(member -> member.status() == MemberStatus.ACTIVE).count();
    }

    String nameOf(String unitId) {
        return members.stream().filter(member -> member.unitId().equals(unitId)).map(Member::name).findFirst()
                .orElse(unitId);
    }
}
