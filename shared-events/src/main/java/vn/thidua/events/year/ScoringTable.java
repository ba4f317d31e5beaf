package vn.thidua.events.year;

import java.math.BigDecimal;
import java.util.List;

/** The scoring table (bảng tiêu chí, thang điểm) adopted when a year is opened, with its bonus and penalty caps. */
public record ScoringTable(List<Criterion> criteria, BigDecimal maxBonus, BigDecimal maxPenalty) {
}
