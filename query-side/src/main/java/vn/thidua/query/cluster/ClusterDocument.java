package vn.thidua.query.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.query.projection.Envelope;

/**
 * A cluster as its list and detail show it: members with their status (and where a transfer brought them from or took
 * them), its rules as adopted and as amended by year, its heads by term, and its lineage: the clusters merged into it
 * and the one it merged into.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class ClusterDocument {

    public enum MemberStatus { ACTIVE, WITHDRAWN, MERGED, TRANSFERRED }

    public enum ClusterStatus { ACTIVE, DISSOLVED }

    /** {@code fromClusterId}: the cluster it came from; {@code toClusterId}: the one it was transferred to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String unitId, String name, String province, MemberStatus status, String fromClusterId,
                         String toClusterId) {

        Member withStatus(MemberStatus status, String toClusterId) {
            return new Member(unitId, name, province, status, fromClusterId, toClusterId);
        }
    }

    /** Rules in force from {@code fromYear} on (absent for those adopted at formation), by the decision named. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RulesInForce(Integer fromYear, ClusterRules rules, String decisionId, String minutesRef) {
    }

    record Head(String unitId, String decisionId) {
    }

    String clusterId;
    String name;
    String sector;
    ClusterRules rules;
    List<RulesInForce> amendedRules = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    /** The head's roster once the council set one (else the members' order of joining), see {@code Roster}. */
    List<String> roster;
    TreeMap<Integer, Head> headsByTerm = new TreeMap<>();
    ClusterStatus status = ClusterStatus.ACTIVE;
    List<String> predecessors = new ArrayList<>();
    String successor;

    public static ClusterDocument apply(ClusterDocument cluster, Envelope event) {
        Object payload = event.payload();
        if (payload instanceof ClusterFormed formed) {
            cluster.clusterId = formed.clusterId();
            cluster.name = formed.name();
            cluster.sector = formed.sector();
            cluster.rules = formed.rules();
            formed.members().forEach(unit -> cluster.join(unit, null));
        } else if (payload instanceof UnitAdmitted admitted) {
            cluster.join(admitted.unit(), null);
        } else if (payload instanceof UnitWithdrawn withdrawn) {
            cluster.mark(withdrawn.unitId(), MemberStatus.WITHDRAWN, null);
        } else if (payload instanceof UnitsMerged merged) {
            merged.mergedUnitIds().forEach(unitId -> cluster.mark(unitId, MemberStatus.MERGED, null));
            cluster.join(merged.successor(), null);
        } else if (payload instanceof UnitTransferredOut transferred) {
            cluster.mark(transferred.unitId(), MemberStatus.TRANSFERRED, transferred.toClusterId());
        } else if (payload instanceof UnitTransferredIn transferred) {
            cluster.join(transferred.unit(), transferred.fromClusterId());
        } else if (payload instanceof ClustersMerged merged) {
            merged.units().forEach(unit -> cluster.join(unit, merged.absorbedClusterId()));
            cluster.predecessors.add(merged.absorbedClusterId());
        } else if (payload instanceof ClusterDissolved dissolved) {
            cluster.status = ClusterStatus.DISSOLVED;
            cluster.successor = dissolved.successorClusterId();
            cluster.members.replaceAll(member -> member.status() == MemberStatus.ACTIVE
                    ? member.withStatus(MemberStatus.TRANSFERRED, dissolved.successorClusterId()) : member);
        } else if (payload instanceof RotationRosterSet set) {
            cluster.roster = new ArrayList<>(set.roster());
        } else if (payload instanceof ClusterRulesAmended amended) {
            cluster.amendedRules.removeIf(earlier -> earlier.fromYear() == amended.effectiveFromYear());
            cluster.amendedRules.add(new RulesInForce(amended.effectiveFromYear(), amended.rules(),
                    amended.decisionId(), amended.minutesRef()));
            cluster.amendedRules.sort(Comparator.comparing(RulesInForce::fromYear));
        } else if (payload instanceof ClusterHeadElected elected) {
            cluster.headsByTerm.put(elected.termYear(), new Head(elected.unitId(), elected.decisionId()));
        } else if (payload instanceof DecisionRescinded rescinded) {
            cluster.headsByTerm.values().removeIf(head -> head.decisionId().equals(rescinded.rescindedDecisionId()));
        }
        return cluster;
    }

    private void join(MemberUnit unit, String fromClusterId) {
        members.removeIf(member -> member.unitId().equals(unit.unitId()));
        members.add(new Member(unit.unitId(), unit.name(), unit.province(), MemberStatus.ACTIVE, fromClusterId,
                null));
        if (roster != null) {
            roster.remove(unit.unitId());
            roster.add(unit.unitId());
        }
    }

    /** The order the head's office passes in: as the council set it, else as the members joined. */
    List<String> rosterOrder() {
        return roster != null ? roster : members.stream().map(Member::unitId).toList();
    }

    private void mark(String unitId, MemberStatus status, String toClusterId) {
        members.replaceAll(member -> member.unitId().equals(unitId) ? member.withStatus(status, toClusterId) : member);
    }

    /** The rules adopted at formation, then each amendment from its year. */
    List<RulesInForce> rulesInForce() {
        List<RulesInForce> all = new ArrayList<>();
        all.add(new RulesInForce(null, rules, null, null));
        all.addAll(amendedRules);
        return all;
    }

    /** The rules in force for a year or term. */
    ClusterRules rulesFor(int year) {
        return amendedRules.stream().filter(amended -> amended.fromYear() <= year)
                .reduce((earlier, later) -> later).map(RulesInForce::rules).orElse(rules);
    }

    boolean isFormed() {
        return clusterId != null;
    }

    long activeMembers() {
        return members.stream().filter(member -> member.status() == MemberStatus.ACTIVE).count();
    }

    Member member(String unitId) {
        return members.stream().filter(member -> member.unitId().equals(unitId)).findFirst().orElseThrow();
    }

    String nameOf(String unitId) {
        return members.stream().filter(member -> member.unitId().equals(unitId)).map(Member::name).findFirst()
                .orElse(unitId);
    }
}
