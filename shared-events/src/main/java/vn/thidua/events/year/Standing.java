package vn.thidua.events.year;

import java.math.BigDecimal;

/** A unit's place in a finalized ranking; {@code rank} and {@code score} are null for a unit without a report. */
public record Standing(Integer rank, String unitId, BigDecimal score) {
}
