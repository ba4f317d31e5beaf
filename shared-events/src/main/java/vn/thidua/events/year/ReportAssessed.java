package vn.thidua.events.year;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;
import vn.thidua.events.decisions.Decision;

/** The cluster scored a unit's report (chấm điểm, thẩm định); the assessed total replaces the self total. */
@Revision("1")
public record ReportAssessed(String clusterId, int year, String decisionId, String unitId, Scorecard assessedScore,
                             String note) implements YearEvent, Decision {
}
