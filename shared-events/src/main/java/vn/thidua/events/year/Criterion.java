package vn.thidua.events.year;

import java.math.BigDecimal;

/** One criterion (tiêu chí) of the scoring table, within a group, worth at most {@code maxPoints}. */
public record Criterion(String criterionId, String group, String title, BigDecimal maxPoints) {
}
