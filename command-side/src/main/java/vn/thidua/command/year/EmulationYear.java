package vn.thidua.command.year;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import vn.thidua.command.decisions.RescindYearDecision;
import vn.thidua.command.rules.ActDating;
import vn.thidua.command.rules.BallotRules;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.year.YearCommands.AmendAnnualReport;
import vn.thidua.command.year.YearCommands.AssessReport;
import vn.thidua.command.year.YearCommands.CloseEmulationYear;
import vn.thidua.command.year.YearCommands.FileAnnualReport;
import vn.thidua.command.year.YearCommands.FinalizeRanking;
import vn.thidua.command.year.YearCommands.IssueDocument;
import vn.thidua.command.year.YearCommands.ProposeCommendation;
import vn.thidua.command.year.YearCommands.SignPledge;
import vn.thidua.command.store.EventStoreConfiguration;
import vn.thidua.command.web.ExpectedVersionTargetResolver;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.YearId;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.decisions.DecisionType;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.DocumentKind;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.Standing;
import vn.thidua.events.time.ActDate;

/**
 * One cluster's emulation year (năm thi đua): the pledge, the reports and their assessment, the ranking, the award
 * proposals and the closing of the record.
 */
@Aggregate(commandTargetResolver = ExpectedVersionTargetResolver.BEAN,
        cache = EventStoreConfiguration.AGGREGATE_CACHE)
public class EmulationYear {

    @AggregateIdentifier
    private String yearId;
    private String clusterId;
    private int year;
    private ClusterRules rules;
    private AdoptedScoringTable scoringTable;
    private LocalDate pledgeDeadline;
    private LocalDate reportDeadline;
    /** The day the year was opened, and whether that was long before it was entered (a past year's record). */
    private LocalDate openedOn;
    private boolean fromTheArchive;
    private final List<String> participants = new ArrayList<>();
    private final Set<String> signed = new HashSet<>();
    private final Map<String, BigDecimal> selfTotals = new HashMap<>();
    private final Map<String, Assessment> assessments = new LinkedHashMap<>();
    private String rankingDecisionId;
    private final Set<String> ranked = new HashSet<>();
    private final Map<String, Commendation> commendations = new LinkedHashMap<>();
    private final Map<String, DecisionType> decisionTypes = new HashMap<>();
    private final Set<String> rescinded = new HashSet<>();
    private boolean closed;
    /** The documents issued, by what they are ("MINUTES", or "CERTIFICATE unit") and by their number and symbol. */
    private final Map<String, String> issued = new HashMap<>();
    /** Participants who stopped taking part while the year was under way, and members who joined too late for it. */
    private final Map<String, ParticipationEnded> left = new HashMap<>();
    private final Set<String> admittedDuringYear = new HashSet<>();
    private final Set<String> numbersUsed = new HashSet<>();

    private record Assessment(String unitId, BigDecimal total) {
    }

    private record Commendation(String unitId, Award award) {
    }

    public static String idOf(String clusterId, int year) {
        return YearId.of(clusterId, year);
    }

    protected EmulationYear() {
        // for Axon: rebuilt from events
    }

    /** Started by {@code Cluster} when it opens the year. */
    public EmulationYear(EmulationYearOpened opened) {
        apply(opened);
    }

