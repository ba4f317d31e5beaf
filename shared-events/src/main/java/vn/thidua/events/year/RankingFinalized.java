package vn.thidua.events.year;

import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;
import vn.thidua.events.decisions.Decision;

/** The year's order of units (xếp hạng): standard competition ranking, units without a report last, unranked. */
@Revision("1")
public record RankingFinalized(String clusterId, int year, String decisionId, List<Standing> standings, String note)
        implements YearEvent, Decision {
}
