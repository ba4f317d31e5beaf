package vn.thidua.query.unitrecord;

import java.util.List;
import java.util.stream.Stream;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.Standing;

/**
 * Unit record + event -> unit record. An event may touch several units (a ranking, a merger): {@code touched} tells
 * which, and {@code apply} folds it into each of their records. A rescission touches the units its rescinded decision
 * touched, which the caller keeps.
 */
final class UnitRecordFold {

    private UnitRecordFold() {
    }

    /** The units an event concerns, rescissions aside (those need the caller's index of decisions). */
    static List<String> touched(Object payload) {
        if (payload instanceof ClusterFormed formed) {
            return formed.members().stream().map(MemberUnit::unitId).toList();
        } else if (payload instanceof UnitAdmitted admitted) {
            return List.of(admitted.unit().unitId());
        } else if (payload instanceof UnitsMerged merged) {
            return Stream.concat(merged.mergedUnitIds().stream(),
                    Stream.of(merged.successor().unitId())).distinct().toList();
        } else if (payload instanceof RankingFinalized ranking) {
            return ranking.standings().stream().filter(s -> s.rank() != null).map(Standing::unitId).toList();
        } else if (payload instanceof CommendationProposed proposed) {
            return List.of(proposed.unitId());
        } else if (payload instanceof ClusterHeadElected elected) {
            return List.of(elected.unitId());
        } else if (payload instanceof DeputyHeadElected elected) {
            return List.of(elected.unitId());
        }
        return List.of();
    }

    /** What the event does to this one unit's record (the units it does something to are {@link #touched}). */
    static UnitRecord apply(UnitRecord unit, Object payload) {
        String unitId = unit.unitId;
        if (payload instanceof ClusterFormed formed) {
            formed.members().stream().filter(member -> member.unitId().equals(unitId))
                    .forEach(member -> unit.name = member.name());
        } else if (payload instanceof UnitAdmitted admitted) {
            unit.name = admitted.unit().name();
        } else if (payload instanceof UnitsMerged merged) {
            String successorId = merged.successor().unitId();
            if (unitId.equals(successorId)) {
                unit.name = merged.successor().name();
                merged.mergedUnitIds().stream()
                        .filter(predecessor -> !predecessor.equals(successorId)
                                && !unit.predecessors.contains(predecessor))
                        .forEach(unit.predecessors::add);
            } else {
                unit.successor = successorId;
            }
        } else if (payload instanceof RankingFinalized ranking) {
            ranking.standings().stream().filter(s -> unitId.equals(s.unitId()) && s.rank() != null)
                    .forEach(standing -> {
                        UnitRecord.Year year = unit.year(ranking.clusterId(), ranking.year());
                        year.rank = standing.rank();
                        year.finalScore = standing.score();
                        year.rankingDecisionId = ranking.decisionId();
                    });
        } else if (payload instanceof CommendationProposed proposed) {
            UnitRecord.Year year = unit.year(proposed.clusterId(), proposed.year());
            year.award = proposed.award();
            year.awardDecisionId = proposed.decisionId();
        } else if (payload instanceof ClusterHeadElected elected) {
            holdOffice(unit, elected.clusterId(), elected.termYear(), Office.HEAD, elected.decisionId());
        } else if (payload instanceof DeputyHeadElected elected) {
            holdOffice(unit, elected.clusterId(), elected.termYear(), Office.DEPUTY, elected.decisionId());
        } else if (payload instanceof DecisionRescinded rescinded) {
            unit.rescind(rescinded.rescindedDecisionId());
        }
        return unit;
    }

    private static void holdOffice(UnitRecord unit, String clusterId, int termYear, Office office, String decisionId) {
        UnitRecord.Year year = unit.year(clusterId, termYear);
        year.office = office;
        year.officeDecisionId = decisionId;
    }
}
