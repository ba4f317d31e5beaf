package vn.thidua.command.year;

import java.util.List;
import java.util.function.Consumer;

import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import vn.thidua.command.cluster.ClusterYears;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;

/**
 * What a change of membership means for the cluster's years under way (opened, not closed), told to each of them in
 * the council's own command, so the cluster's decision and its effect on the year are stored together or not at all.
 * The cluster calls these after judging its decision and before recording it, so its own event stays the command's
 * last. Each year decides for itself what the change means for it (see {@link EmulationYear}).
 */
@Component
public class YearsUnderWay {

    private final Repository<EmulationYear> years;
    private final ClusterYears directory;

    public YearsUnderWay(@Qualifier("emulationYearRepository") Repository<EmulationYear> years,
                         ClusterYears directory) {
        this.years = years;
        this.directory = directory;
    }

    public void memberAdmitted(String clusterId, MemberUnit unit) {
        each(clusterId, year -> year.memberAdmitted(unit));
    }

    public void participantLeaves(String clusterId, String unitId, ParticipationEnded.Cause cause,
                                  String successorUnitId, String toClusterId) {
        each(clusterId, year -> year.participantLeaves(unitId, cause, successorUnitId, toClusterId));
    }

    public void unitJoins(String clusterId, MemberUnit unit, ParticipationBegan.Cause cause,
                          List<String> predecessorUnitIds, String fromClusterId) {
        each(clusterId, year -> year.unitJoins(unit, cause, predecessorUnitIds, fromClusterId));
    }

    private void each(String clusterId, Consumer<EmulationYear> change) {
        directory.yearsInProgress(clusterId)
                .forEach(year -> years.load(EmulationYear.idOf(clusterId, year)).execute(change));
    }
}
