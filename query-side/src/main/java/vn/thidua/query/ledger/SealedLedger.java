package vn.thidua.query.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thidua.ledger.MerkleTree;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.ProofException;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.ledger.WitnessPolicy;
import vn.thidua.query.web.Problem;

/**
 * The ledger as the sealer and the witnesses left it in the store: leaves, signed checkpoints with the cosignatures
 * collected, and the whole tree in memory for proofs (read once, then only the leaves added since). Keys come from
 * the configured trust policy only: a checkpoint counts once the log's signature and the quorum's cosignatures check
 * against it, whatever the database says.
 */
@Component
public class SealedLedger {

    /** One sealed leaf. */
    public record Leaf(long leafIndex, long globalIndex, String eventId, byte[] leafHash, String sealedAt) {
    }

    /** A signed checkpoint as stored, with the time it was signed. */
    public record SignedCheckpoint(long treeSize, byte[] rootHash, String note, String createdAt) {
    }

    private static final int FETCH_SIZE = 5_000;
    private static final String LEAVES_WITH_EVENTS = "select l.leaf_index, l.global_index as sealed_index,"
            + " l.event_id as sealed_event, l.leaf_hash, e.* from ledger_leaf l"
            + " left join domain_event_entry e on e.event_identifier = l.event_id"
            + " where l.leaf_index >= ? and l.leaf_index < ? order by l.leaf_index";

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final WitnessPolicy policy;
    private final MerkleTree tree = new MerkleTree();
    /** The last checkpoint found to meet the quorum, as read: checked again only when the store shows another. */
    private volatile SignedCheckpoint lastWitnessed;

    public SealedLedger(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                        WitnessPolicy policy) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.policy = policy;
    }

    /**
     * Hands over the leaves from {@code from} up to {@code size} in order, each row with the leaf ({@code leaf_index},
     * {@code sealed_index}, {@code sealed_event}, {@code leaf_hash}) and its event as the store holds it now (the event
     * table's columns, null when the event is gone), read in a cursor so that any size fits in memory.
     */
    public void eachLeafWithEvent(long from, long size, RowCallbackHandler leaves) {
        readOnly.executeWithoutResult(status -> streaming.query(LEAVES_WITH_EVENTS, leaves, from, size));
    }

    /** The leaves from {@code from} up to {@code size}, at most {@code limit} of them, read at once. */
    public <T> List<T> leavesWithEvents(long from, long size, int limit, RowMapper<T> leaf) {
        return jdbc.sql(LEAVES_WITH_EVENTS + " limit ?").params(from, size, limit).query(leaf).list();
    }

    /** The tree with at least {@code size} leaves, reading the leaves sealed since the last call. */
    public MerkleTree tree(long size) {
        synchronized (tree) {
            if (tree.size() < size) {
                jdbc.sql("select leaf_index, leaf_hash from ledger_leaf where leaf_index >= ? order by leaf_index")
                        .param(tree.size())
                        .query(rows -> {
                            if (rows.getLong(1) != tree.size()) {
                                throw new IllegalStateException("the ledger has no leaf " + tree.size());
                            }
                            tree.append(rows.getBytes(2));
                        });
            }
            return tree;
        }
    }

    /**
     * The latest checkpoint that meets the trust policy, with the log's signature and every valid cosignature by a
     * configured witness.
     */
    public SignedCheckpoint latest() {
        String candidates = "select c.tree_size, c.root_hash, c.note, c.created_at,"
                + " coalesce(string_agg(s.signature, '' order by s.witness_key), '') as cosignatures"
                + " from ledger_checkpoint c left join ledger_cosignature s on s.tree_size = c.tree_size"
                + " group by c.tree_size" + (policy.quorum() > 0 ? " having count(s.signature) >= :quorum" : "")
                + " order by c.tree_size desc limit 16";
        SignedCheckpoint known = lastWitnessed;
        for (SignedCheckpoint candidate : jdbc.sql(candidates).paramSource(Map.of("quorum", policy.quorum()))
                .query((row, i) -> withCosignatures(row)).list()) {
            if (known != null && known.treeSize() == candidate.treeSize() && known.note().equals(candidate.note())) {
                return known;
            }
            try {
                policy.check(candidate.note());
                lastWitnessed = candidate;
                return candidate;
            } catch (ProofException e) {
                // not signed by the configured keys, or short of the quorum: an older one may count
            }
        }
        throw Problem.LEDGER_NOT_STARTED.raise();
    }

    /** Any checkpoint signed so far, by its size, with the cosignatures collected for it. */
    public Optional<SignedCheckpoint> at(long treeSize) {
        return jdbc.sql("select c.tree_size, c.root_hash, c.note, c.created_at,"
                        + " coalesce(string_agg(s.signature, '' order by s.witness_key), '') as cosignatures"
                        + " from ledger_checkpoint c left join ledger_cosignature s on s.tree_size = c.tree_size"
                        + " where c.tree_size = ? group by c.tree_size")
                .param(treeSize).query((row, i) -> withCosignatures(row)).optional();
    }

    /** Every checkpoint the log kept up to {@code size}, in order, with the cosignatures collected for each. */
    public void eachCheckpoint(long size, Consumer<SignedCheckpoint> checkpoints) {
        readOnly.executeWithoutResult(status -> streaming.query("select c.tree_size, c.root_hash, c.note,"
                + " c.created_at, coalesce(string_agg(s.signature, '' order by s.witness_key), '') as cosignatures"
                + " from ledger_checkpoint c left join ledger_cosignature s on s.tree_size = c.tree_size"
                + " where c.tree_size <= ? group by c.tree_size order by c.tree_size",
                (RowCallbackHandler) row -> checkpoints.accept(withCosignatures(row)), size));
    }

    /** The note with the cosignatures that check against the policy's witnesses, in the policy's order. */
    private SignedCheckpoint withCosignatures(ResultSet row) throws SQLException {
        String note = policy.withCosignatures(row.getString("note"), row.getString("cosignatures"));
        return new SignedCheckpoint(row.getLong("tree_size"), row.getBytes("root_hash"), note,
                row.getString("created_at"));
    }

    public Leaf leaf(String eventId) {
        return jdbc.sql("select leaf_index, global_index, event_id, leaf_hash, sealed_at from ledger_leaf"
                        + " where event_id = ?").param(eventId)
                .query((row, i) -> new Leaf(row.getLong(1), row.getLong(2), row.getString(3), row.getBytes(4),
                        row.getString(5)))
                .optional().orElseThrow(() -> Problem.EVENT_NOT_SEALED.raise(eventId));
    }

    /** The event as the store holds it now. */
    public Optional<StoredEvent> event(String eventId) {
        return jdbc.sql("select " + StoredEvent.COLUMNS + " from domain_event_entry where event_identifier = ?")
                .param(eventId).query((row, i) -> StoredEvent.read(row)).optional();
    }

    /** The log's verifier key, as the trust policy names it. */
    public NoteKeys.Verifier verifier() {
        return policy.log();
    }

    public WitnessPolicy policy() {
        return policy;
    }

    /** Every global index up to this one is sealed or was a rolled-back append. */
    public long sealedThrough() {
        return jdbc.sql("select sealed_through from ledger_state where id = 1").query(Long.class).single();
    }
}
