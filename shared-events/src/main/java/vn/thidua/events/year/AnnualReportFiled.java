package vn.thidua.events.year;

import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;

/** A unit filed its year-end report (báo cáo tổng kết) with its self-score; late when past the deadline. */
@Revision("1")
public record AnnualReportFiled(String clusterId, int year, String unitId, String summary, Scorecard selfScore,
                                List<Evidence> evidence, boolean late) implements YearEvent {
}
