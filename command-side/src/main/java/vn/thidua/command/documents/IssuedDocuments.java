package vn.thidua.command.documents;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.events.YearId;
import vn.thidua.events.json.EventJson;
import vn.thidua.events.year.DocumentIssued;

/**
 * What issuing a document needs of the store: the ledger checkpoint that seals every event of the year and of its
 * cluster (a document rests on a checkpoint, so what it prints can be proven), and the issue as recorded (a repeated
 * keyed request answers what was recorded first).
 */
@Component
public class IssuedDocuments {

    private static final Duration SEALING_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private final JdbcClient jdbc;

    public IssuedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The latest signed checkpoint whose tree holds every stored event of the cluster and the year, waiting a few
     * seconds for the sealer; empty if it has not sealed them by then.
     */
    public Optional<Long> checkpointSealing(String clusterId, int year) throws InterruptedException {
        long deadline = System.nanoTime() + SEALING_WAIT.toNanos();
        while (true) {
            Optional<Long> treeSize = jdbc.sql("""
                            select c.tree_size from ledger_checkpoint c
                            where c.tree_size = (select max(tree_size) from ledger_checkpoint)
                              and not exists (select 1 from domain_event_entry e
                                              where e.aggregate_identifier in (?, ?)
                                                and not exists (select 1 from ledger_leaf l
                                                                where l.event_id = e.event_identifier
                                                                  and l.leaf_index < c.tree_size))""")
                    .params(clusterId, YearId.of(clusterId, year)).query(Long.class).optional();
            if (treeSize.isPresent() || System.nanoTime() > deadline) {
                return treeSize;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The issue as the year recorded it at that version. */
    public DocumentIssued recorded(String clusterId, int year, long version) {
        String payload = jdbc.sql("select payload from domain_event_entry"
                        + " where aggregate_identifier = ? and sequence_number = ?")
                .params(YearId.of(clusterId, year), version).query(String.class).single();
        return EventJson.mapper().readValue(payload, DocumentIssued.class);
    }
}
