package vn.thidua.query.unitrecord;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
 * Unit records + event -> unit records. An event may touch several units (a ranking, a merger); {@code touched} tells
 * which, and {@code record} gives the current record of each. A rescission is resolved through the ids of the units
 * each decision touched, which the caller keeps.
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
            return java.util.stream.Stream.concat(merged.mergedUnitIds().stream(),
                    java.util.stream.Stream.of(merged.successor().unitId())).distinct().toList();
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

    static void apply(Object payload, Function<String, UnitRecord> record) {
        if (payload instanceof ClusterFormed formed) {
            formed.members().forEach(unit -> record.apply(unit.unitId()).name = unit.name());
        } else if (payload instanceof UnitAdmitted admitted) {
            record.apply(admitted.unit().unitId()).name = admitted.unit().name();
        } else if (payload instanceof UnitsMerged merged) {
            String successorId = merged.successor().unitId();
            UnitRecord successor = record.apply(successorId);
            successor.name = merged.successor().name();
            merged.mergedUnitIds().stream().filter(unitId -> !unitId.equals(successorId)).forEach(unitId -> {
                record.apply(unitId).successor = successorId;
                if (!successor.predecessors.contains(unitId)) {
                    successor.predecessors.add(unitId);
                }
            });
        } else if (payload instanceof RankingFinalized ranking) {
            ranking.standings().stream().filter(s -> s.rank() != null).forEach(standing -> {
                UnitRecord.Year year = record.apply(standing.unitId()).year(ranking.clusterId(), ranking.year());
                year.rank = standing.rank();
                year.finalScore = standing.score();
                year.rankingDecisionId = ranking.decisionId();
            });
        } else if (payload instanceof CommendationProposed proposed) {
            UnitRecord.Year year = record.apply(proposed.unitId()).year(proposed.clusterId(), proposed.year());
            year.award = proposed.award();
            year.awardDecisionId = proposed.decisionId();
        } else if (payload instanceof ClusterHeadElected elected) {
            holdOffice(record.apply(elected.unitId()), elected.clusterId(), elected.termYear(), Office.HEAD,
                    elected.decisionId());
        } else if (payload instanceof DeputyHeadElected elected) {
            holdOffice(record.apply(elected.unitId()), elected.clusterId(), elected.termYear(), Office.DEPUTY,
                    elected.decisionId());
        }
    }

    static void rescind(DecisionRescinded rescinded, Map<String, UnitRecord> touchedRecords) {
        touchedRecords.values().forEach(unit -> unit.rescind(rescinded.rescindedDecisionId()));
    }

    private static void holdOffice(UnitRecord unit, String clusterId, int termYear, Office office, String decisionId) {
        UnitRecord.Year year = unit.year(clusterId, termYear);
        year.office = office;
        year.officeDecisionId = decisionId;
    }
}
