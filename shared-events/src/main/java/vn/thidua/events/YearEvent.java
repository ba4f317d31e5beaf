package vn.thidua.events;

/** An event of one cluster's emulation year (năm thi đua). */
public interface YearEvent extends ClusterEvent {
    int year();
}
