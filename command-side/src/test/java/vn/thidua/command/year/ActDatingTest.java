package vn.thidua.command.year;

import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;
import static vn.thidua.command.SeedCluster.MEMBERS;
import static vn.thidua.command.SeedCluster.PLEDGE;
import static vn.thidua.command.SeedCluster.PLEDGE_DEADLINE_2017;
import static vn.thidua.command.SeedCluster.REPORT_DEADLINE_2017;
import static vn.thidua.command.SeedCluster.RULES;
import static vn.thidua.command.SeedCluster.SCORING_TABLE;
import static vn.thidua.command.rules.Refusals.refusedBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.thidua.command.rules.Rule;
import vn.thidua.command.year.YearCommands.FileAnnualReport;
import vn.thidua.command.year.YearCommands.SignPledge;
import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.events.time.ActDate;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.Signatory;

/**
 * The two times of an act: a year's acts may carry the day they took place; deadlines and late flags go by it, within
 * the rules of who may back-date and how far.
 */
class ActDatingTest {

    /** Today, for these tests: long after 2017, so that 2017 acts entered now are back-dated. */
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final Signatory SIGNATORY = new Signatory("Nguyễn Văn Hùng", "Trưởng ban");
    private static final EmulationYearOpened OPENED = new EmulationYearOpened(CLUSTER_ID, 2017, "d-open",
            SCORING_TABLE, PLEDGE, PLEDGE_DEADLINE_2017, REPORT_DEADLINE_2017, MEMBERS, RULES);
    private static final Map<String, BigDecimal> SCORES = Map.of("chuyen-mon", BigDecimal.valueOf(55),
            "phong-trao", BigDecimal.valueOf(35));
    private static final Scorecard CARD = new Scorecard(SCORES, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.valueOf(90));

    private AggregateTestFixture<EmulationYear> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EmulationYear.class);
    }

    /** The 2017 year brought in from the archive today: its opening dated 10 January 2017. */
    private TestExecutor<EmulationYear> archiveYear() {
        return fixture.givenCurrentTime(NOW).andGiven(List.of(GenericEventMessage.asEventMessage(OPENED)
                .andMetaData(Map.of(ActDate.OCCURRED_ON, "2017-01-10"))));
    }

    /** A year opened on the day it was entered, 5 January 2026; today is later. */
    private TestExecutor<EmulationYear> yearOpenedLiveInJanuary() {
        return fixture.givenCurrentTime(Instant.parse("2026-01-05T03:00:00Z")).andGiven(OPENED)
                .andGivenCurrentTime(NOW);
    }

    private static Map<String, ?> officerOn(String day) {
        return Map.of(Actor.ROLE, Role.UNIT_OFFICER.name(), ActDate.OCCURRED_ON, day);
    }

    private static FileAnnualReport report() {
        return new FileAnnualReport(CLUSTER_ID, 2017, BAC_GIANG, "Báo cáo tổng kết năm 2017", SCORES,
                BigDecimal.ZERO, BigDecimal.ZERO, List.of());
    }

    @Test
    void aReportDatedBeforeTheDeadlineIsOnTimeWhenEnteredYearsLater() {
        archiveYear().when(report(), officerOn("2017-12-10"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AnnualReportFiled(CLUSTER_ID, 2017, BAC_GIANG, "Báo cáo tổng kết năm 2017", CARD,
                        List.of(), false));
    }

    @Test
    void aReportDatedAfterTheDeadlineIsLateWhateverDayItIsEntered() {
        archiveYear().when(report(), officerOn("2017-12-16"))
                .expectEvents(new AnnualReportFiled(CLUSTER_ID, 2017, BAC_GIANG, "Báo cáo tổng kết năm 2017", CARD,
                        List.of(), true));
    }

    @Test
    void aSignatureWithoutADateIsDatedTodayAndSoLateForA2017Pledge() {
        archiveYear().when(new SignPledge(CLUSTER_ID, 2017, BAC_GIANG, SIGNATORY))
                .expectEvents(new PledgeSigned(CLUSTER_ID, 2017, BAC_GIANG, SIGNATORY, true));
    }

    @Test
    void anActCannotBeDatedAfterToday() {
        archiveYear().when(new SignPledge(CLUSTER_ID, 2017, BAC_GIANG, SIGNATORY), officerOn("2026-11-28"))
                .expectException(refusedBy(Rule.OCCURRED_IN_FUTURE));
    }

    @Test
    void anActCannotBeDatedBeforeItsYearWasOpened() {
        archiveYear().when(new SignPledge(CLUSTER_ID, 2017, BAC_GIANG, SIGNATORY), officerOn("2017-01-09"))
                .expectException(refusedBy(Rule.OCCURRED_BEFORE_OPENING));
    }

    @Test
    void aUnitOfficerBackDatesAtMostThirtyDaysInAYearRunLive() {
        yearOpenedLiveInJanuary().when(new SignPledge(CLUSTER_ID, 2017, BAC_GIANG, SIGNATORY), officerOn("2026-10-27"))
                .expectException(refusedBy(Rule.BACKDATED_TOO_FAR));
    }

    @Test
    void aUnitOfficerMayEnterYesterdaysCeremonyInAYearRunLive() {
        yearOpenedLiveInJanuary().when(new SignPledge(CLUSTER_ID, 2017, BAC_GIANG, SIGNATORY), officerOn("2026-11-26"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theSecretariatMayDateAnActAnyDaySinceTheYearOpened() {
        yearOpenedLiveInJanuary().when(new SignPledge(CLUSTER_ID, 2017, BAC_GIANG, SIGNATORY),
                        Map.of(Actor.ROLE, Role.SECRETARIAT.name(), ActDate.OCCURRED_ON, "2026-02-01"))
                .expectSuccessfulHandlerExecution();
    }
}
