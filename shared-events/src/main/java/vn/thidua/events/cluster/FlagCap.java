package vn.thidua.events.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How many emulation flags a cluster may propose in a year: a fixed number, or a percentage of its ranked units
 * (rounded down, at least one). Exactly one of the two is given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlagCap(Integer count, Integer percentOfRanked) {

    public static FlagCap count(int count) {
        return new FlagCap(count, null);
    }

    public static FlagCap percentOfRanked(int percent) {
        return new FlagCap(null, percent);
    }

    @JsonIgnore
    public boolean isProper() {
        return count == null ? percentOfRanked != null && percentOfRanked >= 1 && percentOfRanked <= 100
                : percentOfRanked == null && count >= 1;
    }

    public int flagsAllowed(int rankedUnits) {
        return count != null ? count : Math.max(1, rankedUnits * percentOfRanked / 100);
    }
}
