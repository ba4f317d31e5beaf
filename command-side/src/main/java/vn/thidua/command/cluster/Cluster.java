package vn.thidua.command.cluster;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import vn.thidua.command.cluster.ClusterCommands.AdmitUnit;
import vn.thidua.command.cluster.ClusterCommands.AmendClusterRules;
import vn.thidua.command.cluster.ClusterCommands.DissolveCluster;
import vn.thidua.command.cluster.ClusterCommands.MergeClusters;
import vn.thidua.command.cluster.ClusterCommands.SetRotationRoster;
import vn.thidua.command.cluster.ClusterCommands.TransferUnit;
import vn.thidua.command.cluster.ClusterCommands.FormCluster;
import vn.thidua.command.cluster.ClusterCommands.MergeUnits;
import vn.thidua.command.cluster.ClusterCommands.WithdrawUnit;
import vn.thidua.command.decisions.RescindClusterDecision;
import vn.thidua.command.leadership.ElectOfficer;
import vn.thidua.command.rules.ActDating;
import vn.thidua.command.rules.BallotRules;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.year.EmulationYear;
import vn.thidua.command.year.YearsUnderWay;
import vn.thidua.command.year.YearCommands.OpenEmulationYear;
import vn.thidua.command.web.ExpectedVersionTargetResolver;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.Roster;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.time.ActDate;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.decisions.DecisionType;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;

/**
 * An emulation cluster (cụm thi đua): its member units, its rules and its elected officers. It also opens the
 * cluster's emulation years, because only it knows who the members are at that moment. Not cached: each decision
 * loads it as stored, one at a time per cluster ({@link OneDecisionPerCluster}), on whichever replica it runs.
 */
@Aggregate(commandTargetResolver = ExpectedVersionTargetResolver.BEAN)
public class Cluster {

    @AggregateIdentifier
    private String clusterId;
    /** The rules adopted at formation, then each amendment by the first year it is in force. */
    private ClusterRules rules;
    private final TreeMap<Integer, ClusterRules> amendedRules = new TreeMap<>();
    private boolean dissolved;
    private LocalDate formedOn;
    private final Map<String, MemberUnit> members = new LinkedHashMap<>();
    /** The order the head's office rotates in: as units (last) joined, or as the council set it, see {@link Roster}. */
    private final List<String> roster = new ArrayList<>();
    private final Set<String> everKnownUnits = new HashSet<>();
    private final Set<String> mergedAway = new HashSet<>();
    private final Map<Term, Officer> officers = new HashMap<>();
    private final Map<String, DecisionType> decisionTypes = new HashMap<>();
    private final Set<String> rescinded = new HashSet<>();

    private record Term(int termYear, Office office) {
    }

    private record Officer(String decisionId, String unitId) {
    }

    protected Cluster() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Cluster(FormCluster command, MetaData metaData) {
        // A cluster may be formed on any past day (a cluster brought in from the archive), never a future one.
        ActDating.of(metaData, null, null, true);
        requireDistinct(command.members().stream().map(MemberUnit::unitId).toList());
        ClusterRules adopted = command.rules() == null ? ClusterRules.defaults() : command.rules();
        Rule.RULES_IMPROPER.require(adopted.isProper());
        apply(new ClusterFormed(command.clusterId(), command.decisionId(), command.name(), command.sector(),
                List.copyOf(command.members()), adopted));
    }

