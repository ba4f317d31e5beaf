package vn.thidua.events;

/**
 * The id of one cluster's emulation year, {@code <clusterId>:<year>}: the year aggregate's identifier in the event
 * store, and the key of the read models kept per year.
 */
public final class YearId {

    private YearId() {
    }

    public static String of(String clusterId, int year) {
        return prefix(clusterId) + year;
    }

    /** What every year id of the cluster starts with. */
    public static String prefix(String clusterId) {
        return clusterId + ":";
    }
}
