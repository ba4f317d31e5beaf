package vn.thidua.command.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;
import static vn.thidua.command.SeedCluster.MEMBERS;
import static vn.thidua.command.SeedCluster.NAME;
import static vn.thidua.command.SeedCluster.PLEDGE;
import static vn.thidua.command.SeedCluster.PLEDGE_DEADLINE_2017;
import static vn.thidua.command.SeedCluster.REPORT_DEADLINE_2017;
import static vn.thidua.command.SeedCluster.RULES;
import static vn.thidua.command.SeedCluster.SCORING_TABLE;
import static vn.thidua.command.SeedCluster.SECTOR;
import static vn.thidua.command.rules.Refusals.refusedBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import vn.thidua.command.cluster.ClusterCommands.AdmitUnit;
import vn.thidua.command.cluster.ClusterCommands.AmendClusterRules;
import vn.thidua.command.cluster.ClusterCommands.DissolveCluster;
import vn.thidua.command.cluster.ClusterCommands.SetRotationRoster;
import vn.thidua.command.cluster.ClusterCommands.FormCluster;
import vn.thidua.command.cluster.ClusterCommands.MergeUnits;
import vn.thidua.command.cluster.ClusterCommands.WithdrawUnit;
import vn.thidua.command.decisions.RescindClusterDecision;
import vn.thidua.command.leadership.ElectOfficer;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.year.EmulationYear;
import vn.thidua.command.year.YearsUnderWay;
import vn.thidua.command.year.YearCommands.OpenEmulationYear;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.MajorityBasis;
import vn.thidua.events.ballot.VoteRule;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.cluster.FlagCap;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.ScoringTable;

class ClusterTest {

    private static final Ballot UNANIMOUS = new Ballot(14, 14, 14, 0, 0);
    private static final ClusterFormed FORMED =
            new ClusterFormed(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS, RULES);
    private static final MemberUnit HA_NOI = new MemberUnit("btc-ha-noi", "Ban Tổ chức Thành ủy Hà Nội", "Hà Nội");

