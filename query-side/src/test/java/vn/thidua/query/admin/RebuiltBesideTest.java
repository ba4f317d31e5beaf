package vn.thidua.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;

import vn.thidua.query.cluster.ClusterProjection;
import vn.thidua.query.leadership.LeadershipProjection;
import vn.thidua.query.projection.Folds;
import vn.thidua.query.scoreboard.ScoreboardProjection;
import vn.thidua.query.timeline.TimelineProjection;
import vn.thidua.query.unitrecord.UnitRecordProjection;

/** The models said to be rebuilt beside the live ones are exactly those whose projection folds through Folds alone. */
class RebuiltBesideTest {

    @Test
    void theModelsRebuiltBesideAreThoseThatFoldThroughFoldsAlone() {
        List<Class<?>> projections = List.of(ClusterProjection.class, LeadershipProjection.class,
                ScoreboardProjection.class, UnitRecordProjection.class, TimelineProjection.class);
        List<String> folding = projections.stream()
                .filter(type -> Arrays.stream(type.getConstructors()).anyMatch(constructor ->
                        Arrays.equals(constructor.getParameterTypes(), new Class<?>[] {Folds.class})))
                .map(type -> type.getAnnotation(ProcessingGroup.class).value()).toList();
        assertThat(folding).containsExactlyInAnyOrderElementsOf(Projections.REBUILT_BESIDE);
    }
}
