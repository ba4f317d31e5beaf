package vn.thidua.query.decisions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.query.narration.Text;

/**
 * The decision log's table. Entries are chained in the order the decisions were recorded (occurred_at, then event
 * id). A decision that reaches the processor after a later one (two commits racing) is put in its place and the
 * entries after it are chained anew, so that the live log and a replay are the same, hash for hash.
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

    private final JdbcClient jdbc;

    public DecisionLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean hasCluster(String clusterId) {
        return jdbc.sql("select count(*) from decision_log where cluster_id = ?").param(clusterId)
                .query(Long.class).single() > 0;
    }

    public boolean contains(String decisionId) {
        return jdbc.sql("select count(*) from decision_log where decision_id = ?").param(decisionId)
                .query(Long.class).single() > 0;
    }

    /** Places a new entry (its seq and hashes are computed here) and chains anew whatever follows it. */
    public void append(Entry entry) {
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
        insert(placed);
        Entry last = placed;
        for (Entry later : following) {
            Entry rechained = later.chainedAfter(last.seq(), last.hash());
            jdbc.sql("update decision_log set seq = ?, prev_hash = ?, hash = ? where event_id = ?")
                    .params(rechained.seq(), rechained.prevHash(), rechained.hash(), rechained.eventId()).update();
            last = rechained;
        }
    }

    private void insert(Entry e) {
        jdbc.sql("insert into decision_log (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.clusterId(), e.seq(), e.eventId(), e.decisionId(), e.type(), e.year(), e.occurredAt(),
                        e.actor(), e.role(), e.payload(), e.minutesRef(), e.reason(), e.summary().vi(), e.summary().en(),
                        e.prevHash(), e.hash(), e.rescindedBy())
                .update();
    }

    /** Notes which decision rescinded an entry; a display annotation outside the hashed content. */
    public void markRescinded(String decisionId, String rescindedBy) {
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
