package vn.thidua.query.projection;

import java.util.List;
import java.util.function.LongPredicate;

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

    /** How many of the aggregate's latest events are looked at first: a model is rarely further behind. */
    private static final int LOOKED_AT_FIRST = 20;

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
        LongPredicate processed = projections.processedBy(model);
        long before = Long.MAX_VALUE;
        for (int limit = LOOKED_AT_FIRST; ; limit = Integer.MAX_VALUE) {
            List<Stored> latest = jdbc.sql("select sequence_number, global_index from domain_event_entry"
                            + " where aggregate_identifier = ? and sequence_number < ? order by sequence_number desc"
                            + " limit ?")
                    .params(aggregateId, before, limit).query((row, i) -> new Stored(row.getLong(1), row.getLong(2)))
                    .list();
            for (Stored event : latest) {
                if (processed.test(event.globalIndex())) {
                    return event.sequence();
                }
            }
            if (latest.size() < limit) {
                return -1;
            }
            before = latest.get(latest.size() - 1).sequence();
        }
    }
}
