package vn.thidua.command.cluster;

import java.util.List;
import java.util.OptionalInt;

/**
 * The emulation years a cluster has opened, as the cluster needs to know them: years are aggregates of their own, so
 * the cluster asks rather than remembers. Read in the same transaction as the command that asks.
 */
public interface ClusterYears {

    /** The latest year the cluster opened, if any. */
    OptionalInt latestOpened(String clusterId);

    /** Whether the cluster opened that year. */
    boolean opened(String clusterId, int year);

    /** The years the cluster opened and has not closed, earliest first. */
    List<Integer> yearsInProgress(String clusterId);

    /** The earliest year the cluster opened and has not closed, if any. */
    default OptionalInt inProgress(String clusterId) {
        return yearsInProgress(clusterId).stream().mapToInt(Integer::intValue).findFirst();
    }
}
