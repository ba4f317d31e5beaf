package vn.thidua.query.decisions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.query.narration.Text;
import vn.thidua.query.projection.EndOfBatch;

/**
 * The decision log's table. Entries are chained in the order the decisions were recorded (occurred_at, then event
 * id). A decision that reaches the processor after a later one (two commits racing) is put in its place and the
 * entries after it are chained anew, so that the live log and a replay are the same, hash for hash.
 * <p>
 * Within a processor's batch, entries that come in order are chained in memory after their cluster's last entry and
 * inserted together before the batch commits; only an entry recorded before that last one costs the lookups.
 */
@Component
public class DecisionLog {

    /** One entry as stored. */
    public record Entry(String clusterId, long seq, String eventId, String decisionId, String type, Integer year,
                        String occurredAt, String actor, String role, String payload, String minutesRef,
                        String reason, Text summary, String prevHash, String hash, String rescindedBy) {

        HashChain.Content content() {
            return new HashChain.Content(actor, clusterId, decisionId, occurredAt, payload, prevHash, role, seq,
                    type, year);
        }

        Entry chainedAfter(long previousSeq, String previousHash) {
            Entry placed = new Entry(clusterId, previousSeq + 1, eventId, decisionId, type, year, occurredAt, actor,
                    role, payload, minutesRef, reason, summary, previousHash, null, rescindedBy);
            return placed.withHash(HashChain.hash(placed.content()));
        }

        private Entry withHash(String newHash) {
            return new Entry(clusterId, seq, eventId, decisionId, type, year, occurredAt, actor, role, payload,
                    minutesRef, reason, summary, prevHash, newHash, rescindedBy);
        }
    }

    private static final String COLUMNS = "cluster_id, seq, event_id, decision_id, decision_type, year, occurred_at,"
            + " actor, role, payload, minutes_ref, reason, summary_vi, summary_en, prev_hash, hash, rescinded_by";
    private static final String INSERT = "insert into decision_log (" + COLUMNS + ")"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BATCH = DecisionLog.class.getName() + ".batch";

    /** A batch's entries not inserted yet, and each cluster's last entry as the batch has chained it. */
    private static final class Appends {
        final Map<String, Optional<Entry>> lastOfCluster = new HashMap<>();
        final List<Entry> entries = new ArrayList<>();
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;

    public DecisionLog(JdbcClient jdbc, JdbcTemplate batchJdbc) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
    }

    public boolean hasCluster(String clusterId) {
        return jdbc.sql("select count(*) from decision_log where cluster_id = ?").param(clusterId)
                .query(Long.class).single() > 0;
    }

    private boolean contains(String decisionId) {
        return jdbc.sql("select count(*) from decision_log where decision_id = ?").param(decisionId)
                .query(Long.class).single() > 0;
    }

    /**
     * Chains a new entry (its seq and hashes are computed here) unless the log holds it already, and tells whether
     * it did. An entry recorded after its cluster's last one cannot be held already: it is chained at the end.
     */
    public boolean append(Entry entry) {
        return EndOfBatch.with(BATCH, Appends::new, this::insert, appends -> {
            Optional<Entry> last = appends.lastOfCluster.computeIfAbsent(entry.clusterId(), this::lastOf);
            if (last.isEmpty() || recordedBefore(last.get(), entry)) {
                Entry placed = last.map(previous -> entry.chainedAfter(previous.seq(), previous.hash()))
                        .orElseGet(() -> entry.chainedAfter(0, HashChain.GENESIS));
                appends.entries.add(placed);
                appends.lastOfCluster.put(entry.clusterId(), Optional.of(placed));
                return true;
            }
            insert(appends);
            appends.lastOfCluster.remove(entry.clusterId());
            if (contains(entry.decisionId())) {
                return false;
            }
            placeAmongRecorded(entry);
            return true;
        });
    }