    @CommandHandler
    public long handle(SignPledge command, MetaData metaData) {
        LocalDate actDate = actDate(metaData);
        requireNotClosed();
        requireParticipant(command.unitId());
        Rule.ALREADY_SIGNED.require(!signed.contains(command.unitId()), command.unitId());
        apply(new PledgeSigned(clusterId, year, command.unitId(), command.signatory(),
                actDate.isAfter(pledgeDeadline)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(FileAnnualReport command, MetaData metaData) {
        LocalDate actDate = actDate(metaData);
        requireReportsOpen();
        requireParticipant(command.unitId());
        Rule.REPORT_ALREADY_FILED.require(!selfTotals.containsKey(command.unitId()), command.unitId());
        Scorecard selfScore = scoringTable.score(command.selfScores(), command.bonusPoints(),
                command.penaltyPoints());
        apply(new AnnualReportFiled(clusterId, year, command.unitId(), command.summary(), selfScore,
                List.copyOf(command.evidence()), actDate.isAfter(reportDeadline)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(AmendAnnualReport command, MetaData metaData) {
        actDate(metaData);
        Rule.AMENDMENT_REASON_MISSING.require(command.reason() != null && !command.reason().isBlank());
        requireReportsOpen();
        requireReport(command.unitId());
        Scorecard selfScore = scoringTable.score(command.selfScores(), command.bonusPoints(),
                command.penaltyPoints());
        apply(new AnnualReportAmended(clusterId, year, command.unitId(), command.summary(), selfScore,
                List.copyOf(command.evidence()), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(AssessReport command, MetaData metaData) {
        actDate(metaData);
        requireReportsOpen();
        requireReport(command.unitId());
        Scorecard assessed = scoringTable.score(command.scores(), command.bonusPoints(), command.penaltyPoints());
        apply(new ReportAssessed(clusterId, year, command.decisionId(), command.unitId(), assessed,
                command.note()));
        return AggregateLifecycle.getVersion();
    }

    /** Final score = assessed total where assessed, else the self total; units without a report stay unranked. */
    @CommandHandler
    public long handle(FinalizeRanking command, MetaData metaData) {
        actDate(metaData);
        requireReportsOpen();
        Rule.NO_REPORTS.require(!selfTotals.isEmpty());
        Map<String, BigDecimal> finalScores = new HashMap<>(selfTotals);
        assessments.values().forEach(assessment -> finalScores.put(assessment.unitId(), assessment.total()));
        apply(new RankingFinalized(clusterId, year, command.decisionId(),
                Ranking.standings(participants, finalScores), command.note()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ProposeCommendation command, MetaData metaData) {
        actDate(metaData);
        requireNotClosed();
        Rule.RANKING_NOT_FINALIZED.require(rankingDecisionId != null, year);
        String unitId = command.unitId();
        requireParticipant(unitId);
        Rule.UNIT_NOT_RANKED.require(ranked.contains(unitId), unitId);
        Rule.PLEDGE_NOT_SIGNED.require(signed.contains(unitId), unitId);
        Rule.ALREADY_PROPOSED.require(commendations.values().stream().noneMatch(c -> c.unitId().equals(unitId)),
                unitId);
        if (command.award() == Award.EMULATION_FLAG) {
            int allowed = rules.flagCapInForce().flagsAllowed(ranked.size());
            long flags = commendations.values().stream().filter(c -> c.award() == Award.EMULATION_FLAG).count();
            Rule.FLAG_QUOTA_EXCEEDED.require(flags < allowed, allowed);
        }
        BallotRules.requireCarried(command.ballot(), participants.size(),
                rules.voteFor(BallotKind.of(command.award())));
        apply(new CommendationProposed(clusterId, year, command.decisionId(), unitId, command.award(),
                command.ballot(), command.minutesRef()));
        return AggregateLifecycle.getVersion();
    }

    /** Assessments may be withdrawn until the ranking is final, the ranking while no award rests on it. */
    @CommandHandler
    public long handle(RescindYearDecision command, MetaData metaData) {
        actDate(metaData);
        requireNotClosed();
        String target = command.rescindedDecisionId();
        DecisionType type = decisionTypes.get(target);
        Rule.DECISION_NOT_FOUND.require(type != null, target);
        Rule.ALREADY_RESCINDED.require(!rescinded.contains(target), target);
        if (type == DecisionType.REPORT_ASSESSED) {
            Rule.RANKING_FINALIZED.require(rankingDecisionId == null, year);
        } else if (type == DecisionType.RANKING_FINALIZED) {
            Rule.COMMENDATIONS_EXIST.require(commendations.isEmpty());
        } else {
            Rule.NOT_RESCINDABLE.require(type == DecisionType.COMMENDATION_PROPOSED, type.code());
        }
        apply(new DecisionRescinded(clusterId, year, command.decisionId(), target, type.code(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * A document is issued once the ranking it records is final, also after the year is closed (the minutes are
     * signed at the review that closes it); each kind once (a certificate once per unit), each number once.
     */
    @CommandHandler
    public long handle(IssueDocument command, MetaData metaData) {
        actDate(metaData);
        Rule.RANKING_NOT_FINALIZED.require(rankingDecisionId != null, year);
        if (command.kind() == DocumentKind.CERTIFICATE) {
            requireParticipant(command.unitId());
        }
        String what = issuedKey(command.kind(), command.unitId());
        Rule.DOCUMENT_ALREADY_ISSUED.require(!issued.containsKey(what), command.kind(), year, issued.get(what));
        String numberAndSymbol = command.number() + "/" + command.symbol();
        Rule.DOCUMENT_NUMBER_TAKEN.require(!numbersUsed.contains(numberAndSymbol), numberAndSymbol);
        apply(new DocumentIssued(clusterId, year, command.decisionId(), command.kind(), command.unitId(),
                command.number(), command.symbol(), command.place(), command.sha256(), command.treeSize()));
        return AggregateLifecycle.getVersion();
    }

    private static String issuedKey(DocumentKind kind, String unitId) {
        return kind == DocumentKind.CERTIFICATE ? kind + " " + unitId : kind.name();
    }

    @CommandHandler
    public long handle(CloseEmulationYear command, MetaData metaData) {
        actDate(metaData);
        requireNotClosed();
        Rule.RANKING_NOT_FINALIZED.require(rankingDecisionId != null, year);
        apply(new EmulationYearClosed(clusterId, year, command.decisionId(), command.note()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * A unit the council admitted while the year is under way takes part from the next year: this one notes it, so
     * that its acts are refused as a member's who does not take part, not as a stranger's.
     */
    void memberAdmitted(MemberUnit unit) {
        if (!participants.contains(unit.unitId())) {
            apply(new MemberAdmittedDuringYear(clusterId, year, unit));
        }
    }

    /**
     * A participant withdrawn, merged into another or transferred away stops taking part: what it did stays recorded,
     * it is not ranked afterwards, nor proposed, and its further acts for the year are refused.
     */
    void participantLeaves(String unitId, ParticipationEnded.Cause cause, String successorUnitId,
                           String toClusterId) {
        if (participants.contains(unitId)) {
            apply(new ParticipationEnded(clusterId, year, unitId, cause, successorUnitId, toClusterId));
        }
    }

    /**
     * A merger's successor takes its predecessors' place (and counts as having signed the pledge if one of them had),
     * a unit transferred in continues its year here; both only while the reports are open: after the ranking the
     * year's result is decided, and the newcomer takes part from the next year.
     */
    void unitJoins(MemberUnit unit, ParticipationBegan.Cause cause, List<String> predecessorUnitIds,
                   String fromClusterId) {
        if (participants.contains(unit.unitId())) {
            return;
        }
        if (rankingDecisionId != null) {
            memberAdmitted(unit);
        } else {
            apply(new ParticipationBegan(clusterId, year, unit, cause, List.copyOf(predecessorUnitIds),
                    fromClusterId));
        }
    }

    private void requireNotClosed() {
        Rule.YEAR_CLOSED.require(!closed, year);
    }

    private void requireReportsOpen() {
        requireNotClosed();
        Rule.RANKING_FINALIZED.require(rankingDecisionId == null, year);
    }

    /** Taking part now: else why not, a former participant, a member admitted too late, or no member at all. */
    private void requireParticipant(String unitId) {
        if (participants.contains(unitId)) {
            return;
        }
        ParticipationEnded ended = left.get(unitId);
        if (ended != null) {
            throw Rule.PARTICIPATION_ENDED.refuse(unitId, year, ended.cause() + (ended.successorUnitId() != null
                    ? " → " + ended.successorUnitId() : ended.toClusterId() != null ? " → " + ended.toClusterId()
                    : ""));
        }
        Rule.NOT_A_PARTICIPANT.require(!admittedDuringYear.contains(unitId), unitId, year);
        throw Rule.NOT_A_MEMBER.refuse(unitId);
    }

    private void requireReport(String unitId) {
        requireParticipant(unitId);
        Rule.REPORT_NOT_FILED.require(selfTotals.containsKey(unitId), unitId);
    }

    /** The day the act took place (its deadlines go by it): not before the year opened, see {@link ActDating}. */
    private LocalDate actDate(MetaData metaData) {
        return ActDating.of(metaData, openedOn, Rule.OCCURRED_BEFORE_OPENING, fromTheArchive);
    }

    @EventSourcingHandler
    void on(EmulationYearOpened event, MetaData metaData, @Timestamp Instant recordedAt) {
        openedOn = ActDate.of(metaData, recordedAt);
        fromTheArchive = ActDating.broughtFromTheArchive(openedOn, ActDate.recordedOn(recordedAt));
        yearId = idOf(event.clusterId(), event.year());
        clusterId = event.clusterId();
        year = event.year();
        rules = event.rules();
        scoringTable = new AdoptedScoringTable(event.scoringTable());
        pledgeDeadline = event.pledgeDeadline();
        reportDeadline = event.reportDeadline();
        event.participants().stream().map(MemberUnit::unitId).forEach(participants::add);
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(PledgeSigned event) {
        signed.add(event.unitId());
    }

    @EventSourcingHandler
    void on(AnnualReportFiled event) {
        selfTotals.put(event.unitId(), event.selfScore().total());
    }

    @EventSourcingHandler
    void on(AnnualReportAmended event) {
        selfTotals.put(event.unitId(), event.selfScore().total());
    }

    /**
     * Every assessment not rescinded is kept, in the order made: a unit's latest counts, and rescinding it puts the one
     * before back in force.
     */
    @EventSourcingHandler
    void on(ReportAssessed event) {
        assessments.put(event.decisionId(), new Assessment(event.unitId(), event.assessedScore().total()));
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(RankingFinalized event) {
        rankingDecisionId = event.decisionId();
        event.standings().stream().filter(standing -> standing.rank() != null)
                .map(Standing::unitId).forEach(ranked::add);
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(CommendationProposed event) {
        commendations.put(event.decisionId(), new Commendation(event.unitId(), event.award()));
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(DecisionRescinded event) {
        String target = event.rescindedDecisionId();
        rescinded.add(target);
        assessments.remove(target);
        commendations.remove(target);
        if (target.equals(rankingDecisionId)) {
            rankingDecisionId = null;
            ranked.clear();
        }
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(DocumentIssued event) {
        issued.put(issuedKey(event.kind(), event.unitId()), event.numberAndSymbol());
        numbersUsed.add(event.numberAndSymbol());
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(MemberAdmittedDuringYear event) {
        admittedDuringYear.add(event.unit().unitId());
    }

    @EventSourcingHandler
    void on(ParticipationEnded event) {
        participants.remove(event.unitId());
        left.put(event.unitId(), event);
    }

    @EventSourcingHandler
    void on(ParticipationBegan event) {
        String unitId = event.unit().unitId();
        participants.add(unitId);
        left.remove(unitId);
        admittedDuringYear.remove(unitId);
        if (event.predecessorUnitIds().stream().anyMatch(signed::contains)) {
            signed.add(unitId);
        }
    }

    @EventSourcingHandler
    void on(EmulationYearClosed event) {
        closed = true;
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }
}
