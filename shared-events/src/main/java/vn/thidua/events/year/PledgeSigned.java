package vn.thidua.events.year;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;

@Revision("1")
public record PledgeSigned(String clusterId, int year, String unitId, Signatory signatory, boolean late)
        implements YearEvent {
}