    /** A unit admitted while a year is under way takes part from the next one (see {@link YearsUnderWay}). */
    @CommandHandler
    public long handle(AdmitUnit command, MetaData metaData, YearsUnderWay yearsUnderWay) {
        actDate(metaData);
        requireNewcomer(command.unit().unitId());
        yearsUnderWay.memberAdmitted(clusterId, command.unit());
        apply(new UnitAdmitted(clusterId, command.decisionId(), command.unit(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** A unit withdrawn while a year is under way stops taking part in it. */
    @CommandHandler
    public long handle(WithdrawUnit command, MetaData metaData, YearsUnderWay yearsUnderWay) {
        actDate(metaData);
        Rule.UNIT_NOT_FOUND.require(everKnownUnits.contains(command.unitId()), command.unitId());
        requireMember(command.unitId());
        yearsUnderWay.participantLeaves(clusterId, command.unitId(), ParticipationEnded.Cause.WITHDRAWN, null, null);
        apply(new UnitWithdrawn(clusterId, command.decisionId(), command.unitId(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** In a year under way the successor takes its predecessors' place. */
    @CommandHandler
    public long handle(MergeUnits command, MetaData metaData, YearsUnderWay yearsUnderWay) {
        actDate(metaData);
        requireDistinct(command.mergedUnitIds());
        Rule.MERGER_TOO_SMALL.require(command.mergedUnitIds().size() >= 2);
        command.mergedUnitIds().forEach(this::requireMember);
        String successorId = command.successor().unitId();
        boolean successorTakesOverAMergedId = command.mergedUnitIds().contains(successorId);
        Rule.ALREADY_A_MEMBER.require(successorTakesOverAMergedId || !members.containsKey(successorId), successorId);
        Rule.UNIT_MERGED.require(!mergedAway.contains(successorId), successorId);
        command.mergedUnitIds().stream().filter(unitId -> !unitId.equals(successorId))
                .forEach(unitId -> yearsUnderWay.participantLeaves(clusterId, unitId,
                        ParticipationEnded.Cause.MERGED, successorId, null));
        yearsUnderWay.unitJoins(clusterId, command.successor(), ParticipationBegan.Cause.MERGER_SUCCESSOR,
                command.mergedUnitIds(), null);
        apply(new UnitsMerged(clusterId, command.decisionId(), List.copyOf(command.mergedUnitIds()),
                command.successor(), command.effectiveDate(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** ElectClusterHead and its deputy counterpart: one holder per office and term, the head rotates. */
    @CommandHandler
    public long handle(ElectOfficer command, MetaData metaData) {
        actDate(metaData);
        String unitId = command.unitId();
        int termYear = command.termYear();
        requireMember(unitId);
        Officer holder = officers.get(new Term(termYear, command.office()));
        Rule.OFFICE_ALREADY_FILLED.require(holder == null, command.office(), termYear,
                holder == null ? null : holder.unitId());
        Office otherOffice = command.office() == Office.HEAD ? Office.DEPUTY : Office.HEAD;
        Officer other = officers.get(new Term(termYear, otherOffice));
        Rule.HEAD_AND_DEPUTY_SAME_UNIT.require(other == null || !other.unitId().equals(unitId), unitId, termYear);
        ClusterRules termRules = rulesFor(termYear);
        String outOfRotationReason = command.office() == Office.HEAD
                ? requireHeadSelection(command, termRules.headSelectionInForce()) : null;
        BallotRules.requireCarried(command.ballot(), members.size(),
                termRules.voteFor(BallotKind.of(command.office())));
        apply(command.office() == Office.HEAD
                ? new ClusterHeadElected(clusterId, command.decisionId(), termYear, unitId, command.ballot(),
                command.minutesRef(), outOfRotationReason)
                : new DeputyHeadElected(clusterId, command.decisionId(), termYear, unitId, command.ballot(),
                command.minutesRef()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * The head's election as the cluster's rules choose it (see {@link HeadSelection}); returns the reason recorded
     * for electing another than the next in rotation, if that is what the vote did.
     */
    private String requireHeadSelection(ElectOfficer command, HeadSelection selection) {
        String unitId = command.unitId();
        switch (selection) {
            case NOT_TWICE_RUNNING -> {
                Officer lastTerm = officers.get(new Term(command.termYear() - 1, Office.HEAD));
                Rule.ROTATION_BROKEN.require(lastTerm == null || !lastTerm.unitId().equals(unitId), unitId,
                        command.termYear() - 1);
            }
            case ROTATION -> {
                String next = Roster.next(roster, members.keySet(), headBefore(command.termYear())).orElse(unitId);
                if (!next.equals(unitId)) {
                    Rule.NOT_NEXT_IN_ROTATION.require(command.reason() != null && !command.reason().isBlank(),
                            next, unitId);
                    return command.reason().strip();
                }
            }
            case FREE -> {
                // the vote alone decides
            }
        }
        return null;
    }

    @CommandHandler
    public long handle(RescindClusterDecision command, MetaData metaData) {
        actDate(metaData);
        String target = command.rescindedDecisionId();
        DecisionType type = decisionTypes.get(target);
        Rule.DECISION_NOT_FOUND.require(type != null, target);
        Rule.ALREADY_RESCINDED.require(!rescinded.contains(target), target);
        Rule.NOT_RESCINDABLE.require(type == DecisionType.CLUSTER_HEAD_ELECTED
                || type == DecisionType.DEPUTY_HEAD_ELECTED, type.code());
        int termYear = officers.entrySet().stream()
                .filter(entry -> entry.getValue().decisionId().equals(target))
                .mapToInt(entry -> entry.getKey().termYear()).findFirst().orElseThrow();
        apply(new DecisionRescinded(clusterId, termYear, command.decisionId(), target, type.code(),
                command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** Opens the year with today's members as its participants; the year refuses a second opening itself. */
    @CommandHandler
    public long handle(OpenEmulationYear command, MetaData metaData) throws Exception {
        actDate(metaData);
        Rule.NO_MEMBERS.require(!members.isEmpty());
        requireDistinctCriteria(command.scoringTable().criteria());
        EmulationYearOpened opened = new EmulationYearOpened(clusterId, command.year(), command.decisionId(),
                command.scoringTable(), List.copyOf(command.pledgeTargets()), command.pledgeDeadline(),
                command.reportDeadline(), List.copyOf(members.values()), rulesFor(command.year()));
        return createNew(EmulationYear.class, () -> new EmulationYear(opened)).version();
    }

    /**
     * The council amends the rules from a year on: not for a year already run under the rules in force (opened, or
     * with a term already elected), since what was decided under them keeps its meaning.
     */
    @CommandHandler
    public long handle(AmendClusterRules command, MetaData metaData, ClusterYears years) {
        actDate(metaData);
        Rule.RULES_IMPROPER.require(command.rules().isProper());
        years.latestOpened(clusterId).ifPresent(opened -> Rule.RULES_ALREADY_APPLIED.require(
                opened < command.effectiveFromYear(), opened, DecisionType.EMULATION_YEAR_OPENED.code()));
        officers.keySet().stream().max(Comparator.comparingInt(Term::termYear))
                .filter(latest -> latest.termYear() >= command.effectiveFromYear())
                .ifPresent(latest -> {
                    throw Rule.RULES_ALREADY_APPLIED.refuse(latest.termYear(), latest.office() == Office.HEAD
                            ? DecisionType.CLUSTER_HEAD_ELECTED.code() : DecisionType.DEPUTY_HEAD_ELECTED.code());
                });
        apply(new ClusterRulesAmended(clusterId, command.decisionId(), command.effectiveFromYear(), command.rules(),
                command.minutesRef(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** The roster lists every member once, only members: the office passes along it from the next election. */
    @CommandHandler
    public long handle(SetRotationRoster command, MetaData metaData) {
        actDate(metaData);
        requireDistinct(command.unitIds());
        command.unitIds().forEach(this::requireMember);
        List<String> missing = members.keySet().stream().filter(unitId -> !command.unitIds().contains(unitId))
                .toList();
        Rule.ROSTER_NOT_EVERY_MEMBER.require(missing.isEmpty(), String.join(", ", missing));
        apply(new RotationRosterSet(clusterId, command.decisionId(), List.copyOf(command.unitIds()),
                command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** A cluster is dissolved on its own only once its members have left, and only between years. */
    @CommandHandler
    public long handle(DissolveCluster command, MetaData metaData, ClusterYears years) {
        actDate(metaData);
        requireBetweenYears(years);
        Rule.MEMBERS_REMAIN.require(members.isEmpty(), members.size());
        apply(new ClusterDissolved(clusterId, command.decisionId(), null, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * The sending side of a transfer (see {@link Reorganisation}), also in the middle of a year (the July 2025
     * reorganisation was): the unit's acts of the year stay with this cluster, and it stops taking part here.
     */
    void transferOut(TransferUnit command, MetaData metaData, YearsUnderWay yearsUnderWay) {
        actDate(metaData);
        requireMember(command.unitId());
        yearsUnderWay.participantLeaves(clusterId, command.unitId(), ParticipationEnded.Cause.TRANSFERRED, null,
                command.toClusterId());
        apply(new UnitTransferredOut(clusterId, command.decisionId(), command.unitId(), command.toClusterId(),
                command.reason()));
    }

    /** The receiving side of a transfer: the unit as the sending cluster knew it, continuing its year here. */
    void transferIn(TransferUnit command, MemberUnit unit, String decisionId, MetaData metaData,
                    YearsUnderWay yearsUnderWay) {
        actDate(metaData);
        requireNewcomer(unit.unitId());
        yearsUnderWay.unitJoins(clusterId, unit, ParticipationBegan.Cause.TRANSFERRED_IN, List.of(),
                command.fromClusterId());
        apply(new UnitTransferredIn(clusterId, decisionId, unit, command.fromClusterId(), command.reason()));
    }

    /** The absorbed side of a merger: dissolves into the absorbing cluster and hands over its members. */
    List<MemberUnit> dissolveInto(MergeClusters command, String decisionId, MetaData metaData, ClusterYears years) {
        actDate(metaData);
        requireBetweenYears(years);
        List<MemberUnit> leaving = List.copyOf(members.values());
        apply(new ClusterDissolved(clusterId, decisionId, command.absorbingClusterId(), command.reason()));
        return leaving;
    }

    /** The absorbing side of a merger: takes every member of the absorbed cluster. */
    void absorb(MergeClusters command, List<MemberUnit> units, MetaData metaData, ClusterYears years) {
        actDate(metaData);
        requireBetweenYears(years);
        units.forEach(unit -> requireNewcomer(unit.unitId()));
        apply(new ClustersMerged(clusterId, command.decisionId(), command.absorbedClusterId(), units,
                command.reason()));
    }

    /** A member as this cluster knows it, for the other side of a transfer. */
    MemberUnit member(String unitId) {
        Rule.CLUSTER_DISSOLVED.require(!dissolved, clusterId);
        requireMember(unitId);
        return members.get(unitId);
    }

    /** The rules in force for a year or term: the latest amendment in force by then, else those of the formation. */
    private ClusterRules rulesFor(int year) {
        Map.Entry<Integer, ClusterRules> amended = amendedRules.floorEntry(year);
        return amended != null ? amended.getValue() : rules;
    }

    private void requireBetweenYears(ClusterYears years) {
        years.inProgress(clusterId).ifPresent(year -> {
            throw Rule.YEAR_IN_PROGRESS.refuse(clusterId, year);
        });
    }

    private void requireNewcomer(String unitId) {
        Rule.ALREADY_A_MEMBER.require(!members.containsKey(unitId), unitId);
        Rule.UNIT_MERGED.require(!mergedAway.contains(unitId), unitId);
    }

    /** The head of the latest term before {@code termYear} that has one, or null. */
    private String headBefore(int termYear) {
        return officers.entrySet().stream()
                .filter(entry -> entry.getKey().office() == Office.HEAD && entry.getKey().termYear() < termYear)
                .max(Comparator.comparingInt(entry -> entry.getKey().termYear()))
                .map(entry -> entry.getValue().unitId()).orElse(null);
    }

    /**
     * Acts of the cluster are dated no earlier than its formation, see {@link ActDating}; a dissolved cluster acts no
     * more.
     */
    private LocalDate actDate(MetaData metaData) {
        Rule.CLUSTER_DISSOLVED.require(!dissolved, clusterId);
        return ActDating.of(metaData, formedOn, Rule.OCCURRED_BEFORE_FORMATION, false);
    }

    private void requireMember(String unitId) {
        Rule.UNIT_MERGED.require(!mergedAway.contains(unitId), unitId);
        Rule.NOT_A_MEMBER.require(members.containsKey(unitId), unitId);
    }

    private static void requireDistinct(List<String> unitIds) {
        Set<String> seen = new HashSet<>();
        unitIds.forEach(unitId -> Rule.DUPLICATE_UNIT.require(seen.add(unitId), unitId));
    }

    private static void requireDistinctCriteria(List<Criterion> criteria) {
        Set<String> seen = new HashSet<>();
        criteria.forEach(c -> Rule.DUPLICATE_CRITERION.require(seen.add(c.criterionId()), c.criterionId()));
    }

    @EventSourcingHandler
    void on(ClusterFormed event, MetaData metaData, @Timestamp Instant recordedAt) {
        clusterId = event.clusterId();
        formedOn = ActDate.of(metaData, recordedAt);
        rules = event.rules();
        event.members().forEach(this::join);
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(UnitAdmitted event) {
        join(event.unit());
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(UnitWithdrawn event) {
        members.remove(event.unitId());
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(UnitsMerged event) {
        event.mergedUnitIds().forEach(unitId -> {
            members.remove(unitId);
            mergedAway.add(unitId);
        });
        mergedAway.remove(event.successor().unitId());
        join(event.successor());
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(ClusterHeadElected event) {
        officers.put(new Term(event.termYear(), Office.HEAD), new Officer(event.decisionId(), event.unitId()));
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(DeputyHeadElected event) {
        officers.put(new Term(event.termYear(), Office.DEPUTY), new Officer(event.decisionId(), event.unitId()));
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(DecisionRescinded event) {
        rescinded.add(event.rescindedDecisionId());
        officers.values().removeIf(officer -> officer.decisionId().equals(event.rescindedDecisionId()));
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(ClusterRulesAmended event) {
        amendedRules.put(event.effectiveFromYear(), event.rules());
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(RotationRosterSet event) {
        roster.clear();
        roster.addAll(event.roster());
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(UnitTransferredOut event) {
        members.remove(event.unitId());
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(UnitTransferredIn event) {
        join(event.unit());
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(ClustersMerged event) {
        event.units().forEach(this::join);
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    @EventSourcingHandler
    void on(ClusterDissolved event) {
        dissolved = true;
        members.clear();
        decisionTypes.put(event.decisionId(), DecisionType.of(event));
    }

    private void join(MemberUnit unit) {
        roster.remove(unit.unitId());
        roster.add(unit.unitId());
        members.put(unit.unitId(), unit);
        everKnownUnits.add(unit.unitId());
    }
}
