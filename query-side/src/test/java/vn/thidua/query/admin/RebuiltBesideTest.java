package vn.thidua.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;

import vn.thidua.query.cluster.ClusterProjection;
import vn.thidua.query.leadership.LeadershipProjection;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.scoreboard.ScoreboardProjection;
import vn.thidua.query.timeline.TimelineProjection;
import vn.thidua.query.unitrecord.UnitRecordProjection;

/**
 * Every read model fed by a processor is rebuilt beside the live one (its projection is {@link RebuiltBeside}); the
 * decision log, which follows the ledger, is the one that is not.
 */
class RebuiltBesideTest {

    @Test
    void everyProcessorFedModelIsRebuiltBesideTheLiveOne() {
        List<Class<?>> projections = List.of(ClusterProjection.class, LeadershipProjection.class,
                ScoreboardProjection.class, UnitRecordProjection.class, TimelineProjection.class);
        assertThat(projections).allMatch(RebuiltBeside.class::isAssignableFrom);
        assertThat(projections.stream().map(type -> type.getAnnotation(ProcessingGroup.class).value()).toList())
                .containsExactlyInAnyOrderElementsOf(Projections.READ_MODELS.stream()
                        .filter(model -> !model.equals("decision-log")).toList());
    }
}
