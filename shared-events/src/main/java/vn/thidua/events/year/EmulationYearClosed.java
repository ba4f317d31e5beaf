package vn.thidua.events.year;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;
import vn.thidua.events.decisions.Decision;

/** The year's record is final: nothing more is accepted for it. */
@Revision("1")
public record EmulationYearClosed(String clusterId, int year, String decisionId, String note)
        implements YearEvent, Decision {
}
