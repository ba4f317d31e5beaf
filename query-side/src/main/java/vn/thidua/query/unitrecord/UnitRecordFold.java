package vn.thidua.query.unitrecord;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionType;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.query.projection.Envelope;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
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
        } else if (payload instanceof UnitWithdrawn withdrawn) {
            return List.of(withdrawn.unitId());
        } else if (payload instanceof UnitTransferredOut transferred) {
            return List.of(transferred.unitId());
        } else if (payload instanceof UnitTransferredIn transferred) {
            return List.of(transferred.unit().unitId());
        } else if (payload instanceof ClustersMerged merged) {
            return merged.units().stream().map(MemberUnit::unitId).toList();
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
        } else if (payload instanceof ParticipationEnded ended) {
            return List.of(ended.unitId());
        } else if (payload instanceof ParticipationBegan began) {
            return List.of(began.unit().unitId());
        }
        return List.of();
    }

    /** What the event does to this one unit's record (the units it does something to are {@link #touched}). */
    static UnitRecord apply(UnitRecord unit, Envelope event) {
        String unitId = unit.unitId;
        Object payload = event.payload();
        LocalDate day = event.occurredOn();
        if (payload instanceof ClusterFormed formed) {
            formed.members().stream().filter(member -> member.unitId().equals(unitId)).forEach(member -> {
                unit.name = member.name();
                unit.join(formed.clusterId(), day, DecisionType.of(formed).code(), null);
            });
        } else if (payload instanceof UnitAdmitted admitted) {
            unit.name = admitted.unit().name();
            unit.join(admitted.clusterId(), day, DecisionType.of(admitted).code(), null);
        } else if (payload instanceof UnitWithdrawn withdrawn) {
            unit.leave(withdrawn.clusterId(), day, DecisionType.of(withdrawn).code(), null);
        } else if (payload instanceof UnitTransferredOut transferred) {
            unit.leave(transferred.clusterId(), day, DecisionType.of(transferred).code(), transferred.toClusterId());
        } else if (payload instanceof UnitTransferredIn transferred) {
            unit.name = transferred.unit().name();
            unit.join(transferred.clusterId(), day, DecisionType.of(transferred).code(),
                    transferred.fromClusterId());
        } else if (payload instanceof ClustersMerged merged) {
            String how = DecisionType.of(merged).code();
            unit.leave(merged.absorbedClusterId(), day, how, merged.clusterId());
            unit.join(merged.clusterId(), day, how, merged.absorbedClusterId());
        } else if (payload instanceof UnitsMerged merged) {
            String successorId = merged.successor().unitId();
            String how = DecisionType.of(merged).code();
            if (unitId.equals(successorId)) {
                unit.name = merged.successor().name();
                merged.mergedUnitIds().stream()
                        .filter(predecessor -> !predecessor.equals(successorId)
                                && !unit.predecessors.contains(predecessor))
                        .forEach(unit.predecessors::add);
                if (!merged.mergedUnitIds().contains(successorId)) {
                    unit.join(merged.clusterId(), day, how, null);
                }
            } else {
                unit.successor = successorId;
                unit.leave(merged.clusterId(), day, how, null);
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
        } else if (payload instanceof ParticipationEnded ended) {
            unit.year(ended.clusterId(), ended.year()).participationEnded = ended.cause();
        } else if (payload instanceof ParticipationBegan began) {
            unit.year(began.clusterId(), began.year()).participationEnded = null;
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
