package vn.thidua.query.projection;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.query.admin.Projections;

/**
 * An aggregate's version (its latest event's sequence number, what the command side compares {@code If-Match} with)
 * as a read model has seen it: the latest of its events the model has processed. A form opened on what the model
 * shows sends that version, so that a change the model had not yet shown is refused (412), not overwritten.
 */
@Component
public class VersionsSeen {

    /** How many of the aggregate's latest events are looked at; a model further behind than that says "before them". */
    private static final int LOOKED_AT = 20;

    private record Stored(long sequence, long globalIndex) {
    }

    private final JdbcClient jdbc;
    private final Projections projections;

    public VersionsSeen(JdbcClient jdbc, Projections projections) {
        this.jdbc = jdbc;
        this.projections = projections;
    }

    /** The version of {@code aggregateId} as {@code model} has processed it; -1 before its first event. */
    public long versionSeenBy(String model, String aggregateId) {
        List<Stored> latest = jdbc.sql("select sequence_number, global_index from domain_event_entry"
                        + " where aggregate_identifier = ? order by sequence_number desc limit " + LOOKED_AT)
                .param(aggregateId).query((row, i) -> new Stored(row.getLong(1), row.getLong(2))).list();
        for (Stored event : latest) {
            if (projections.processedThrough(model, event.globalIndex())) {
                return event.sequence();
            }
        }
        return latest.isEmpty() ? -1 : latest.get(latest.size() - 1).sequence() - 1;
    }
}
