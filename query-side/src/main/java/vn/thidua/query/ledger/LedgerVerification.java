package vn.thidua.query.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Frontier;
import vn.thidua.ledger.ProofException;
import vn.thidua.ledger.SignedNote;
import vn.thidua.ledger.StoredEvent;

/**
 * Recomputes every sealed leaf from the event table as it is now and hashes them up to the root of every checkpoint
 * the log kept; names the first break and why: an event edited, missing or moved to another global index since it
 * was sealed, an event inserted among the sealed ones without being sealed, or a kept checkpoint that is not signed
 * by the configured key or is not a prefix of today's tree ({@code CHECKPOINT_INCONSISTENT}: leaves rewritten
 * together with their hashes, as only the database's owner can). The answer's tree size and root are those of the
 * latest checkpoint that meets the trust policy.
 */
@Component
public class LedgerVerification {

    /** The reason of a kept checkpoint that today's tree does not extend. */
    public static final String CHECKPOINT_INCONSISTENT = "CHECKPOINT_INCONSISTENT";

    /**
     * The answer: whether the record holds, where it first breaks, how many kept checkpoints were checked, and, for a
     * {@link #CHECKPOINT_INCONSISTENT} record, the size of the first checkpoint broken and why in words.
     */
    public record Result(boolean valid, long treeSize, String rootHash, Long firstBrokenLeaf, String reason,
                         long checkpointsChecked, Long firstBrokenCheckpoint, String detail) {
    }

    private final SealedLedger ledger;
    private final JdbcTemplate jdbc;
    /**
     * Checkpoints whose log signature was checked, by size, with the SHA-256 of the note checked: a note unchanged
     * since is not checked again (Ed25519 in pure Java costs about half a millisecond a checkpoint).
     */
    private final Map<Long, byte[]> signatureChecked = new ConcurrentHashMap<>();

