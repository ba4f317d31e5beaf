package vn.thidua.command.year;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A command addressed to one cluster's emulation year; routed to the {@link EmulationYear} of that pair. */
public interface YearCommand {

    String clusterId();

    int year();

    @TargetAggregateIdentifier
    default String yearId() {
        return EmulationYear.idOf(clusterId(), year());
    }
}
