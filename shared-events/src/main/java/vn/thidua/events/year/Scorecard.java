package vn.thidua.events.year;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Points per criterion plus bonus and penalty, as a unit scored itself or as the cluster assessed it.
 * {@code total} is the criteria sum plus bonus minus penalty, fixed when the event was recorded.
 */
public record Scorecard(Map<String, BigDecimal> scores, BigDecimal bonusPoints, BigDecimal penaltyPoints,
                        BigDecimal total) {
}
