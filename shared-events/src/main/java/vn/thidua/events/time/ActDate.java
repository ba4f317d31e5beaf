package vn.thidua.events.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The two times of an act. Every event has the instant it was recorded (set by the store, never by a client); an act
 * that took place on paper before it was entered (a past year brought in from the archive, a ceremony entered the
 * morning after) also carries the day it took place, in Vietnam's calendar, in its metadata under
 * {@link #OCCURRED_ON}. Deadlines and late flags go by the act's day; the ledger and the audit by the record time.
 */
public final class ActDate {

    /** Metadata key of the day the act took place, {@code YYYY-MM-DD}; absent when it took place as it was recorded. */
    public static final String OCCURRED_ON = "occurredOn";

    /** Deadlines and act dates are calendar days in Vietnam. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private ActDate() {
    }

    /** The day the act took place: the day recorded with it, or else the day it was recorded. */
    public static LocalDate of(Map<String, ?> metaData, Instant recordedAt) {
        Object occurredOn = metaData.get(OCCURRED_ON);
        return occurredOn == null ? recordedOn(recordedAt) : LocalDate.parse(occurredOn.toString());
    }

    /** The day of an act kept as its own day where it was back-dated and as nothing otherwise (read models). */
    public static LocalDate of(LocalDate keptDay, Instant recordedAt) {
        return keptDay != null ? keptDay : recordedOn(recordedAt);
    }

    /** Whether an act that took place on {@code day} is dated before the day it was recorded. */
    public static boolean isBackdated(LocalDate day, Instant recordedAt) {
        return day.isBefore(recordedOn(recordedAt));
    }

    /** The calendar day in Vietnam of an instant. */
    public static LocalDate recordedOn(Instant recordedAt) {
        return LocalDate.ofInstant(recordedAt, ZONE);
    }
}
