package vn.thidua.command.rules;

import java.time.LocalDate;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.events.time.ActDate;

/**
 * Who may date an act before the day it is entered, and how far. Never after today; never before the cluster was
 * formed or the year opened; a unit officer at most {@link #OFFICER_DAYS} days back (a ceremony entered late), except
 * in a year brought in from the archive, whose acts may carry any date of that year. The council and the secretariat
 * keep the record and bring past years in, so they may date an act any day since its start.
 */
public final class ActDating {

    /** How far back a unit officer may date an act in a year run live. */
    public static final int OFFICER_DAYS = 30;

    private ActDating() {
    }

    /** Today in Vietnam, on the clock Axon stamps events with (so that tests can set the day). */
    public static LocalDate today() {
        return ActDate.recordedOn(GenericEventMessage.clock.instant());
    }

    /**
     * The day the commanded act took place, checked against the rules above: the day the command carries, or
     * today.
     *
     * @param start          the earliest day the act may carry (the cluster's formation, the year's opening), or null
     * @param ifBefore       the refusal of a day before {@code start}
     * @param fromTheArchive whether the act belongs to a year brought in from the archive
     */
    public static LocalDate of(MetaData metaData, LocalDate start, Rule ifBefore, boolean fromTheArchive) {
        LocalDate today = today();
        Object given = metaData.get(ActDate.OCCURRED_ON);
        if (given == null) {
            return today;
        }
        LocalDate day = LocalDate.parse(given.toString());
        Rule.OCCURRED_IN_FUTURE.require(!day.isAfter(today), day, today);
        if (start != null) {
            ifBefore.require(!day.isBefore(start), day, start);
        }
        boolean officer = Role.UNIT_OFFICER.name().equals(metaData.get(Actor.ROLE));
        Rule.BACKDATED_TOO_FAR.require(!officer || fromTheArchive || !day.isBefore(today.minusDays(OFFICER_DAYS)),
                day, OFFICER_DAYS);
        return day;
    }

    /** Whether a year whose opening is dated {@code openedOn} and was recorded on {@code recordedOn} is an archive. */
    public static boolean broughtFromTheArchive(LocalDate openedOn, LocalDate recordedOn) {
        return openedOn.isBefore(recordedOn.minusDays(OFFICER_DAYS));
    }
}
