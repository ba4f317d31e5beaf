package vn.thidua.command.decisions;

import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.events.YearEvent;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;

/**
 * Which aggregate recorded each decision, so that a rescission, addressed by decision id only, reaches the cluster or
 * the year that can judge it. Fed by a subscribing processor: the row commits in the same transaction as the event.
 */
@Component
@ProcessingGroup(DecisionDirectory.PROCESSING_GROUP)
public class DecisionDirectory {

    public static final String PROCESSING_GROUP = "decision-directory";

    /** Where a decision lives: its cluster, and its year unless it is a cluster-level decision. */
    public record Entry(String clusterId, Integer year, String decisionType) {
    }

    private final JdbcClient jdbc;

    public DecisionDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Decision decision) {
        Integer year = decision instanceof YearEvent yearEvent ? Integer.valueOf(yearEvent.year())
                : decision instanceof DecisionRescinded rescinded ? rescinded.year() : null;
        jdbc.sql("""
                        insert into decision_directory (decision_id, cluster_id, year, decision_type)
                        values (?, ?, ?, ?) on conflict (decision_id) do nothing""")
                .params(decision.decisionId(), decision.clusterId(), year, decision.getClass().getSimpleName())
                .update();
    }

    public Optional<Entry> find(String clusterId, String decisionId) {
        return jdbc.sql("select cluster_id, year, decision_type from decision_directory where decision_id = ?")
                .param(decisionId)
                .query((row, i) -> new Entry(row.getString(1), (Integer) row.getObject(2), row.getString(3)))
                .optional()
                .filter(entry -> entry.clusterId().equals(clusterId));
    }
}
