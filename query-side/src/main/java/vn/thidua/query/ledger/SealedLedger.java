package vn.thidua.query.ledger;

import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thidua.ledger.MerkleTree;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.query.web.Problem;

/**
 * The ledger as the sealer left it in the store: leaves, signed checkpoints, the verifier key, and the whole tree in
 * memory for proofs (read once, then only the leaves added since). The verifier key is the configured one
 * ({@code thidua.ledger.verifier-key}, the key auditors were given) or else the one the first sealer registered.
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

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final String configuredVerifierKey;
    private final MerkleTree tree = new MerkleTree();

    public SealedLedger(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                        @Value("${thidua.ledger.verifier-key:}") String configuredVerifierKey) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.configuredVerifierKey = configuredVerifierKey;
    }

    /**
     * Hands over the first {@code size} leaves in order, each row with the leaf ({@code leaf_index},
     * {@code sealed_index}, {@code sealed_event}, {@code leaf_hash}) and its event as the store holds it now (the event
     * table's columns, null when the event is gone), read in a cursor so that any size fits in memory.
     */
    public void eachLeafWithEvent(long size, RowCallbackHandler leaves) {
        readOnly.executeWithoutResult(status -> streaming.query("select l.leaf_index, l.global_index as sealed_index,"
                + " l.event_id as sealed_event, l.leaf_hash, e.* from ledger_leaf l"
                + " left join domain_event_entry e on e.event_identifier = l.event_id"
                + " where l.leaf_index < ? order by l.leaf_index", leaves, size));
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

    public SignedCheckpoint latest() {
        return jdbc.sql("select tree_size, root_hash, note, created_at from ledger_checkpoint"
                        + " order by tree_size desc limit 1")
                .query((row, i) -> new SignedCheckpoint(row.getLong(1), row.getBytes(2), row.getString(3),
                        row.getString(4)))
                .optional().orElseThrow(Problem.LEDGER_NOT_STARTED::raise);
    }

    public Optional<SignedCheckpoint> at(long treeSize) {
        return jdbc.sql("select tree_size, root_hash, note, created_at from ledger_checkpoint"
                        + " where tree_size = ?")
                .param(treeSize)
                .query((row, i) -> new SignedCheckpoint(row.getLong(1), row.getBytes(2), row.getString(3),
                        row.getString(4)))
                .optional();
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

    public NoteKeys.Verifier verifier() {
        if (!configuredVerifierKey.isBlank()) {
            return NoteKeys.verifier(configuredVerifierKey);
        }
        return jdbc.sql("select verifier_key from ledger_state where id = 1").query(String.class).optional()
                .map(NoteKeys::verifier).orElseThrow(Problem.LEDGER_NOT_STARTED::raise);
    }

    /** Every global index up to this one is sealed or was a rolled-back append. */
    public long sealedThrough() {
        return jdbc.sql("select sealed_through from ledger_state where id = 1").query(Long.class).single();
    }
}
