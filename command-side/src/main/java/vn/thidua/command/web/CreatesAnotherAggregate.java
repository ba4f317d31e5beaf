package vn.thidua.command.web;

/**
 * A command that the aggregate it targets handles by starting another (the cluster opens a year): its last event,
 * whose position the answer carries, is the first of that other aggregate's stream.
 */
public interface CreatesAnotherAggregate {

    String createdAggregateId();
}
