package vn.thidua.query.documents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.springframework.stereotype.Component;

import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Merkle;
import vn.thidua.ledger.MerkleTree;
import vn.thidua.ledger.ProofException;
import vn.thidua.ledger.WitnessPolicy;
import vn.thidua.query.ledger.SealedLedger;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.narration.Text;
import vn.thidua.query.narration.UnitNames;

/**
 * What a document's QR code leads to: each event the document rests on, recomputed from the store as it is now and
 * proven included in the checkpoint the document names; and the events recorded since (a rescission, say), which a
 * reader of the paper should know of.
 */
@Component
public class DocumentVerification {

    /** One event of the document: its leaf, and whether it still is what was sealed and sits in the checkpoint. */
    public record EventCheck(String eventId, long leafIndex, String type, Text text, boolean verified) {
    }

    /**
     * The answer the verification page shows: {@code checkpointSigned} when the log's signature and the witness quorum
     * of the configured trust policy check on the document's checkpoint, the witnesses that cosigned it.
     */
    public record Result(String kind, String clusterId, int year, String unitId, long treeSize, String rootHash,
                         boolean checkpointSigned, List<String> cosigners, int quorum, boolean verified,
                         List<EventCheck> events, List<EventCheck> recordedSince) {
    }

    private final YearRecords records;
    private final SealedLedger ledger;

    public DocumentVerification(YearRecords records, SealedLedger ledger) {
        this.records = records;
        this.ledger = ledger;
    }

    public Result verify(DocumentKind kind, String clusterId, int year, String unitId, long treeSize) {
        SealedLedger.SignedCheckpoint checkpoint = records.checkpoint(treeSize);
        boolean signed;
        List<String> cosigners = List.of();
        try {
            WitnessPolicy.Witnessed witnessed = ledger.policy().check(checkpoint.note());
            Checkpoint opened = witnessed.checkpoint();
            signed = opened.size() == treeSize && Arrays.equals(opened.rootHash(), checkpoint.rootHash());
            cosigners = witnessed.cosigners();
        } catch (ProofException e) {
            signed = false;
        }
        MerkleTree tree = ledger.tree(treeSize);
        UnitNames names = new UnitNames();
        List<EventCheck> events = new ArrayList<>();
        List<EventCheck> since = new ArrayList<>();
        for (YearRecords.Sealed sealed : records.sealedEvents(clusterId, year)) {
            names = UnitNames.apply(names, sealed.event());
            Text text = Narrator.describe(sealed.event(), names);
            String type = sealed.event().getClass().getSimpleName();
            if (sealed.leafIndex() >= treeSize) {
                since.add(new EventCheck(sealed.stored().eventId(), sealed.leafIndex(), type, text, false));
                continue;
            }
            events.add(new EventCheck(sealed.stored().eventId(), sealed.leafIndex(), type, text,
                    included(sealed, tree, treeSize, checkpoint.rootHash())));
        }
        boolean verified = signed && !events.isEmpty() && events.stream().allMatch(EventCheck::verified);
        return new Result(kind.slug(), clusterId, year, unitId, treeSize,
                HexFormat.of().formatHex(checkpoint.rootHash()), signed, cosigners, ledger.policy().quorum(), verified,
                events, since);
    }

    /** The event as stored now hashes to a leaf whose inclusion proof leads to the checkpoint's root. */
    private static boolean included(YearRecords.Sealed sealed, MerkleTree tree, long treeSize, byte[] root) {
        try {
            Merkle.verifyInclusion(sealed.leafIndex(), treeSize, sealed.stored().leafHash(),
                    tree.inclusionProof(sealed.leafIndex(), treeSize), root);
            return true;
        } catch (ProofException e) {
            return false;
        }
    }
}
