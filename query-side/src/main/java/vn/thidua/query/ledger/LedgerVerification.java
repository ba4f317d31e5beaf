package vn.thidua.query.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
 *
 * <p>The evidence files reports cite by hash are held to it too: a kept file that no longer hashes to its name, or one
 * gone, is {@code EVIDENCE_CHANGED}.
 *
 * <p>An answer that held is kept: the next one recomputes only the leaves sealed since, unless the store shows that
 * anything under it changed. PostgreSQL stamps every row it writes with the writing transaction's id ({@code xmin}),
 * which no SQL can set: a row of the events or leaves already checked written by a transaction that was not yet
 * finished when they were checked, or a row fewer than then, sends the verification back to the first leaf.
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
                         long checkpointsChecked, Long firstBrokenCheckpoint, String detail, long leavesRecomputed) {
    }

    /**
     * What the last answer that held established, in the snapshot it read: the leaves recomputed and their frontier,
     * the roots at the kept checkpoints' sizes, the sealed watermark and how many events lay at or under it, and the
     * oldest transaction that snapshot did not see finished.
     */
    private record Checked(Frontier leaves, Map<Long, byte[]> rootsAt, long sealedThrough, long eventsSealedThrough,
                           long oldestUnfinished, long evidenceFiles) {
    }

    /** The reason of a kept evidence file that no longer hashes to its name, or of one gone. */
    public static final String EVIDENCE_CHANGED = "EVIDENCE_CHANGED";

    /** Transaction ids as {@code xmin} shows them wrap around at 2^32; a check older than half of that starts over. */
    private static final long XID_WRAP = 1L << 32;

    private final SealedLedger ledger;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate oneSnapshot;
    /** Guarded by {@code this}: one verification at a time, each at worst reading the whole ledger. */
    private Checked checked;
    /**
     * Checkpoints whose log signature was checked, by size, with the SHA-256 of the note checked: a note unchanged
     * since is not checked again (Ed25519 in pure Java costs about half a millisecond a checkpoint).
     */
    private final Map<Long, byte[]> signatureChecked = new ConcurrentHashMap<>();

    public LedgerVerification(SealedLedger ledger, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.oneSnapshot = new TransactionTemplate(transactions);
        this.oneSnapshot.setReadOnly(true);
        this.oneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public synchronized Result verify() {
        return oneSnapshot.execute(status -> {
            Result incremental = checked == null ? null : verifyFrom(checked);
            return incremental != null ? incremental : verifyFrom(null);
        });
    }

    /**
     * Verifies from what {@code from} established, or from the first leaf; null when {@code from} no longer holds
     * (something under it changed, or a checkpoint was kept at a size it did not compute).
     */
    private Result verifyFrom(Checked from) {
        long[] snapshot = jdbc.queryForObject("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint,"
                + " pg_snapshot_xmax(pg_current_snapshot())::text::bigint, (select sealed_through from ledger_state)",
                (row, i) -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)});
        if (from != null && changedUnder(from, snapshot[1])) {
            return null;
        }
        SealedLedger.SignedCheckpoint witnessed = ledger.latest();
        Recomputation recomputation = new Recomputation(witnessed.treeSize(),
                HexFormat.of().formatHex(witnessed.rootHash()), from);
        ledger.eachCheckpoint(Long.MAX_VALUE, recomputation::keep);
        if (recomputation.uncomputedSize) {
            return null;
        }
        if (recomputation.broken == null) {
            ledger.eachLeafWithEvent(recomputation.start, recomputation.size(), recomputation);
            recomputation.requirePrefix();
        }
        Result inserted = inserted(recomputation, from == null ? -1 : from.sealedThrough());
        Result broken = recomputation.broken;
        if (broken == null && recomputation.leaves.size() != recomputation.size()) {
            broken = recomputation.broke(recomputation.leaves.size(), "missing: the ledger has no leaf "
                    + recomputation.leaves.size());
        }
        if (inserted != null && (broken == null || broken.firstBrokenLeaf() == null
                || inserted.firstBrokenLeaf() < broken.firstBrokenLeaf())) {
            return inserted;
        }
        if (broken == null) {
            broken = evidenceChanged(from, snapshot[1], recomputation);
        }
        if (broken != null) {
            checked = null;
            return broken;
        }
        checked = new Checked(recomputation.leaves.copy(), recomputation.rootsAt, snapshot[2],
                jdbc.queryForObject("select count(*) from domain_event_entry where global_index <= ?", Long.class,
                        snapshot[2]), snapshot[0],
                jdbc.queryForObject("select count(*) from evidence_file", Long.class));
        return new Result(true, witnessed.treeSize(), recomputation.rootHash, null, null,
                recomputation.kept.size(), null, null, recomputation.recomputed());
    }

    /**
     * The kept evidence files, which reports cite by the SHA-256 of their bytes: each must still hash to its name, and
     * none may be gone (the table is insert-only). Hashed in full once, then only the files written since the last
     * answer that held.
     */
    private Result evidenceChanged(Checked from, long nextTransaction, Recomputation recomputation) {
        long files = jdbc.queryForObject("select count(*) from evidence_file", Long.class);
        if (from != null && files < from.evidenceFiles()) {
            return recomputation.evidenceChanged((from.evidenceFiles() - files) + " kept evidence file(s) are gone");
        }
        String since = from == null ? "" : " where " + writtenSince(from, nextTransaction);
        List<String> changed = new ArrayList<>();
        jdbc.query("select sha256, size, content from evidence_file" + since, (RowCallbackHandler) row -> {
            byte[] content = row.getBytes(3);
            if (content.length != row.getLong(2)
                    || !HexFormat.of().formatHex(sha256(content)).equals(row.getString(1).strip())) {
                changed.add(row.getString(1).strip());
            }
        });
        return changed.isEmpty() ? null : recomputation.evidenceChanged("evidence file " + changed.get(0)
                + " no longer hashes to its name" + (changed.size() > 1 ? " (and " + (changed.size() - 1)
                + " more)" : ""));
    }

    /**
     * Whether any event at or under the sealed watermark, or any leaf, checked by {@code from} was written since by a
     * transaction it could not see finished, or is gone; or that check is too old to tell.
     */
    private boolean changedUnder(Checked from, long nextTransaction) {
        long window = nextTransaction - from.oldestUnfinished();
        if (window >= XID_WRAP / 2) {
            return true;
        }
        String writtenSince = writtenSince(from, nextTransaction);
        return jdbc.queryForObject("select exists(select 1 from domain_event_entry where global_index <= ? and "
                        + writtenSince + ") or exists(select 1 from ledger_leaf where leaf_index < ? and " + writtenSince
                        + ") or (select count(*) from domain_event_entry where global_index <= ?) <> ?"
                        + " or (select count(*) from ledger_leaf where leaf_index < ?) <> ?", Boolean.class,
                from.sealedThrough(), from.leaves().size(), from.sealedThrough(), from.eventsSealedThrough(),
                from.leaves().size(), from.leaves().size());
    }

    /**
     * The SQL condition that a row was written by a transaction {@code from} could not see finished: its {@code xmin}
     * (32 bits, wrapping) lies between that check's oldest unfinished transaction and the next one now.
     */
    private static String writtenSince(Checked from, long nextTransaction) {
        return "((xmin::text::bigint - " + from.oldestUnfinished() % XID_WRAP + ") % " + XID_WRAP + " + " + XID_WRAP
                + ") % " + XID_WRAP + " < " + (nextTransaction - from.oldestUnfinished());
    }

    /** The leaves folded in order, each checked against its event and, at each kept size, against the checkpoint. */
    private final class Recomputation implements RowCallbackHandler {
        private final long treeSize;
        private final String rootHash;
        private final TreeMap<Long, byte[]> kept = new TreeMap<>();
        /** The leaf to start at: the first one not established by the check this one goes on from. */
        private final long start;
        private final Frontier leaves;
        private final Map<Long, byte[]> rootsAt;
        /** A kept checkpoint below {@link #start} at a size whose root the check gone on from did not compute. */
        private boolean uncomputedSize;
        private Result broken;

        Recomputation(long treeSize, String rootHash, Checked from) {
            this.treeSize = treeSize;
            this.rootHash = rootHash;
            this.start = from == null ? 0 : from.leaves().size();
            this.leaves = from == null ? new Frontier() : from.leaves().copy();
            this.rootsAt = from == null ? new HashMap<>() : new HashMap<>(from.rootsAt());
        }

        long recomputed() {
            return leaves.size() - start;
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
            } else {
                try {
                    Checkpoint signed = ledger.policy().signedByLog(checkpoint.note());
                    if (signed.size() != checkpoint.treeSize()) {
                        throw new ProofException("the note is of another size");
                    }
                    kept.put(signed.size(), signed.rootHash());
                    signatureChecked.put(signed.size(), noteHash);
                } catch (ProofException e) {
                    broken = inconsistent(checkpoint.treeSize(), "the kept checkpoint of size "
                            + checkpoint.treeSize() + " is not signed by the log's configured key");
                    return;
                }
            }
            if (checkpoint.treeSize() < start) {
                byte[] computed = rootsAt.get(checkpoint.treeSize());
                if (computed == null) {
                    uncomputedSize = true;
                } else if (!Arrays.equals(computed, kept.get(checkpoint.treeSize()))) {
                    broken = notAPrefix(checkpoint.treeSize());
                }
            }
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
        void requirePrefix() {
            byte[] root = kept.get(leaves.size());
            if (broken != null || root == null) {
                return;
            }
            byte[] computed = leaves.root();
            rootsAt.put(leaves.size(), computed);
            if (!Arrays.equals(root, computed)) {
                broken = notAPrefix(leaves.size());
            }
        }

        private Result notAPrefix(long size) {
            Long previous = kept.lowerKey(size);
            return inconsistent(size, "the checkpoint of size " + size + " that the log signed is not a prefix of"
                    + " today's tree: a leaf after " + (previous == null ? 0 : previous) + " was rewritten with its"
                    + " hash");
        }

        Result broke(long leaf, String reason) {
            return new Result(false, treeSize, rootHash, leaf, reason, kept.size(), null, null, recomputed());
        }

        Result evidenceChanged(String detail) {
            return new Result(false, treeSize, rootHash, null, EVIDENCE_CHANGED, kept.size(), null, detail,
                    recomputed());
        }

        Result inconsistent(long checkpointSize, String detail) {
            return new Result(false, treeSize, rootHash, null, CHECKPOINT_INCONSISTENT, kept.size(), checkpointSize,
                    detail, recomputed());
        }
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
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

    /**
     * An event at or below the sealed watermark that was never sealed: it did not come through a command. Only those
     * above {@code checkedThrough}: under it the check gone on from found none, and a row written there since sends
     * the verification back to the start.
     */
    private Result inserted(Recomputation recomputation, long checkedThrough) {
        return jdbc.query("select e.global_index, e.event_identifier,"
                        + " (select count(*) from ledger_leaf l where l.global_index < e.global_index) as place"
                        + " from domain_event_entry e where e.global_index <= (select sealed_through from ledger_state)"
                        + " and e.global_index > ?"
                        + " and not exists (select 1 from ledger_leaf l where l.event_id = e.event_identifier)"
                        + " order by e.global_index limit 1",
                rows -> rows.next() ? recomputation.broke(rows.getLong("place"), "inserted: event "
                        + rows.getString("event_identifier") + " at global index " + rows.getLong("global_index")
                        + " is among the sealed events but was never sealed") : null, checkedThrough);
    }
}
