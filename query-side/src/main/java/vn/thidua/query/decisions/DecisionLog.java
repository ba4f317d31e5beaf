package vn.thidua.query.decisions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.events.time.ActDate;
import vn.thidua.ledger.StoredTimestamp;
import vn.thidua.query.narration.Text;
import vn.thidua.query.projection.RebuiltBeside;

/**
 * The decision log's table. Entries come in the ledger's order and each is chained after its cluster's last entry:
 * an entry once chained is never re-sequenced or re-hashed, and a rebuild from the ledger gives the same chain. A
 * rebuild writes into the table beside it ({@link #beside()}), whose entries then take the live ones' place.
 */
@Component
public class DecisionLog {

    /** One entry as stored. */
    public record Entry(String clusterId, long seq, long leafIndex, String eventId, String decisionId, String type,
                        Integer year, String occurredAt, LocalDate occurredOn, String actor, String role,
                        String payload, String minutesRef, String reason, Text summary, String prevHash,
                        String hash, String rescindedBy) {

        /** The day the act took place: kept apart where it was back-dated, else the day it was recorded. */
        public LocalDate actDate() {
            return ActDate.of(occurredOn, StoredTimestamp.parse(occurredAt));
        }

        public boolean backdated() {
            return ActDate.isBackdated(actDate(), StoredTimestamp.parse(occurredAt));
        }

        /** Whether the two entries show the same facts of their decision, in words too (the chain and rescission aside). */
        public boolean sameFactsAs(Entry other) {
            return List.of(clusterId, leafIndex, eventId, decisionId, type, occurredAt, payload, summary).equals(
                    List.of(other.clusterId, other.leafIndex, other.eventId, other.decisionId, other.type,
                            other.occurredAt, other.payload, other.summary))
                    && Arrays.asList(year, occurredOn, actor, role, minutesRef, reason).equals(
                    Arrays.asList(other.year, other.occurredOn, other.actor, other.role, other.minutesRef,
                            other.reason));
        }

        HashChain.Content content() {
            return new HashChain.Content(actor, clusterId, decisionId, occurredAt, payload, prevHash, role, seq,
                    type, year);
        }

        Entry chainedAfter(long previousSeq, String previousHash) {
            Entry placed = new Entry(clusterId, previousSeq + 1, leafIndex, eventId, decisionId, type, year,
                    occurredAt, occurredOn, actor, role, payload, minutesRef, reason, summary, previousHash, null,
                    rescindedBy);
            return new Entry(clusterId, placed.seq, leafIndex, eventId, decisionId, type, year, occurredAt,
                    occurredOn, actor, role, payload, minutesRef, reason, summary, previousHash,
                    HashChain.hash(placed.content()), rescindedBy);
        }
    }

    /** Entries chained in memory during one pass over the ledger, inserted together. */
    public final class Appends {
        private final Map<String, Optional<Entry>> lastOfCluster = new HashMap<>();
        private final List<Entry> pending = new ArrayList<>();

        /** Chains the entry (its seq and hashes are computed here) after its cluster's last one. */
        public void append(Entry entry) {
            Optional<Entry> last = lastOfCluster.computeIfAbsent(entry.clusterId(), DecisionLog.this::lastOf);
            Entry placed = last.map(previous -> entry.chainedAfter(previous.seq(), previous.hash()))
                    .orElseGet(() -> entry.chainedAfter(0, HashChain.GENESIS));
            pending.add(placed);
            lastOfCluster.put(entry.clusterId(), Optional.of(placed));
        }

        /** Notes which decision rescinded an entry; a display annotation outside the hashed content. */
        public void markRescinded(String decisionId, String rescindedBy) {
            flush();
            jdbc.sql("update " + table + " set rescinded_by = ? where decision_id = ?")
                    .params(rescindedBy, decisionId).update();
        }

        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            String insert = "insert into " + table + " (" + COLUMNS + ") values (" + "?, ".repeat(18) + "?)";
            batchJdbc.batchUpdate(insert, pending, pending.size(), (statement, e) -> {
                Object[] values = {e.clusterId(), e.seq(), e.leafIndex(), e.eventId(), e.decisionId(), e.type(),
                        e.year(), e.occurredAt(), e.occurredOn(), e.actor(), e.role(), e.payload(), e.minutesRef(),
                        e.reason(), e.summary().vi(), e.summary().en(), e.prevHash(), e.hash(), e.rescindedBy()};
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
            });
            pending.clear();
        }
    }

    private static final String COLUMNS = "cluster_id, seq, leaf_index, event_id, decision_id, decision_type, year,"
            + " occurred_at, occurred_on, actor, role, payload, minutes_ref, reason, summary_vi, summary_en, prev_hash,"
            + " hash, rescinded_by";
    private static final String LIVE = "decision_log";
    private static final String BESIDE = "decision_log_beside";

    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;
    private final String table;

    @Autowired
    public DecisionLog(JdbcClient jdbc, JdbcTemplate batchJdbc) {
        this(jdbc, batchJdbc, LIVE);
    }

    private DecisionLog(JdbcClient jdbc, JdbcTemplate batchJdbc, String table) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.table = table;
    }

    /** The log a rebuild writes, beside this one. */
    public DecisionLog beside() {
        return new DecisionLog(jdbc, batchJdbc, BESIDE);
    }

    /** In the caller's transaction: the entries written beside replace the live ones, and the table beside empties. */
    public void putBesideInPlace() {
        RebuiltBeside.putRowsInPlace(jdbc, LIVE, BESIDE);
    }

    public Appends appends() {
        return new Appends();
    }

    public boolean hasCluster(String clusterId) {
        return jdbc.sql("select count(*) from " + table + " where cluster_id = ?").param(clusterId)
                .query(Long.class).single() > 0;
    }

    private Optional<Entry> lastOf(String clusterId) {
        return jdbc.sql("select " + COLUMNS + " from " + table + " where cluster_id = ? order by seq desc limit 1")
                .param(clusterId).query(DecisionLog::entry).optional();
    }

    public List<Entry> entries(String clusterId, Integer year, String type) {
        return entries(clusterId, year, type, 0, Integer.MAX_VALUE);
    }

    /** The entries after sequence number {@code after}, at most {@code limit} of them, in order. */
    public List<Entry> entries(String clusterId, Integer year, String type, long after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from " + table + " where cluster_id = :cluster and seq > :after"
                        + " and (cast(:year as integer) is null or year = :year)"
                        + " and (cast(:type as varchar) is null or decision_type = :type) order by seq limit :limit")
                .param("cluster", clusterId).param("after", after).param("year", year).param("type", type)
                .param("limit", limit).query(DecisionLog::entry).list();
    }

    public void clear() {
        jdbc.sql("delete from " + table).update();
    }

    private static Entry entry(ResultSet row, int rowNumber) throws SQLException {
        return new Entry(row.getString("cluster_id"), row.getLong("seq"), row.getLong("leaf_index"),
                row.getString("event_id"), row.getString("decision_id"), row.getString("decision_type"),
                (Integer) row.getObject("year"), row.getString("occurred_at"),
                row.getObject("occurred_on", LocalDate.class), row.getString("actor"),
                row.getString("role"), row.getString("payload"), row.getString("minutes_ref"),
                row.getString("reason"), new Text(row.getString("summary_vi"), row.getString("summary_en")),
                row.getString("prev_hash"), row.getString("hash"), row.getString("rescinded_by"));
    }
}