    public LedgerVerification(SealedLedger ledger, JdbcTemplate jdbc) {
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    public Result verify() {
        SealedLedger.SignedCheckpoint witnessed = ledger.latest();
        Recomputation recomputation = new Recomputation(witnessed.treeSize(),
                HexFormat.of().formatHex(witnessed.rootHash()));
        ledger.eachCheckpoint(Long.MAX_VALUE, recomputation::keep);
        if (recomputation.broken == null) {
            ledger.eachLeafWithEvent(recomputation.size(), recomputation);
        }
        Result inserted = inserted(recomputation);
        Result broken = recomputation.broken;
        if (broken == null && recomputation.leaves.size() != recomputation.size()) {
            broken = recomputation.broke(recomputation.leaves.size(), "missing: the ledger has no leaf "
                    + recomputation.leaves.size());
        }
        if (inserted != null && (broken == null || broken.firstBrokenLeaf() == null
                || inserted.firstBrokenLeaf() < broken.firstBrokenLeaf())) {
            return inserted;
        }
        return broken != null ? broken : new Result(true, witnessed.treeSize(), recomputation.rootHash, null, null,
                recomputation.kept.size(), null, null);
    }

    /** The leaves folded in order, each checked against its event and, at each kept size, against the checkpoint. */
    private final class Recomputation implements RowCallbackHandler {
        private final long treeSize;
        private final String rootHash;
        private final TreeMap<Long, byte[]> kept = new TreeMap<>();
        private final Frontier leaves = new Frontier();
        private Result broken;

        Recomputation(long treeSize, String rootHash) {
            this.treeSize = treeSize;
            this.rootHash = rootHash;
        }

        /** How many leaves to recompute: up to the largest checkpoint kept. */
        long size() {
            return kept.isEmpty() ? treeSize : Math.max(treeSize, kept.lastKey());
        }

        void keep(SealedLedger.SignedCheckpoint checkpoint) {
            if (broken != null) {
                return;
            }
            byte[] noteHash = sha256(checkpoint.note());
            if (Arrays.equals(noteHash, signatureChecked.get(checkpoint.treeSize()))) {
                kept.put(checkpoint.treeSize(), Checkpoint.parse(SignedNote.parse(checkpoint.note()).text())
                        .rootHash());
                return;
            }
            try {
                Checkpoint signed = ledger.policy().signedByLog(checkpoint.note());
                if (signed.size() == checkpoint.treeSize()) {
                    kept.put(signed.size(), signed.rootHash());
                    signatureChecked.put(signed.size(), noteHash);
                    return;
                }
            } catch (ProofException e) {
                // a row that is no checkpoint of this log's key
            }
            broken = inconsistent(checkpoint.treeSize(), "the kept checkpoint of size " + checkpoint.treeSize()
                    + " is not signed by the log's configured key");
        }

        @Override
        public void processRow(ResultSet rows) throws SQLException {
            if (broken != null) {
                return;
            }
            requirePrefix();
            long leafIndex = rows.getLong("leaf_index");
            if (leafIndex != leaves.size()) {
                broken = broke(leaves.size(), "missing: the ledger has no leaf " + leaves.size());
                return;
            }
            String eventId = rows.getString("sealed_event");
            if (rows.getString("event_identifier") == null) {
                broken = broke(leafIndex, "missing: event " + eventId + " sealed as this leaf is no longer in the"
                        + " store");
                return;
            }
            StoredEvent event = StoredEvent.read(rows);
            byte[] leafHash = event.leafHash();
            if (!Arrays.equals(leafHash, rows.getBytes("leaf_hash"))) {
                broken = broke(leafIndex, "edited: event " + eventId + " is not as it was when it was sealed");
                return;
            }
            if (event.globalIndex() != rows.getLong("sealed_index")) {
                broken = broke(leafIndex, "reordered: event " + eventId + " was sealed at global index "
                        + rows.getLong("sealed_index") + " and is now at " + event.globalIndex());
                return;
            }
            leaves.append(leafHash);
            if (leaves.size() == size()) {
                requirePrefix();
            }
        }

        /** The tree so far must have the root of the checkpoint kept at its size. */
        private void requirePrefix() {
            byte[] root = kept.get(leaves.size());
            if (root != null && !Arrays.equals(root, leaves.root())) {
                Long previous = kept.lowerKey(leaves.size());
                broken = inconsistent(leaves.size(), "the checkpoint of size " + leaves.size()
                        + " that the log signed is not a prefix of today's tree: a leaf after "
                        + (previous == null ? 0 : previous) + " was rewritten with its hash");
            }
        }

        Result broke(long leaf, String reason) {
            return new Result(false, treeSize, rootHash, leaf, reason, kept.size(), null, null);
        }

        Result inconsistent(long checkpointSize, String detail) {
            return new Result(false, treeSize, rootHash, null, CHECKPOINT_INCONSISTENT, kept.size(), checkpointSize,
                    detail);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Whether the sealed leaf hashes, as the ledger's table holds them now, hash to the latest witnessed root: empty if
     * they do, else why not. Cheaper than {@link #verify()}: no event is read.
     */
    public Optional<String> sealedLeavesMatchSignedRoot() {
        SealedLedger.SignedCheckpoint latest = ledger.latest();
        Frontier sealed = new Frontier();
        jdbc.query("select leaf_hash from ledger_leaf where leaf_index < ? order by leaf_index",
                (RowCallbackHandler) rows -> sealed.append(rows.getBytes(1)), latest.treeSize());
        return sealed.size() == latest.treeSize() && Arrays.equals(sealed.root(), latest.rootHash())
                ? Optional.empty()
                : Optional.of("the sealed leaves do not hash to the signed root of size " + latest.treeSize());
    }

    /** An event at or below the sealed watermark that was never sealed: it did not come through a command. */
    private Result inserted(Recomputation recomputation) {
        return jdbc.query("select e.global_index, e.event_identifier,"
                        + " (select count(*) from ledger_leaf l where l.global_index < e.global_index) as place"
                        + " from domain_event_entry e where e.global_index <= (select sealed_through from ledger_state)"
                        + " and not exists (select 1 from ledger_leaf l where l.event_id = e.event_identifier)"
                        + " order by e.global_index limit 1",
                rows -> rows.next() ? recomputation.broke(rows.getLong("place"), "inserted: event "
                        + rows.getString("event_identifier") + " at global index " + rows.getLong("global_index")
                        + " is among the sealed events but was never sealed") : null);
    }
}