    private AggregateTestFixture<Cluster> fixture;
    private final KnownYears years = new KnownYears();
    /** Where the years that the cluster opens are stored: the fixture's own store takes only cluster events. */
    private EventStore yearStore;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cluster.class);
        fixture.registerInjectableResource(years);
        yearStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Repository<EmulationYear> years = EventSourcingRepository.builder(EmulationYear.class)
                .eventStore(yearStore).build();
        fixture.registerInjectableResource(new YearsUnderWay(years, this.years));
        fixture.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == EmulationYear.class ? (Repository<T>) years : null;
            }
        });
    }

    private static ElectOfficer elect(int termYear, Office office, String unitId, Ballot ballot) {
        return new ElectOfficer(CLUSTER_ID, "d-" + office + "-" + termYear, termYear, office, unitId, ballot, "BB-1",
                null);
    }

    private static ClusterHeadElected headElected(int termYear, String unitId) {
        return new ClusterHeadElected(CLUSTER_ID, "d-HEAD-" + termYear, termYear, unitId, UNANIMOUS, "BB-1");
    }

    @Nested
    class Forming {

        @Test
        void formsTheClusterWithItsMembersAndDefaultRules() {
            fixture.givenNoPriorActivity()
                    .when(new FormCluster(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS, null))
                    .expectEvents(FORMED);
        }

        @Test
        void refusesAUnitListedTwice() {
            List<MemberUnit> twice = new ArrayList<>(MEMBERS);
            twice.add(MEMBERS.get(0));
            fixture.givenNoPriorActivity()
                    .when(new FormCluster(CLUSTER_ID, "d-formed", NAME, SECTOR, twice, null))
                    .expectException(refusedBy(Rule.DUPLICATE_UNIT))
                    .expectNoEvents();
        }

        @Test
        void refusesAQuorumAboveOneOrAMajorityOfOne() {
            fixture.givenNoPriorActivity()
                    .when(new FormCluster(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS,
                            new ClusterRules(4, 3, 1, 2, true, 20)))
                    .expectException(refusedBy(Rule.RULES_IMPROPER))
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new FormCluster(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS,
                            new ClusterRules(2, 3, 2, 2, true, 20)))
                    .expectException(refusedBy(Rule.RULES_IMPROPER))
                    .expectNoEvents();
        }
    }

    @Nested
    class Membership {

        @Test
        void admitsANewUnit() {
            fixture.given(FORMED)
                    .when(new AdmitUnit(CLUSTER_ID, "d-admit", HA_NOI, "Quyết định của Hội đồng"))
                    .expectEvents(new UnitAdmitted(CLUSTER_ID, "d-admit", HA_NOI, "Quyết định của Hội đồng"))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void refusesToAdmitAMemberTwice() {
            fixture.given(FORMED)
                    .when(new AdmitUnit(CLUSTER_ID, "d-admit", MEMBERS.get(3), "lần hai"))
                    .expectException(refusedBy(Rule.ALREADY_A_MEMBER))
                    .expectNoEvents();
        }

        @Test
        void withdrawsAMember() {
            fixture.given(FORMED)
                    .when(new WithdrawUnit(CLUSTER_ID, "d-out", BAC_GIANG, "Điều chỉnh cụm"))
                    .expectEvents(new UnitWithdrawn(CLUSTER_ID, "d-out", BAC_GIANG, "Điều chỉnh cụm"));
        }

        @Test
        void refusesToWithdrawAnUnknownUnit() {
            fixture.given(FORMED)
                    .when(new WithdrawUnit(CLUSTER_ID, "d-out", "btc-khong-co", "?"))
                    .expectException(refusedBy(Rule.UNIT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToWithdrawAUnitTwice() {
            fixture.given(FORMED, new UnitWithdrawn(CLUSTER_ID, "d-out", BAC_GIANG, "Điều chỉnh cụm"))
                    .when(new WithdrawUnit(CLUSTER_ID, "d-out-2", BAC_GIANG, "lần hai"))
                    .expectException(refusedBy(Rule.NOT_A_MEMBER))
                    .expectNoEvents();
        }

        @Test
        void readmitsAWithdrawnUnit() {
            fixture.given(FORMED, new UnitWithdrawn(CLUSTER_ID, "d-out", BAC_GIANG, "Điều chỉnh cụm"))
                    .when(new AdmitUnit(CLUSTER_ID, "d-back", MEMBERS.get(0), "Trở lại cụm"))
                    .expectEvents(new UnitAdmitted(CLUSTER_ID, "d-back", MEMBERS.get(0), "Trở lại cụm"));
        }
    }

    @Nested
    class Mergers {

        private final MemberUnit bacNinhMerged = new MemberUnit("btc-bac-ninh", "Ban Tổ chức Tỉnh ủy Bắc Ninh",
                "Bắc Ninh");
        private final UnitsMerged bacGiangIntoBacNinh = new UnitsMerged(CLUSTER_ID, "d-merge",
                List.of(BAC_GIANG, "btc-bac-ninh"), bacNinhMerged, LocalDate.of(2025, 7, 1), "Sắp xếp đơn vị hành chính");

        @Test
        void mergesUnitsIntoASuccessorThatMayKeepOneOfTheirIds() {
            fixture.given(FORMED)
                    .when(new MergeUnits(CLUSTER_ID, "d-merge", List.of(BAC_GIANG, "btc-bac-ninh"), bacNinhMerged,
                            LocalDate.of(2025, 7, 1), "Sắp xếp đơn vị hành chính"))
                    .expectEvents(bacGiangIntoBacNinh);
        }

        @Test
        void aMergedUnitNoLongerActsAndCannotReturn() {
            fixture.given(FORMED, bacGiangIntoBacNinh)
                    .when(new AdmitUnit(CLUSTER_ID, "d-back", MEMBERS.get(0), "?"))
                    .expectException(refusedBy(Rule.UNIT_MERGED))
                    .expectNoEvents();
            fixture.given(FORMED, bacGiangIntoBacNinh)
                    .when(elect(2026, Office.HEAD, BAC_GIANG, new Ballot(13, 13, 13, 0, 0)))
                    .expectException(refusedBy(Rule.UNIT_MERGED));
        }

        @Test
        void theSuccessorIsAMemberAndTheCountShrinks() {
            fixture.given(FORMED, bacGiangIntoBacNinh)
                    .when(elect(2026, Office.HEAD, "btc-bac-ninh", new Ballot(13, 13, 13, 0, 0)))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesToMergeANonMember() {
            fixture.given(FORMED)
                    .when(new MergeUnits(CLUSTER_ID, "d-merge", List.of(BAC_GIANG, "btc-ha-noi"), bacNinhMerged,
                            LocalDate.of(2025, 7, 1), "?"))
                    .expectException(refusedBy(Rule.NOT_A_MEMBER))
                    .expectNoEvents();
        }

        @Test
        void refusesASuccessorThatIsAnotherActiveMember() {
            fixture.given(FORMED)
                    .when(new MergeUnits(CLUSTER_ID, "d-merge", List.of(BAC_GIANG, "btc-bac-ninh"), MEMBERS.get(5),
                            LocalDate.of(2025, 7, 1), "?"))
                    .expectException(refusedBy(Rule.ALREADY_A_MEMBER))
                    .expectNoEvents();
        }

        @Test
        void refusesAMergerOfOneUnit() {
            fixture.given(FORMED)
                    .when(new MergeUnits(CLUSTER_ID, "d-merge", List.of(BAC_GIANG), HA_NOI,
                            LocalDate.of(2025, 7, 1), "?"))
                    .expectException(refusedBy(Rule.MERGER_TOO_SMALL))
                    .expectNoEvents();
        }
    }

    @Nested
    class Elections {

        @Test
        void electsTheBacGiangBoardHeadFor2018() {
            fixture.given(FORMED)
                    .when(elect(2018, Office.HEAD, BAC_GIANG, UNANIMOUS))
                    .expectEvents(headElected(2018, BAC_GIANG))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void electsADeputy() {
            fixture.given(FORMED, headElected(2018, BAC_GIANG))
                    .when(elect(2018, Office.DEPUTY, "btc-hung-yen", UNANIMOUS))
                    .expectEvents(new DeputyHeadElected(CLUSTER_ID, "d-DEPUTY-2018", 2018, "btc-hung-yen",
                            UNANIMOUS, "BB-1"));
        }

        @Test
        void anElectionEnteredLaterKeepsTheDayOfTheConference() {
            fixture.givenCurrentTime(java.time.Instant.parse("2017-01-05T02:00:00Z")).andGiven(FORMED)
                    .andGivenCurrentTime(java.time.Instant.parse("2018-01-03T02:00:00Z"))
                    .when(elect(2018, Office.HEAD, BAC_GIANG, UNANIMOUS),
                            java.util.Map.of(vn.thidua.events.time.ActDate.OCCURRED_ON, "2017-12-28"))
                    .expectEvents(headElected(2018, BAC_GIANG));
        }

        @Test
        void refusesAnElectionDatedBeforeTheClusterWasFormed() {
            fixture.givenCurrentTime(java.time.Instant.parse("2017-01-05T02:00:00Z")).andGiven(FORMED)
                    .andGivenCurrentTime(java.time.Instant.parse("2018-01-03T02:00:00Z"))
                    .when(elect(2018, Office.HEAD, BAC_GIANG, UNANIMOUS),
                            java.util.Map.of(vn.thidua.events.time.ActDate.OCCURRED_ON, "2016-12-31"))
                    .expectException(refusedBy(Rule.OCCURRED_BEFORE_FORMATION))
                    .expectNoEvents();
        }

        @Test
        void refusesANonMemberCandidate() {
            fixture.given(FORMED)
                    .when(elect(2018, Office.HEAD, "btc-ha-noi", UNANIMOUS))
                    .expectException(refusedBy(Rule.NOT_A_MEMBER))
                    .expectNoEvents();
        }

        @Test
        void refusesWithEightOfFourteenPresent() {
            fixture.given(FORMED)
                    .when(elect(2018, Office.HEAD, BAC_GIANG, new Ballot(14, 8, 8, 0, 0)))
                    .expectException(refusedBy(Rule.QUORUM_NOT_MET))
                    .expectNoEvents();
        }

        @Test
        void refusesWhenVotesForAreNotAboveHalfOfThosePresent() {
            fixture.given(FORMED)
                    .when(elect(2018, Office.HEAD, BAC_GIANG, new Ballot(14, 12, 6, 6, 0)))
                    .expectException(refusedBy(Rule.MAJORITY_NOT_REACHED))
                    .expectNoEvents();
        }

        @Test
        void refusesATallyThatDoesNotAddUp() {
            fixture.given(FORMED)
                    .when(elect(2018, Office.HEAD, BAC_GIANG, new Ballot(14, 12, 10, 2, 1)))
                    .expectException(refusedBy(Rule.BALLOT_INCONSISTENT))
                    .expectNoEvents();
        }

        @Test
        void refusesEligibleVotersOtherThanTheMembers() {
            fixture.given(FORMED)
                    .when(elect(2018, Office.HEAD, BAC_GIANG, new Ballot(10, 10, 10, 0, 0)))
                    .expectException(refusedBy(Rule.ELIGIBLE_VOTERS_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondHeadForTheSameTerm() {
            fixture.given(FORMED, headElected(2018, BAC_GIANG))
                    .when(elect(2018, Office.HEAD, "btc-hung-yen", UNANIMOUS))
                    .expectException(refusedBy(Rule.OFFICE_ALREADY_FILLED))
                    .expectNoEvents();
        }

        @Test
        void refusesThePreviousHeadAgain() {
            fixture.given(FORMED, headElected(2018, BAC_GIANG))
                    .when(elect(2019, Office.HEAD, BAC_GIANG, UNANIMOUS))
                    .expectException(refusedBy(Rule.ROTATION_BROKEN))
                    .expectNoEvents();
        }

        @Test
        void aClusterWithoutRotationMayReelectItsHead() {
            ClusterRules noRotation = new ClusterRules(2, 3, 1, 2, false, 20);
            fixture.given(new ClusterFormed(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS, noRotation),
                            headElected(2018, BAC_GIANG))
                    .when(elect(2019, Office.HEAD, BAC_GIANG, UNANIMOUS))
                    .expectEvents(headElected(2019, BAC_GIANG));
        }

        @Test
        void refusesTheHeadAsDeputyOfTheSameTerm() {
            fixture.given(FORMED, headElected(2018, BAC_GIANG))
                    .when(elect(2018, Office.DEPUTY, BAC_GIANG, UNANIMOUS))
                    .expectException(refusedBy(Rule.HEAD_AND_DEPUTY_SAME_UNIT))
                    .expectNoEvents();
        }
    }

    @Nested
    class Rescission {

        private final DecisionRescinded headRescinded = new DecisionRescinded(CLUSTER_ID, 2018, "d-undo",
                "d-HEAD-2018", "ClusterHeadElected", "Sai sót trong biên bản kiểm phiếu");

        @Test
        void rescindsAnElection() {
            fixture.given(FORMED, headElected(2018, BAC_GIANG))
                    .when(new RescindClusterDecision(CLUSTER_ID, "d-undo", "d-HEAD-2018",
                            "Sai sót trong biên bản kiểm phiếu"))
                    .expectEvents(headRescinded);
        }

        @Test
        void aRescindedOfficeCanBeFilledAgain() {
            fixture.given(FORMED, headElected(2018, BAC_GIANG), headRescinded)
                    .when(elect(2018, Office.HEAD, "btc-hung-yen", UNANIMOUS))
                    .expectEvents(headElected(2018, "btc-hung-yen"));
        }

        @Test
        void refusesToRescindTwice() {
            fixture.given(FORMED, headElected(2018, BAC_GIANG), headRescinded)
                    .when(new RescindClusterDecision(CLUSTER_ID, "d-undo-2", "d-HEAD-2018", "lần hai"))
                    .expectException(refusedBy(Rule.ALREADY_RESCINDED))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownDecision() {
            fixture.given(FORMED)
                    .when(new RescindClusterDecision(CLUSTER_ID, "d-undo", "d-none", "?"))
                    .expectException(refusedBy(Rule.DECISION_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void membershipIsCorrectedByANewDecisionNotByRescission() {
            fixture.given(FORMED)
                    .when(new RescindClusterDecision(CLUSTER_ID, "d-undo", "d-formed", "?"))
                    .expectException(refusedBy(Rule.NOT_RESCINDABLE))
                    .expectNoEvents();
        }
    }

    @Nested
    class OpeningAYear {

        @Test
        void opensTheYearWithTodaysMembersAsParticipants() {
            fixture.given(FORMED, new UnitWithdrawn(CLUSTER_ID, "d-out", BAC_GIANG, "Điều chỉnh cụm"))
                    .when(new OpenEmulationYear(CLUSTER_ID, 2017, "d-open", SCORING_TABLE, PLEDGE,
                            PLEDGE_DEADLINE_2017, REPORT_DEADLINE_2017))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
            assertThat(yearStore.readEvents(EmulationYear.idOf(CLUSTER_ID, 2017)).asStream()
                    .<Object>map(EventMessage::getPayload).toList())
                    .containsExactly(new EmulationYearOpened(CLUSTER_ID, 2017, "d-open", SCORING_TABLE, PLEDGE,
                            PLEDGE_DEADLINE_2017, REPORT_DEADLINE_2017, MEMBERS.subList(1, MEMBERS.size()), RULES));
        }

        @Test
        void refusesATableWithACriterionTwice() {
            Criterion twice = SCORING_TABLE.criteria().get(0);
            ScoringTable table = new ScoringTable(List.of(twice, twice), BigDecimal.ONE, BigDecimal.ONE);
            fixture.given(FORMED)
                    .when(new OpenEmulationYear(CLUSTER_ID, 2017, "d-open", table, PLEDGE,
                            PLEDGE_DEADLINE_2017, REPORT_DEADLINE_2017))
                    .expectException(refusedBy(Rule.DUPLICATE_CRITERION))
                    .expectNoEvents();
        }

        @Test
        void refusesAClusterWithoutMembers() {
            fixture.given(new ClusterFormed(CLUSTER_ID, "d-formed", NAME, SECTOR, List.of(MEMBERS.get(0)), RULES),
                            new UnitWithdrawn(CLUSTER_ID, "d-out", BAC_GIANG, "?"))
                    .when(new OpenEmulationYear(CLUSTER_ID, 2017, "d-open", SCORING_TABLE, PLEDGE,
                            PLEDGE_DEADLINE_2017, REPORT_DEADLINE_2017))
                    .expectException(refusedBy(Rule.NO_MEMBERS))
                    .expectNoEvents();
        }
    }
    /** The head chosen in rotation along the roster (the order members joined), by the cluster's own rules. */
    @Nested
    class Rotation {

        private static final String HUNG_YEN = "btc-hung-yen";
        private static final String HAI_DUONG = "btc-hai-duong";
        /** The ballot of thirteen members, once one has left. */
        private static final Ballot THIRTEEN = new Ballot(13, 13, 13, 0, 0);

        private ClusterFormed formedWith(HeadSelection selection) {
            return new ClusterFormed(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS,
                    new ClusterRules(2, 3, 1, 2, true, 20, selection));
        }

        private ElectOfficer electHead(int termYear, String unitId, String reason) {
            return new ElectOfficer(CLUSTER_ID, "d-HEAD-" + termYear, termYear, Office.HEAD, unitId, UNANIMOUS,
                    "BB-1", reason);
        }

        @Test
        void theFirstOnTheRosterIsConfirmedFirst() {
            fixture.given(formedWith(HeadSelection.ROTATION))
                    .when(electHead(2018, BAC_GIANG, null))
                    .expectEvents(headElected(2018, BAC_GIANG));
        }

        @Test
        void theOfficePassesToTheNextOnTheRoster() {
            fixture.given(formedWith(HeadSelection.ROTATION), headElected(2018, BAC_GIANG))
                    .when(electHead(2019, HUNG_YEN, null))
                    .expectEvents(headElected(2019, HUNG_YEN));
        }

        @Test
        void anotherThanTheNextNeedsAReason() {
            fixture.given(formedWith(HeadSelection.ROTATION), headElected(2018, BAC_GIANG))
                    .when(electHead(2019, HAI_DUONG, " "))
                    .expectException(refusedBy(Rule.NOT_NEXT_IN_ROTATION))
                    .expectNoEvents();
        }

        @Test
        void theReasonForElectingAnotherIsRecordedWithTheDecision() {
            fixture.given(formedWith(HeadSelection.ROTATION), headElected(2018, BAC_GIANG))
                    .when(electHead(2019, HAI_DUONG, "Ban Tổ chức Tỉnh ủy Hưng Yên đang kiện toàn lãnh đạo"))
                    .expectEvents(new ClusterHeadElected(CLUSTER_ID, "d-HEAD-2019", 2019, HAI_DUONG, UNANIMOUS,
                            "BB-1", "Ban Tổ chức Tỉnh ủy Hưng Yên đang kiện toàn lãnh đạo"));
        }

        @Test
        void aWithdrawnMemberIsPassedOver() {
            fixture.given(formedWith(HeadSelection.ROTATION), headElected(2018, BAC_GIANG),
                            new UnitWithdrawn(CLUSTER_ID, "d-out", HUNG_YEN, "Điều chỉnh cụm"))
                    .when(new ElectOfficer(CLUSTER_ID, "d-HEAD-2019", 2019, Office.HEAD, HAI_DUONG, THIRTEEN, "BB-1",
                            null))
                    .expectEvents(new ClusterHeadElected(CLUSTER_ID, "d-HEAD-2019", 2019, HAI_DUONG, THIRTEEN,
                            "BB-1"));
        }

        /** The council's roster: Hải Dương first, then Bắc Giang, then the others as they joined. */
        private RotationRosterSet councilsRoster() {
            List<String> order = new ArrayList<>(List.of(HAI_DUONG, BAC_GIANG));
            MEMBERS.stream().map(MemberUnit::unitId).filter(unitId -> !order.contains(unitId)).forEach(order::add);
            return new RotationRosterSet(CLUSTER_ID, "d-roster", order, "Thứ tự theo quy chế của cụm");
        }

        @Test
        void theCouncilSetsTheRosterWithEveryMemberOnce() {
            RotationRosterSet roster = councilsRoster();
            fixture.given(formedWith(HeadSelection.ROTATION))
                    .when(new SetRotationRoster(CLUSTER_ID, "d-roster", roster.roster(), roster.reason()))
                    .expectEvents(roster);
        }

        @Test
        void theOfficePassesAlongTheCouncilsRoster() {
            fixture.given(formedWith(HeadSelection.ROTATION), councilsRoster())
                    .when(electHead(2018, HAI_DUONG, null))
                    .expectEvents(headElected(2018, HAI_DUONG));
            fixture.given(formedWith(HeadSelection.ROTATION), councilsRoster(), headElected(2018, HAI_DUONG))
                    .when(electHead(2019, HUNG_YEN, null))
                    .expectException(refusedBy(Rule.NOT_NEXT_IN_ROTATION))
                    .expectNoEvents();
        }

        @Test
        void refusesARosterThatLeavesAMemberOutOrNamesAnother() {
            List<String> withoutOne = councilsRoster().roster().subList(1, MEMBERS.size());
            fixture.given(formedWith(HeadSelection.ROTATION))
                    .when(new SetRotationRoster(CLUSTER_ID, "d-roster", withoutOne, "?"))
                    .expectException(refusedBy(Rule.ROSTER_NOT_EVERY_MEMBER))
                    .expectNoEvents();
            List<String> withAStranger = new ArrayList<>(councilsRoster().roster());
            withAStranger.add(HA_NOI.unitId());
            fixture.given(formedWith(HeadSelection.ROTATION))
                    .when(new SetRotationRoster(CLUSTER_ID, "d-roster", withAStranger, "?"))
                    .expectException(refusedBy(Rule.NOT_A_MEMBER))
                    .expectNoEvents();
            List<String> twice = new ArrayList<>(councilsRoster().roster());
            twice.add(BAC_GIANG);
            fixture.given(formedWith(HeadSelection.ROTATION))
                    .when(new SetRotationRoster(CLUSTER_ID, "d-roster", twice, "?"))
                    .expectException(refusedBy(Rule.DUPLICATE_UNIT))
                    .expectNoEvents();
        }

        @Test
        void aFreeVoteMayReElectTheHead() {
            fixture.given(formedWith(HeadSelection.FREE), headElected(2018, BAC_GIANG))
                    .when(electHead(2019, BAC_GIANG, null))
                    .expectEvents(headElected(2019, BAC_GIANG));
        }

        @Test
        void rulesAdoptedBeforeTheChoiceKeepTheirMeaning() {
            fixture.given(new ClusterFormed(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS,
                            new ClusterRules(2, 3, 1, 2, true, 20)), headElected(2018, BAC_GIANG))
                    .when(electHead(2019, BAC_GIANG, null))
                    .expectException(refusedBy(Rule.ROTATION_BROKEN));
            fixture.given(new ClusterFormed(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS,
                            new ClusterRules(2, 3, 1, 2, false, 20)), headElected(2018, BAC_GIANG))
                    .when(electHead(2019, BAC_GIANG, null))
                    .expectEvents(headElected(2019, BAC_GIANG));
        }
    }

    /**
     * A change of membership while 2017 is under way is told to the year in the same command: admitted too late to
     * take part, withdrawn, merged into a successor who takes the predecessors' place.
     */
    @Nested
    class MembershipThroughTheYear {

        private static final EmulationYearOpened OPENED_2017 = new EmulationYearOpened(CLUSTER_ID, 2017, "d-open",
                SCORING_TABLE, PLEDGE, PLEDGE_DEADLINE_2017, REPORT_DEADLINE_2017, MEMBERS, RULES);

        @BeforeEach
        void yearUnderWay() {
            yearStore.publish(new GenericDomainEventMessage<>("EmulationYear", EmulationYear.idOf(CLUSTER_ID, 2017),
                    0, OPENED_2017));
            years.inProgress = 2017;
        }

        private List<Object> yearEvents() {
            return yearStore.readEvents(EmulationYear.idOf(CLUSTER_ID, 2017)).asStream()
                    .<Object>map(EventMessage::getPayload).skip(1).toList();
        }

        @Test
        void aUnitAdmittedDuringTheYearIsNotedAsTakingPartFromTheNext() {
            fixture.given(FORMED).when(new AdmitUnit(CLUSTER_ID, "d-admit", HA_NOI, "Quyết định của Hội đồng"))
                    .expectEvents(new UnitAdmitted(CLUSTER_ID, "d-admit", HA_NOI, "Quyết định của Hội đồng"));
            assertThat(yearEvents()).containsExactly(new MemberAdmittedDuringYear(CLUSTER_ID, 2017, HA_NOI));
        }

        @Test
        void aUnitWithdrawnDuringTheYearStopsTakingPart() {
            fixture.given(FORMED).when(new WithdrawUnit(CLUSTER_ID, "d-out", BAC_GIANG, "Điều chỉnh cụm"))
                    .expectEvents(new UnitWithdrawn(CLUSTER_ID, "d-out", BAC_GIANG, "Điều chỉnh cụm"));
            assertThat(yearEvents()).containsExactly(new ParticipationEnded(CLUSTER_ID, 2017, BAC_GIANG,
                    ParticipationEnded.Cause.WITHDRAWN, null, null));
        }

        @Test
        void aMergersSuccessorTakesItsPredecessorsPlace() {
            List<String> merged = List.of(BAC_GIANG, MEMBERS.get(1).unitId());
            fixture.given(FORMED).when(new MergeUnits(CLUSTER_ID, "d-merge", merged, HA_NOI,
                            LocalDate.of(2017, 7, 1), "Sắp xếp"))
                    .expectSuccessfulHandlerExecution();
            assertThat(yearEvents()).containsExactly(
                    new ParticipationEnded(CLUSTER_ID, 2017, BAC_GIANG, ParticipationEnded.Cause.MERGED,
                            HA_NOI.unitId(), null),
                    new ParticipationEnded(CLUSTER_ID, 2017, merged.get(1), ParticipationEnded.Cause.MERGED,
                            HA_NOI.unitId(), null),
                    new ParticipationBegan(CLUSTER_ID, 2017, HA_NOI, ParticipationBegan.Cause.MERGER_SUCCESSOR,
                            merged, null));
        }

        @Test
        void aRefusedDecisionTellsTheYearNothing() {
            fixture.given(FORMED).when(new WithdrawUnit(CLUSTER_ID, "d-out", "btc-khong-co", "?"))
                    .expectException(refusedBy(Rule.UNIT_NOT_FOUND));
            assertThat(yearEvents()).isEmpty();
        }
    }

    /** The years the cluster has opened, as the directory would answer. */
    static final class KnownYears implements ClusterYears {

        private Integer latestOpened;
        private Integer inProgress;

        @Override
        public boolean opened(String clusterId, int year) {
            return latestOpened != null && latestOpened >= year;
        }

        @Override
        public List<Integer> yearsInProgress(String clusterId) {
            return inProgress == null ? List.of() : List.of(inProgress);
        }

        @Override
        public OptionalInt latestOpened(String clusterId) {
            return latestOpened == null ? OptionalInt.empty() : OptionalInt.of(latestOpened);
        }

    }

    /** Each kind of ballot needs the vote the rules in force for its year set. */
    @Nested
    class VotesPerKind {

        /** The head by more than half of all members, the deputy by at least two thirds of those present. */
        private static final ClusterRules OWN_VOTES = new ClusterRules(2, 3, 1, 2, true, 20,
                HeadSelection.NOT_TWICE_RUNNING, Map.of(
                BallotKind.HEAD, new VoteRule(2, 3, MajorityBasis.MEMBERS, 1, 2, true),
                BallotKind.DEPUTY, new VoteRule(2, 3, MajorityBasis.PRESENT, 2, 3, false)), null);
        private static final Ballot SEVEN_OF_TEN_PRESENT = new Ballot(14, 10, 7, 3, 0);

        private ClusterFormed formedUnder(ClusterRules rules) {
            return new ClusterFormed(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS, rules);
        }

        @Test
        void theHeadCountedAgainstAllMembersNeedsMoreThanHalfOfThem() {
            fixture.given(formedUnder(ClusterRules.defaults()))
                    .when(elect(2018, Office.HEAD, BAC_GIANG, SEVEN_OF_TEN_PRESENT))
                    .expectSuccessfulHandlerExecution();
            fixture.given(formedUnder(OWN_VOTES))
                    .when(elect(2018, Office.HEAD, BAC_GIANG, SEVEN_OF_TEN_PRESENT))
                    .expectException(refusedBy(Rule.MAJORITY_NOT_REACHED))
                    .expectNoEvents();
        }

        @Test
        void theDeputyAtLeastTwoThirdsIsMetByExactlyTwoThirds() {
            fixture.given(formedUnder(OWN_VOTES))
                    .when(elect(2018, Office.DEPUTY, BAC_GIANG, new Ballot(14, 12, 8, 4, 0)))
                    .expectSuccessfulHandlerExecution();
            fixture.given(formedUnder(OWN_VOTES))
                    .when(elect(2018, Office.DEPUTY, BAC_GIANG, new Ballot(14, 12, 7, 5, 0)))
                    .expectException(refusedBy(Rule.MAJORITY_NOT_REACHED))
                    .expectNoEvents();
        }

        @Test
        void refusesRulesThatCannotBeMet() {
            ClusterRules unreachable = new ClusterRules(2, 3, 1, 2, true, 20, HeadSelection.FREE,
                    Map.of(BallotKind.EMULATION_FLAG, new VoteRule(2, 3, MajorityBasis.PRESENT, 1, 1, true)), null);
            ClusterRules noFlag = new ClusterRules(2, 3, 1, 2, true, 20, HeadSelection.FREE, null,
                    new FlagCap(1, 10));
            for (ClusterRules improper : List.of(unreachable, noFlag)) {
                fixture.givenNoPriorActivity()
                        .when(new FormCluster(CLUSTER_ID, "d-formed", NAME, SECTOR, MEMBERS, improper))
                        .expectException(refusedBy(Rule.RULES_IMPROPER))
                        .expectNoEvents();
            }
        }
    }

    /** The council amends the rules from a year on; what was decided under the old ones keeps its meaning. */
    @Nested
    class Amendment {

        private static final ClusterRules STRICT = new ClusterRules(3, 4, 1, 2, true, 20, HeadSelection.ROTATION,
                Map.of(BallotKind.HEAD, new VoteRule(3, 4, MajorityBasis.MEMBERS, 1, 2, true)), FlagCap.count(1));

        private static AmendClusterRules amend(int fromYear, ClusterRules rules) {
            return new AmendClusterRules(CLUSTER_ID, "d-rules-" + fromYear, fromYear, rules, "BB-HĐ-3",
                    "Quy chế mới của cụm");
        }

        private static ClusterRulesAmended amended(int fromYear, ClusterRules rules) {
            return new ClusterRulesAmended(CLUSTER_ID, "d-rules-" + fromYear, fromYear, rules, "BB-HĐ-3",
                    "Quy chế mới của cụm");
        }

        @Test
        void amendsFromAYearNotYetOpened() {
            years.latestOpened = 2018;
            fixture.given(FORMED).when(amend(2019, STRICT)).expectEvents(amended(2019, STRICT));
        }

        @Test
        void refusesAYearAlreadyOpened() {
            years.latestOpened = 2019;
            fixture.given(FORMED).when(amend(2019, STRICT))
                    .expectException(refusedBy(Rule.RULES_ALREADY_APPLIED))
                    .expectNoEvents();
        }

        @Test
        void refusesATermAlreadyElected() {
            fixture.given(FORMED, headElected(2019, BAC_GIANG)).when(amend(2019, STRICT))
                    .expectException(refusedBy(Rule.RULES_ALREADY_APPLIED))
                    .expectNoEvents();
        }

        @Test
        void refusesRulesThatCannotBeMet() {
            fixture.given(FORMED).when(amend(2019, new ClusterRules(2, 3, 1, 1, true, 20)))
                    .expectException(refusedBy(Rule.RULES_IMPROPER))
                    .expectNoEvents();
        }

        @Test
        void electionsFromTheEffectiveYearFollowTheAmendedRules() {
            Ballot tenOfFourteenPresent = new Ballot(14, 10, 8, 2, 0);
            fixture.given(FORMED, amended(2019, STRICT))
                    .when(elect(2018, Office.HEAD, BAC_GIANG, tenOfFourteenPresent))
                    .expectSuccessfulHandlerExecution();
            fixture.given(FORMED, amended(2019, STRICT))
                    .when(elect(2019, Office.HEAD, BAC_GIANG, tenOfFourteenPresent))
                    .expectException(refusedBy(Rule.QUORUM_NOT_MET))
                    .expectNoEvents();
        }

        @Test
        void aYearOpenedFromTheEffectiveYearIsRunUnderTheAmendedRules() {
            fixture.given(FORMED, amended(2019, STRICT))
                    .when(new OpenEmulationYear(CLUSTER_ID, 2019, "d-open", SCORING_TABLE, PLEDGE,
                            PLEDGE_DEADLINE_2017.plusYears(2), REPORT_DEADLINE_2017.plusYears(2)))
                    .expectSuccessfulHandlerExecution();
            fixture.given(FORMED, amended(2019, STRICT))
                    .when(new OpenEmulationYear(CLUSTER_ID, 2018, "d-open", SCORING_TABLE, PLEDGE,
                            PLEDGE_DEADLINE_2017.plusYears(1), REPORT_DEADLINE_2017.plusYears(1)))
                    .expectSuccessfulHandlerExecution();
            assertThat(yearStore.readEvents(EmulationYear.idOf(CLUSTER_ID, 2019)).asStream()
                    .map(event -> ((EmulationYearOpened) event.getPayload()).rules()).toList())
                    .containsExactly(STRICT);
            assertThat(yearStore.readEvents(EmulationYear.idOf(CLUSTER_ID, 2018)).asStream()
                    .map(event -> ((EmulationYearOpened) event.getPayload()).rules()).toList())
                    .containsExactly(RULES);
        }
    }

    /** A cluster dissolved on its own (not merged into another) must be empty, and between years. */
    @Nested
    class Dissolution {

        private static final DissolveCluster DISSOLVE = new DissolveCluster(CLUSTER_ID, "d-end", "Sắp xếp lại cụm");

        private Object[] everyoneWithdrawn() {
            List<Object> history = new ArrayList<>(List.of(FORMED));
            MEMBERS.forEach(unit -> history.add(new UnitWithdrawn(CLUSTER_ID, "d-out-" + unit.unitId(),
                    unit.unitId(), "Chuyển cụm")));
            return history.toArray();
        }

        @Test
        void dissolvesAClusterWhoseMembersHaveLeft() {
            fixture.given(everyoneWithdrawn()).when(DISSOLVE)
                    .expectEvents(new ClusterDissolved(CLUSTER_ID, "d-end", null, "Sắp xếp lại cụm"));
        }

        @Test
        void refusesWhileMembersRemain() {
            fixture.given(FORMED).when(DISSOLVE)
                    .expectException(refusedBy(Rule.MEMBERS_REMAIN))
                    .expectNoEvents();
        }

        @Test
        void refusesDuringAYear() {
            years.inProgress = 2025;
            fixture.given(everyoneWithdrawn()).when(DISSOLVE)
                    .expectException(refusedBy(Rule.YEAR_IN_PROGRESS))
                    .expectNoEvents();
        }

        @Test
        void aDissolvedClusterRecordsNothingMore() {
            List<Object> history = new ArrayList<>(List.of(everyoneWithdrawn()));
            history.add(new ClusterDissolved(CLUSTER_ID, "d-end", "cum-1", "Hợp nhất vào cụm số 1"));
            fixture.given(history)
                    .when(new AdmitUnit(CLUSTER_ID, "d-in", HA_NOI, "Kết nạp"))
                    .expectException(refusedBy(Rule.CLUSTER_DISSOLVED))
                    .expectNoEvents();
        }
    }
}
