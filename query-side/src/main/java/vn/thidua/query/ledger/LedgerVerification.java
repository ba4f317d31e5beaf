package vn.thidua.query.ledger;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Frontier;
import vn.thidua.ledger.ProofException;
import vn.thidua.ledger.StoredEvent;

/**
 * Recomputes every sealed leaf from the event table as it is now and hashes them up to the latest signed
 * checkpoint's root; names the first broken leaf and why: an event edited, missing or moved to another global index
 * since it was sealed, an event inserted among the sealed ones without being sealed, or leaves that no longer hash
 * to the signed root (the ledger's own table rewritten).
 */
@Component
public class LedgerVerification {

    /** The answer: whether the record holds, and where it first breaks. */
    public record Result(boolean valid, long treeSize, String rootHash, Long firstBrokenLeaf, String reason) {
    }

    private final SealedLedger ledger;
    private final JdbcTemplate jdbc;

    public LedgerVerification(SealedLedger ledger, JdbcTemplate jdbc) {
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    public Result verify() {
        SealedLedger.SignedCheckpoint latest = ledger.latest();
        String root = HexFormat.of().formatHex(latest.rootHash());
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(latest.note(), ledger.verifier());
        } catch (ProofException e) {
            return new Result(false, latest.treeSize(), root, null, "checkpoint: " + e.getMessage());
        }
        return recompute(checkpoint, root);
    }

    private Result recompute(Checkpoint checkpoint, String root) {
        Frontier recomputed = new Frontier();
        Result[] broken = {null};
        ledger.eachLeafWithEvent(checkpoint.size(), rows -> {
                    long leafIndex = rows.getLong("leaf_index");
                    if (broken[0] != null) {
                        return;
                    }
                    if (leafIndex != recomputed.size()) {
                        broken[0] = broke(checkpoint, root, recomputed.size(), "missing: the ledger has no leaf "
                                + recomputed.size());
                        return;
                    }
                    String eventId = rows.getString("sealed_event");
                    if (rows.getString("event_identifier") == null) {
                        broken[0] = broke(checkpoint, root, leafIndex, "missing: event " + eventId
                                + " sealed as this leaf is no longer in the store");
                        return;
                    }
                    StoredEvent event = StoredEvent.read(rows);
                    byte[] leafHash = event.leafHash();
                    if (!Arrays.equals(leafHash, rows.getBytes("leaf_hash"))) {
                        broken[0] = broke(checkpoint, root, leafIndex, "edited: event " + eventId
                                + " is not as it was when it was sealed");
                        return;
                    }
                    if (event.globalIndex() != rows.getLong("sealed_index")) {
                        broken[0] = broke(checkpoint, root, leafIndex, "reordered: event " + eventId
                                + " was sealed at global index " + rows.getLong("sealed_index") + " and is now at "
                                + event.globalIndex());
                        return;
                    }
                    recomputed.append(leafHash);
                });
        Result inserted = inserted(checkpoint, root);
        if (broken[0] != null) {
            return inserted != null && inserted.firstBrokenLeaf() < broken[0].firstBrokenLeaf() ? inserted : broken[0];
        }
        if (recomputed.size() != checkpoint.size()) {
            return broke(checkpoint, root, recomputed.size(), "missing: the ledger has no leaf " + recomputed.size());
        }
        if (inserted != null) {
            return inserted;
        }
        if (!Arrays.equals(recomputed.root(), checkpoint.rootHash())) {
            return broke(checkpoint, root, null, "the sealed leaves do not hash to the signed root of size "
                    + checkpoint.size() + ": the ledger's own table was rewritten");
        }
        return new Result(true, checkpoint.size(), root, null, null);
    }

    /**
     * Whether the sealed leaf hashes, as the ledger's table holds them now, hash to the latest signed root: empty if
     * they do, else why not. Cheaper than {@link #verify()}: no event is read.
     */
    public Optional<String> sealedLeavesMatchSignedRoot() {
        SealedLedger.SignedCheckpoint latest = ledger.latest();
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(latest.note(), ledger.verifier());
        } catch (ProofException e) {
            return Optional.of("checkpoint: " + e.getMessage());
        }
        Frontier sealed = new Frontier();
        jdbc.query("select leaf_hash from ledger_leaf where leaf_index < ? order by leaf_index",
                (RowCallbackHandler) rows -> sealed.append(rows.getBytes(1)), checkpoint.size());
        return sealed.size() == checkpoint.size() && Arrays.equals(sealed.root(), checkpoint.rootHash())
                ? Optional.empty()
                : Optional.of("the sealed leaves do not hash to the signed root of size " + checkpoint.size());
    }

    /** An event at or below the sealed watermark that was never sealed: it did not come through a command. */
    private Result inserted(Checkpoint checkpoint, String root) {
        return jdbc.query("select e.global_index, e.event_identifier,"
                        + " (select count(*) from ledger_leaf l where l.global_index < e.global_index) as place"
                        + " from domain_event_entry e where e.global_index <= (select sealed_through from ledger_state)"
                        + " and not exists (select 1 from ledger_leaf l where l.event_id = e.event_identifier)"
                        + " order by e.global_index limit 1",
                rows -> rows.next() ? broke(checkpoint, root, rows.getLong("place"), "inserted: event "
                        + rows.getString("event_identifier") + " at global index " + rows.getLong("global_index")
                        + " is among the sealed events but was never sealed") : null);
    }

    private static Result broke(Checkpoint checkpoint, String root, Long leaf, String reason) {
        return new Result(false, checkpoint.size(), root, leaf, reason);
    }
}
