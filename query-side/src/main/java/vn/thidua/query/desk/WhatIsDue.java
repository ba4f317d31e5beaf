package vn.thidua.query.desk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.query.scoreboard.Scoreboard;
import vn.thidua.query.scoreboard.YearAtTheDesk;
import vn.thidua.query.scoreboard.YearAtTheDesk.Participant;

/**
 * What waits for one person in the years under way: a unit officer's pledge to sign and report to file (each with its
 * deadline), a secretariat's reports to assess, units late with either, the ballots for next year's head and deputy
 * still to enter, the ranking, awards and closure. Nothing waits for the council or an auditor here: their work is not
 * due by a date.
 */
public final class WhatIsDue {

    public enum Kind {
        SIGN_PLEDGE, FILE_REPORT, ASSESS_REPORT, UNITS_LATE, ENTER_BALLOT, FINALIZE_RANKING, PROPOSE_AWARDS, CLOSE_YEAR
    }

    /** One thing to do; {@code units} names the late ones, {@code office} and {@code termYear} a ballot's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Due(Kind kind, String clusterId, int year, String unitId, String unitName, LocalDate deadline,
                      Boolean overdue, String office, Integer termYear, List<UnitName> units) {
    }

    public record UnitName(String unitId, String name) {
    }

    /** A year under way with the offices already filled for the term after it. */
    public record YearUnderWay(YearAtTheDesk year, Set<String> officesFilledForNextTerm) {
    }

    private WhatIsDue() {
    }

    public static List<Due> of(Actor actor, List<YearUnderWay> years, LocalDate today) {
        List<Due> due = new ArrayList<>();
        for (YearUnderWay underWay : years) {
            YearAtTheDesk year = underWay.year();
            if (actor.role() == Role.UNIT_OFFICER) {
                year.units().stream().filter(unit -> unit.unitId().equals(actor.unitId()) && unit.takesPart())
                        .findFirst().ifPresent(unit -> officersWork(year, unit, today, due));
            } else if (actor.role() == Role.SECRETARIAT && year.clusterId().equals(actor.clusterId())) {
                secretariatsWork(underWay, today, due);
            }
        }
        return due;
    }

    private static void officersWork(YearAtTheDesk year, Participant unit, LocalDate today, List<Due> due) {
        if (year.status() != Scoreboard.Status.OPEN) {
            return;
        }
        if (!unit.pledgeSigned()) {
            due.add(dated(Kind.SIGN_PLEDGE, year, unit, year.pledgeDeadline(), today));
        }
        if (!unit.reportFiled()) {
            due.add(dated(Kind.FILE_REPORT, year, unit, year.reportDeadline(), today));
        }
    }

    private static void secretariatsWork(YearUnderWay underWay, LocalDate today, List<Due> due) {
        YearAtTheDesk year = underWay.year();
        List<Participant> taking = year.units().stream().filter(Participant::takesPart).toList();
        if (year.status() == Scoreboard.Status.OPEN) {
            taking.stream().filter(unit -> unit.reportFiled() && unit.assessment() == null)
                    .forEach(unit -> due.add(new Due(Kind.ASSESS_REPORT, year.clusterId(), year.year(), unit.unitId(),
                            unit.unitName(), null, null, null, null, null)));
            List<UnitName> late = taking.stream()
                    .filter(unit -> !unit.pledgeSigned() && today.isAfter(year.pledgeDeadline())
                            || !unit.reportFiled() && today.isAfter(year.reportDeadline()))
                    .map(unit -> new UnitName(unit.unitId(), unit.unitName())).toList();
            if (!late.isEmpty()) {
                due.add(new Due(Kind.UNITS_LATE, year.clusterId(), year.year(), null, null, null, true, null, null,
                        late));
            }
        }
        for (String office : List.of("HEAD", "DEPUTY")) {
            if (!underWay.officesFilledForNextTerm().contains(office)) {
                due.add(new Due(Kind.ENTER_BALLOT, year.clusterId(), year.year(), null, null, null, null, office,
                        year.year() + 1, null));
            }
        }
        if (year.status() == Scoreboard.Status.OPEN && taking.stream().allMatch(Participant::reportFiled)) {
            due.add(undated(Kind.FINALIZE_RANKING, year));
        }
        if (year.status() == Scoreboard.Status.RANKED) {
            if (taking.stream().noneMatch(unit -> unit.award() != null)) {
                due.add(undated(Kind.PROPOSE_AWARDS, year));
            }
            due.add(undated(Kind.CLOSE_YEAR, year));
        }
    }

    private static Due dated(Kind kind, YearAtTheDesk year, Participant unit, LocalDate deadline, LocalDate today) {
        return new Due(kind, year.clusterId(), year.year(), unit.unitId(), unit.unitName(), deadline,
                today.isAfter(deadline), null, null, null);
    }

    private static Due undated(Kind kind, YearAtTheDesk year) {
        return new Due(kind, year.clusterId(), year.year(), null, null, null, null, null, null, null);
    }
}
