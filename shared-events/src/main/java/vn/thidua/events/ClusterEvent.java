package vn.thidua.events;

/** Every event names the cluster it belongs to; the query side partitions its read models by it. */
public interface ClusterEvent {
    String clusterId();
}
