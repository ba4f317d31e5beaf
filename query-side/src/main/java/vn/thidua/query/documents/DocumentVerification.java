package vn.thidua.query.documents;

import vn.thidua.events.year.DocumentKind;
import java.time.LocalDate;
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
import vn.thidua.query.projection.StoredPayloads;
import vn.thidua.query.web.Problem;

/**
 * What a document's QR code leads to: each fact the document prints, its event recomputed from the store as it is now
 * and proven included in the checkpoint the document names; and the acts recorded since that change what the paper
 * says (a rescission, a later assessment), which a reader of the paper should know of. Whoever holds the paper learns
 * nothing beyond it: the kind of each act and its day. Those who may read the cluster's record see each act in words
 * and everything recorded since.
 */
@Component
public class DocumentVerification {

    /** How much of the year's record an answer shows. */
    public enum Scope {
        /** Only the facts the document prints, by kind and day: the holder of the paper, anonymous. */
        WHAT_THE_PAPER_PRINTS,
        /** The facts in words, and every act of the cluster's year recorded since: the record's keepers. */
        WHOLE_RECORD
    }

    /**
     * One event: its leaf, the kind of act and its day, whether it still is what was sealed and sits in the
     * checkpoint; {@code text} (the act in words) for the record's keepers only.
     */
    public record EventCheck(String eventId, long leafIndex, String type, Text kind, LocalDate occurredOn, Text text,
                             boolean verified) {
    }

    /**
     * The answer the verification page shows: {@code checkpointSigned} when the log's signature and the witness quorum
     * of the configured trust policy check on the document's checkpoint, the witnesses that cosigned it;
     * {@code restOfRecordVerified} when the cluster's other events below the checkpoint are unchanged too (an edit
     * that moved a fact off the paper, to another unit say, shows there). {@code issued}: the register's entry when
     * this document was issued (its number, day and the SHA-256 of the PDF as issued), else null: a draft.
     */
    public record Result(String kind, String clusterId, int year, String unitId, Scope scope, long treeSize,
                         String rootHash, boolean checkpointSigned, List<String> cosigners, int quorum,
                         boolean verified, boolean restOfRecordVerified, List<EventCheck> events,
                         List<EventCheck> recordedSince, DocumentRegister.Entry issued) {
    }

    private final YearRecords records;
    private final SealedLedger ledger;
    private final DocumentRegister register;

    public DocumentVerification(YearRecords records, SealedLedger ledger, DocumentRegister register) {
        this.records = records;
        this.ledger = ledger;
        this.register = register;
    }

    public Result verify(DocumentKind kind, String clusterId, int year, String unitId, long treeSize, Scope scope) {
        if (kind == DocumentKind.CERTIFICATE && (unitId == null || unitId.isBlank())) {
            throw Problem.CERTIFICATE_UNIT_MISSING.raise();
        }
        String unit = kind == DocumentKind.CERTIFICATE ? unitId : null;
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
        PrintedFacts printed = new PrintedFacts(kind, year, unit);
        UnitNames names = new UnitNames();
        List<EventCheck> events = new ArrayList<>();
        List<EventCheck> since = new ArrayList<>();
        boolean restOfRecordVerified = true;
        for (YearRecords.Sealed sealed : records.sealedEvents(clusterId, year)) {
            names = UnitNames.apply(names, sealed.event());
            boolean onThePaper = printed.prints(sealed.event());
            boolean recordedSince = sealed.leafIndex() >= treeSize;
            boolean verified = !recordedSince && included(sealed, tree, treeSize, checkpoint.rootHash());
            if (!onThePaper && !recordedSince) {
                restOfRecordVerified &= verified;
            }
            if (!onThePaper && !(recordedSince && scope == Scope.WHOLE_RECORD)) {
                continue;
            }
            EventCheck check = new EventCheck(sealed.stored().eventId(), sealed.leafIndex(),
                    sealed.event().getClass().getSimpleName(), Narrator.kind(sealed.event()),
                    StoredPayloads.envelope(sealed.stored(), sealed.event()).occurredOn(),
                    scope == Scope.WHOLE_RECORD ? Narrator.describe(sealed.event(), names) : null, verified);
            (recordedSince ? since : events).add(check);
        }
        boolean verified = signed && restOfRecordVerified && !events.isEmpty()
                && events.stream().allMatch(EventCheck::verified);
        return new Result(kind.slug(), clusterId, year, unit, scope, treeSize,
                HexFormat.of().formatHex(checkpoint.rootHash()), signed, cosigners, ledger.policy().quorum(), verified,
                restOfRecordVerified, events, since, register.find(clusterId, year, kind, unit)
                .filter(issued -> issued.treeSize() == treeSize).orElse(null));
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
