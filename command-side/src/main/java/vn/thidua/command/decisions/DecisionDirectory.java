package vn.thidua.command.decisions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.command.cluster.ClusterYears;
import vn.thidua.events.YearEvent;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.decisions.DecisionType;

/**
 * Which aggregate recorded each decision, so that a rescission, addressed by decision id only, reaches the cluster or
 * the year that can judge it. Fed by a subscribing processor: the row commits in the same transaction as the event.
 */
@Component
@ProcessingGroup(DecisionDirectory.PROCESSING_GROUP)
public class DecisionDirectory implements ClusterYears {

    public static final String PROCESSING_GROUP = "decision-directory";

    /** Where a decision lives: the aggregate that recorded it, and the year when that aggregate is a year. */
    public record Entry(String clusterId, String aggregateId, Integer year, String decisionType) {

        public boolean recordedByTheCluster() {
            return aggregateId.equals(clusterId);
        }
    }

    private final JdbcClient jdbc;

    public DecisionDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Decision decision, DomainEventMessage<?> message) {
        String aggregateId = message.getAggregateIdentifier();
        Integer year = aggregateId.equals(decision.clusterId()) ? null
                : decision instanceof YearEvent yearEvent ? Integer.valueOf(yearEvent.year())
                : ((DecisionRescinded) decision).year();
        jdbc.sql("""
                        insert into decision_directory (decision_id, cluster_id, aggregate_id, year, decision_type)
                        values (?, ?, ?, ?, ?) on conflict (decision_id) do nothing""")
                .params(decision.decisionId(), decision.clusterId(), aggregateId, year,
                        DecisionType.of(decision).code())
                .update();
    }

    public Optional<Entry> find(String clusterId, String decisionId) {
        return jdbc.sql("""
                        select cluster_id, aggregate_id, year, decision_type
                        from decision_directory where decision_id = ?""")
                .param(decisionId)
                .query((row, i) -> new Entry(row.getString(1), row.getString(2), (Integer) row.getObject(3),
                        row.getString(4)))
                .optional()
                .filter(entry -> entry.clusterId().equals(clusterId));
    }

    @Override
    public OptionalInt latestOpened(String clusterId) {
        return year("""
                select max(year) from decision_directory
                where cluster_id = ? and decision_type = 'EmulationYearOpened'""", clusterId);
    }

    @Override
    public boolean opened(String clusterId, int year) {
        return jdbc.sql("""
                select exists (select 1 from decision_directory
                               where cluster_id = ? and year = ? and decision_type = 'EmulationYearOpened')""")
                .params(clusterId, year).query(Boolean.class).single();
    }

    @Override
    public List<Integer> yearsInProgress(String clusterId) {
        return jdbc.sql("""
                select opened.year from decision_directory opened
                where opened.cluster_id = ? and opened.decision_type = 'EmulationYearOpened'
                  and not exists (select 1 from decision_directory closed
                                  where closed.cluster_id = opened.cluster_id
                                    and closed.decision_type = 'EmulationYearClosed' and closed.year = opened.year)
                order by opened.year""")
                .param(clusterId).query(Integer.class).list();
    }

    private OptionalInt year(String sql, String clusterId) {
        return jdbc.sql(sql).param(clusterId).query((row, i) -> (Integer) row.getObject(1)).list().stream()
                .filter(Objects::nonNull).mapToInt(Integer::intValue).findFirst();
    }
}
