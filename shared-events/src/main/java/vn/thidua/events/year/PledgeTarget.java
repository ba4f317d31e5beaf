package vn.thidua.events.year;

/** One target of the pledge (giao ước thi đua) that every participant signs. */
public record PledgeTarget(String targetId, String text) {
}
