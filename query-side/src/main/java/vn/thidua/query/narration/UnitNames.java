package vn.thidua.query.narration;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;

/** The names of a cluster's units as the events have given them, to speak of units by name. A fold. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class UnitNames {

    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> provinces = new LinkedHashMap<>();

    public static UnitNames apply(UnitNames known, Object payload) {
        if (payload instanceof ClusterFormed formed) {
            formed.members().forEach(known::learn);
        } else if (payload instanceof UnitAdmitted admitted) {
            known.learn(admitted.unit());
        } else if (payload instanceof UnitsMerged merged) {
            known.learn(merged.successor());
        } else if (payload instanceof EmulationYearOpened opened) {
            opened.participants().forEach(known::learn);
        } else if (payload instanceof UnitTransferredIn transferred) {
            known.learn(transferred.unit());
        } else if (payload instanceof ClustersMerged merged) {
            merged.units().forEach(known::learn);
        } else if (payload instanceof ParticipationBegan began) {
            known.learn(began.unit());
        } else if (payload instanceof MemberAdmittedDuringYear admitted) {
            known.learn(admitted.unit());
        }
        return known;
    }

    private void learn(MemberUnit unit) {
        names.put(unit.unitId(), unit.name());
        provinces.put(unit.unitId(), unit.province());
    }

    /** The unit's province as the events gave it, or null. */
    public String provinceOf(String unitId) {
        return provinces.get(unitId);
    }

    /** The unit's name, or its id where no event named it. */
    public String of(String unitId) {
        return names.getOrDefault(unitId, unitId);
    }

    /** Whether this event could teach a name, so that callers store the names only when they may change. */
    public static boolean teaches(Object payload) {
        return payload instanceof ClusterFormed || payload instanceof UnitAdmitted
                || payload instanceof UnitsMerged || payload instanceof EmulationYearOpened
                || payload instanceof UnitTransferredIn || payload instanceof ClustersMerged
                || payload instanceof ParticipationBegan || payload instanceof MemberAdmittedDuringYear;
    }
}
