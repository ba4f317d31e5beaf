package vn.thidua.query.projection;

import vn.thidua.events.ClusterEvent;

/** The unit an event is about, where there is one: read from the event's {@code unitId} component. */
public final class ConcernedUnit {

    private ConcernedUnit() {
    }

    public static String of(ClusterEvent event) {
        for (var component : event.getClass().getRecordComponents()) {
            if (component.getName().equals("unitId")) {
                try {
                    return (String) component.getAccessor().invoke(event);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
