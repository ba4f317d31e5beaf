package vn.thidua.events.year;

import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;

/** The report was replaced by a corrected one, for the stated reason; its lateness stays that of the filing. */
@Revision("1")
public record AnnualReportAmended(String clusterId, int year, String unitId, String summary, Scorecard selfScore,
                                  List<Evidence> evidence, String reason) implements YearEvent {
}
