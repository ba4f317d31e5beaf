package vn.thidua.query.documents;

import vn.thidua.events.year.DocumentKind;
import java.util.HashSet;
import java.util.Set;

import vn.thidua.events.ClusterEvent;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.query.projection.ConcernedUnit;
import vn.thidua.query.projection.ConcernedYear;

/**
 * Which events of a cluster's record a document of one year prints: the minutes the whole year's review (and the
 * next term's officers), the proposal its commendations and the ranking they cite, a certificate one unit's acts and
 * the ranking; each with the cluster's formation (its name) and the rescissions of what it prints. A document's
 * verification covers these facts and no other data of the year. Fed the events in the ledger's order.
 */
final class PrintedFacts {

    private final DocumentKind kind;
    private final int year;
    private final String unitId;
    private final Set<String> printedDecisions = new HashSet<>();

    PrintedFacts(DocumentKind kind, int year, String unitId) {
        this.kind = kind;
        this.year = year;
        this.unitId = unitId;
    }

    boolean prints(ClusterEvent event) {
        boolean printed = event instanceof DecisionRescinded rescission
                ? printedDecisions.contains(rescission.rescindedDecisionId())
                : event instanceof ClusterFormed || concernsTheYear(event) && printedByKind(event);
        if (printed && event instanceof Decision decision) {
            printedDecisions.add(decision.decisionId());
        }
        return printed;
    }

    private boolean concernsTheYear(ClusterEvent event) {
        Integer concerned = ConcernedYear.of(event);
        return concerned != null && (concerned == year || concerned == year + 1);
    }

    private boolean printedByKind(ClusterEvent event) {
        boolean yearAndRanking = event instanceof EmulationYearOpened || event instanceof RankingFinalized;
        return switch (kind) {
            case MINUTES -> true;
            case PROPOSAL -> yearAndRanking || event instanceof CommendationProposed;
            case CERTIFICATE -> yearAndRanking || unitId.equals(ConcernedUnit.of(event));
        };
    }
}
