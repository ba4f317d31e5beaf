package vn.thidua.events.cluster;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.decisions.Decision;

/** Member units were merged into a successor that carries their history forward (the 2025 reorganisation). */
@Revision("1")
public record UnitsMerged(String clusterId, String decisionId, List<String> mergedUnitIds, MemberUnit successor,
                          LocalDate effectiveDate, String reason) implements Decision {
}
