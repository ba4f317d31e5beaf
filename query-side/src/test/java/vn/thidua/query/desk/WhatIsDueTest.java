package vn.thidua.query.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.Scorecard;
import vn.thidua.query.desk.WhatIsDue.Due;
import vn.thidua.query.desk.WhatIsDue.Kind;
import vn.thidua.query.desk.WhatIsDue.YearUnderWay;
import vn.thidua.query.scoreboard.Scoreboard;
import vn.thidua.query.scoreboard.YearAtTheDesk;
import vn.thidua.query.scoreboard.YearAtTheDesk.Participant;

class WhatIsDueTest {

    private static final Actor BAC_GIANG_OFFICER = new Actor("can-bo-bac-giang", Role.UNIT_OFFICER, "cum-2",
            "btc-bac-giang");
    private static final Actor SECRETARIAT = new Actor("thu-ky-cum-2", Role.SECRETARIAT, "cum-2", null);
    private static final Scorecard CARD = new Scorecard(Map.of("c", BigDecimal.TEN), BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.TEN);
    private static final YearAtTheDesk.Report REPORT = new YearAtTheDesk.Report("s", CARD, List.of());
    private static final LocalDate BEFORE_THE_PLEDGE_DEADLINE = LocalDate.of(2017, 3, 1);
    private static final LocalDate AFTER_BOTH_DEADLINES = LocalDate.of(2017, 12, 20);

    private static Participant unit(String unitId, boolean pledged, boolean filed, boolean assessed) {
        return new Participant(unitId, "Ban " + unitId, pledged, filed, false, null, null, null, null,
                filed ? REPORT : null, assessed ? CARD : null);
    }

    private static YearUnderWay year(Scoreboard.Status status, Set<String> officesFilled, Participant... units) {
        return new YearUnderWay(new YearAtTheDesk("cum-2", 2017, status, 7, List.of(), BigDecimal.ONE, BigDecimal.ONE,
                List.of(), LocalDate.of(2017, 3, 31), LocalDate.of(2017, 12, 15), null, null, List.of(units)),
                officesFilled);
    }

    @Test
    void anOfficerIsDueItsPledgeAndReportWithTheirDeadlinesOverdueOnceTheyPass() {
        YearUnderWay open = year(Scoreboard.Status.OPEN, Set.of(), unit("btc-bac-giang", false, false, false),
                unit("btc-hung-yen", false, false, false));
        List<Due> early = WhatIsDue.of(BAC_GIANG_OFFICER, List.of(open), BEFORE_THE_PLEDGE_DEADLINE);
        assertThat(early).extracting(Due::kind).containsExactly(Kind.SIGN_PLEDGE, Kind.FILE_REPORT);
        assertThat(early).extracting(Due::unitId).containsOnly("btc-bac-giang");
        assertThat(early).extracting(Due::deadline)
                .containsExactly(LocalDate.of(2017, 3, 31), LocalDate.of(2017, 12, 15));
        assertThat(early).extracting(Due::overdue).containsExactly(false, false);
        assertThat(WhatIsDue.of(BAC_GIANG_OFFICER, List.of(open), AFTER_BOTH_DEADLINES))
                .extracting(Due::overdue).containsExactly(true, true);

        YearUnderWay done = year(Scoreboard.Status.OPEN, Set.of(), unit("btc-bac-giang", true, true, false));
        assertThat(WhatIsDue.of(BAC_GIANG_OFFICER, List.of(done), BEFORE_THE_PLEDGE_DEADLINE)).isEmpty();
    }

    @Test
    void aUnitThatLeftTheYearIsDueNothing() {
        Participant left = new Participant("btc-bac-giang", "Ban", false, false, false,
                ParticipationEnded.Cause.WITHDRAWN, null, null, null, null, null);
        assertThat(WhatIsDue.of(BAC_GIANG_OFFICER, List.of(year(Scoreboard.Status.OPEN, Set.of(), left)),
                BEFORE_THE_PLEDGE_DEADLINE)).isEmpty();
    }

    @Test
    void theSecretariatIsDueTheReportsToAssessTheLateUnitsAndTheBallotsStillToEnter() {
        YearUnderWay open = year(Scoreboard.Status.OPEN, Set.of("HEAD"), unit("btc-bac-giang", true, true, false),
                unit("btc-hung-yen", true, true, true), unit("btc-hai-duong", false, false, false));
        List<Due> due = WhatIsDue.of(SECRETARIAT, List.of(open), AFTER_BOTH_DEADLINES);
        assertThat(due).extracting(Due::kind).containsExactly(Kind.ASSESS_REPORT, Kind.UNITS_LATE, Kind.ENTER_BALLOT);
        assertThat(due.get(0).unitId()).isEqualTo("btc-bac-giang");
        assertThat(due.get(1).units()).extracting(WhatIsDue.UnitName::unitId).containsExactly("btc-hai-duong");
        assertThat(due.get(2).office()).isEqualTo("DEPUTY");
        assertThat(due.get(2).termYear()).isEqualTo(2018);
        assertThat(WhatIsDue.of(SECRETARIAT, List.of(open), BEFORE_THE_PLEDGE_DEADLINE))
                .extracting(Due::kind).doesNotContain(Kind.UNITS_LATE);
    }

    @Test
    void onceEveryReportIsInTheRankingThenAwardsAndClosureAreDue() {
        YearUnderWay filed = year(Scoreboard.Status.OPEN, Set.of("HEAD", "DEPUTY"),
                unit("btc-bac-giang", true, true, true));
        assertThat(WhatIsDue.of(SECRETARIAT, List.of(filed), AFTER_BOTH_DEADLINES)).extracting(Due::kind)
                .containsExactly(Kind.FINALIZE_RANKING);
        YearUnderWay ranked = year(Scoreboard.Status.RANKED, Set.of("HEAD", "DEPUTY"),
                unit("btc-bac-giang", true, true, true));
        assertThat(WhatIsDue.of(SECRETARIAT, List.of(ranked), AFTER_BOTH_DEADLINES)).extracting(Due::kind)
                .containsExactly(Kind.PROPOSE_AWARDS, Kind.CLOSE_YEAR);
        Participant awarded = new Participant("btc-bac-giang", "Ban", true, true, false, null, 1, BigDecimal.TEN,
                Award.EMULATION_FLAG, REPORT, CARD);
        assertThat(WhatIsDue.of(SECRETARIAT, List.of(year(Scoreboard.Status.RANKED, Set.of("HEAD", "DEPUTY"),
                awarded)), AFTER_BOTH_DEADLINES)).extracting(Due::kind).containsExactly(Kind.CLOSE_YEAR);
    }

    @Test
    void anotherClustersSecretariatTheCouncilAndAnAuditorAreDueNothingHere() {
        YearUnderWay open = year(Scoreboard.Status.OPEN, Set.of(), unit("btc-bac-giang", true, true, false));
        for (Actor actor : List.of(new Actor("thu-ky-cum-3", Role.SECRETARIAT, "cum-3", null),
                new Actor("hoi-dong", Role.COUNCIL, null, null), new Actor("kiem-toan", Role.AUDITOR, null, null))) {
            assertThat(WhatIsDue.of(actor, List.of(open), AFTER_BOTH_DEADLINES)).as(actor.name()).isEmpty();
        }
    }
}
