package vn.thidua.command.year;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import vn.thidua.command.cluster.ClusterDecision;
import vn.thidua.command.web.CreatesAnotherAggregate;
import vn.thidua.events.YearId;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.DocumentKind;
import vn.thidua.events.year.Evidence;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;

/** What members and the secretariat ask of an emulation year. */
public final class YearCommands {

    private YearCommands() {
    }

    /** Handled by the cluster, which knows its members, and which then starts the year. */
    public record OpenEmulationYear(@TargetAggregateIdentifier String clusterId, int year, String decisionId,
                                    ScoringTable scoringTable, List<PledgeTarget> pledgeTargets,
                                    LocalDate pledgeDeadline, LocalDate reportDeadline)
            implements ClusterDecision, CreatesAnotherAggregate {

        @Override
        public List<String> clustersConcerned() {
            return List.of(clusterId);
        }

        @Override
        public String createdAggregateId() {
            return YearId.of(clusterId, year);
        }
    }

    public record SignPledge(String clusterId, int year, String unitId, Signatory signatory) implements YearCommand {
    }

    public record FileAnnualReport(String clusterId, int year, String unitId, String summary,
                                   Map<String, BigDecimal> selfScores, BigDecimal bonusPoints,
                                   BigDecimal penaltyPoints, List<Evidence> evidence) implements YearCommand {
    }

    public record AmendAnnualReport(String clusterId, int year, String unitId, String summary,
                                    Map<String, BigDecimal> selfScores, BigDecimal bonusPoints,
                                    BigDecimal penaltyPoints, List<Evidence> evidence, String reason)
            implements YearCommand {
    }

    public record AssessReport(String clusterId, int year, String decisionId, String unitId,
                               Map<String, BigDecimal> scores, BigDecimal bonusPoints, BigDecimal penaltyPoints,
                               String note) implements YearCommand {
    }

    public record FinalizeRanking(String clusterId, int year, String decisionId, String note) implements YearCommand {
    }

    public record ProposeCommendation(String clusterId, int year, String decisionId, String unitId, Award award,
                                      Ballot ballot, String minutesRef) implements YearCommand {
    }

    /** The secretariat issues a document printed at {@code treeSize}; {@code sha256} names the PDF kept. */
    public record IssueDocument(String clusterId, int year, String decisionId, DocumentKind kind, String unitId,
                                int number, String symbol, String place, String sha256, long treeSize)
            implements YearCommand {
    }

    public record CloseEmulationYear(String clusterId, int year, String decisionId, String note)
            implements YearCommand {
    }
}