    /**
     * The chain order, as PostgreSQL compares the same columns: instants are written in one fixed-width ISO form and
     * event ids are lower-case UUIDs, so that comparing the strings compares the instants and then the ids.
     */
    private static boolean recordedBefore(Entry earlier, Entry later) {
        int byInstant = earlier.occurredAt().compareTo(later.occurredAt());
        return byInstant < 0 || byInstant == 0 && earlier.eventId().compareTo(later.eventId()) < 0;
    }

    private Optional<Entry> lastOf(String clusterId) {
        return jdbc.sql("select " + COLUMNS + " from decision_log where cluster_id = ? order by seq desc limit 1")
                .param(clusterId).query(DecisionLog::entry).optional();
    }

    /** Puts an entry recorded before the cluster's last one in its place and chains anew the entries after it. */
    private void placeAmongRecorded(Entry entry) {
        Entry previous = jdbc.sql("select " + COLUMNS + " from decision_log where cluster_id = ?"
                        + " and (occurred_at, event_id) < (?, ?) order by occurred_at desc, event_id desc limit 1")
                .params(entry.clusterId(), entry.occurredAt(), entry.eventId())
                .query(DecisionLog::entry).optional().orElse(null);
        List<Entry> following = jdbc.sql("select " + COLUMNS + " from decision_log where cluster_id = ?"
                        + " and (occurred_at, event_id) > (?, ?) order by occurred_at, event_id")
                .params(entry.clusterId(), entry.occurredAt(), entry.eventId())
                .query(DecisionLog::entry).list();
        Entry placed = previous == null ? entry.chainedAfter(0, HashChain.GENESIS)
                : entry.chainedAfter(previous.seq(), previous.hash());
        insert(List.of(placed));
        Entry last = placed;
        for (Entry later : following) {
            Entry rechained = later.chainedAfter(last.seq(), last.hash());
            jdbc.sql("update decision_log set seq = ?, prev_hash = ?, hash = ? where event_id = ?")
                    .params(rechained.seq(), rechained.prevHash(), rechained.hash(), rechained.eventId()).update();
            last = rechained;
        }
    }

    private void insert(Appends appends) {
        insert(appends.entries);
        appends.entries.clear();
    }

    private void insert(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        batchJdbc.batchUpdate(INSERT, entries, entries.size(), (statement, e) -> {
            Object[] values = {e.clusterId(), e.seq(), e.eventId(), e.decisionId(), e.type(), e.year(),
                    e.occurredAt(), e.actor(), e.role(), e.payload(), e.minutesRef(), e.reason(), e.summary().vi(),
                    e.summary().en(), e.prevHash(), e.hash(), e.rescindedBy()};
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
        });
    }

    /** Notes which decision rescinded an entry; a display annotation outside the hashed content. */
    public void markRescinded(String decisionId, String rescindedBy) {
        EndOfBatch.run(BATCH, Appends::new, this::insert, this::insert);
        jdbc.sql("update decision_log set rescinded_by = ? where decision_id = ?").params(rescindedBy, decisionId)
                .update();
    }

    public List<Entry> entries(String clusterId, Integer year, String type) {
        return jdbc.sql("select " + COLUMNS + " from decision_log where cluster_id = :cluster"
                        + " and (cast(:year as integer) is null or year = :year)"
                        + " and (cast(:type as varchar) is null or decision_type = :type) order by seq")
                .param("cluster", clusterId).param("year", year).param("type", type)
                .query(DecisionLog::entry).list();
    }

    public void clear() {
        jdbc.sql("delete from decision_log").update();
    }

    private static Entry entry(ResultSet row, int rowNumber) throws SQLException {
        return new Entry(row.getString("cluster_id"), row.getLong("seq"), row.getString("event_id"),
                row.getString("decision_id"), row.getString("decision_type"), (Integer) row.getObject("year"),
                row.getString("occurred_at"), row.getString("actor"), row.getString("role"), row.getString("payload"),
                row.getString("minutes_ref"), row.getString("reason"),
                new Text(row.getString("summary_vi"), row.getString("summary_en")), row.getString("prev_hash"),
                row.getString("hash"), row.getString("rescinded_by"));
    }
}
