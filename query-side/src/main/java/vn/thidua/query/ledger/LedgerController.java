package vn.thidua.query.ledger;

import java.time.LocalDate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.StoredPayloads;
import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.events.json.EventJson;
import vn.thidua.ledger.MerkleTree;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.platform.security.Actors;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

/**
 * The ledger for auditors, units and anyone holding a checkpoint: the latest witnessed checkpoint, the public key and
 * the trust policy (public), leaves, RFC 9162 inclusion and consistency proofs, the verification of the whole record,
 * self-contained receipts, and an export for the offline verifier.
 */
@RestController
@Tag(name = "ledger")
@RequestMapping("/api/ledger")
public class LedgerController {

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final HexFormat HEX = HexFormat.of();
    /** Leaves read per query of an export, written before the next is read. */
    private static final int EXPORT_CHUNK = 1_000;
    /** The largest page of an export a client may ask for. */
    private static final int EXPORT_MAX_LIMIT = 100_000;

    /** A sealed leaf. */
    public record LeafView(long leafIndex, String eventId, String leafHash, String sealedAt) {
    }

    /** The key checkpoints are signed with. */
    public record PublicKeyView(String keyName, String algorithm, String publicKey, String verifierKey) {
    }

    /** An RFC 9162 inclusion proof of one leaf in the tree of {@code treeSize} leaves. */
    public record InclusionProof(long leafIndex, long treeSize, String leafHash, List<String> hashes) {
    }

    /** An RFC 9162 consistency proof: the tree of size {@code from} is a prefix of the tree of size {@code to}. */
    public record ConsistencyProof(long from, long to, List<String> hashes) {
    }

    /**
     * All a unit needs to prove, offline, that its act is on the record; and, read from the event as stored, the day
     * the act took place ({@code occurredOn}) and whether it was entered later than that day ({@code backdated}).
     */
    public record Receipt(Map<String, Object> event, long leafIndex, long treeSize, List<String> hashes,
                          String checkpoint, LocalDate occurredOn, boolean backdated) {
    }

    private final SealedLedger ledger;
    private final LedgerVerification verification;
    private final Actors actors;
    private final JsonMapper json = EventJson.mapper();

    public LedgerController(SealedLedger ledger, LedgerVerification verification, Actors actors) {
        this.ledger = ledger;
        this.verification = verification;
        this.actors = actors;
    }

    @Operation(summary = "Điểm kiểm tra mới nhất được đủ nhân chứng ký xác nhận · The latest checkpoint the witness"
            + " quorum cosigned, with the log's signature and every cosignature")
    @Problems({Problem.LEDGER_NOT_STARTED})
    @GetMapping(value = "/checkpoint", produces = "text/plain")
    public ResponseEntity<String> checkpoint() {
        return ResponseEntity.ok().contentType(TEXT).body(ledger.latest().note());
    }

    /** Any checkpoint signed so far, by its tree size: an auditor holding an old size gets its note again. */
    @Operation(summary = "Điểm kiểm tra theo kích thước cây · A checkpoint by its tree size")
    @Problems({Problem.TREE_SIZE_INVALID, Problem.LEDGER_NOT_STARTED})
    @GetMapping(value = "/checkpoints/{treeSize}", produces = "text/plain")
    public ResponseEntity<String> checkpointOfSize(@PathVariable long treeSize) {
        return ResponseEntity.ok().contentType(TEXT).body(ledger.at(treeSize)
                .orElseThrow(() -> Problem.TREE_SIZE_INVALID.raise(treeSize, ledger.latest().treeSize())).note());
    }

    @Operation(summary = "Chính sách tin cậy: khóa của sổ cái, các nhân chứng và số chữ ký cần có · The trust policy:"
            + " the log's key, the witnesses and their quorum")
    @GetMapping("/policy")
    public Map<String, Object> policy() {
        return ledger.policy().toJson();
    }

    @Operation(summary = "Khóa công khai của sổ cái · The ledger's public key")
    @Problems({Problem.LEDGER_NOT_STARTED})
    @GetMapping("/public-key")
    public PublicKeyView publicKey() {
        NoteKeys.Verifier verifier = ledger.verifier();
        return new PublicKeyView(verifier.name(), "Ed25519", Base64.getEncoder().encodeToString(verifier.publicKey()),
                verifier.verifierKey());
    }

    @Operation(summary = "Lá của một sự kiện · An event's leaf")
    @Problems({Problem.EVENT_NOT_SEALED})
    @GetMapping("/leaves/{eventId}")
    public LeafView leaf(@PathVariable String eventId) {
        SealedLedger.Leaf leaf = ledger.leaf(eventId);
        return new LeafView(leaf.leafIndex(), leaf.eventId(), HEX.formatHex(leaf.leafHash()), leaf.sealedAt());
    }

    @Operation(summary = "Bằng chứng bao hàm (RFC 9162) · Inclusion proof")
    @Problems({Problem.EVENT_NOT_SEALED, Problem.EVENT_NOT_YET_WITNESSED, Problem.TREE_SIZE_INVALID,
            Problem.LEDGER_NOT_STARTED})
    @GetMapping("/proof/inclusion")
    public InclusionProof inclusion(@RequestParam String eventId, @RequestParam(required = false) Long treeSize) {
        SealedLedger.Leaf leaf = ledger.leaf(eventId);
        long size = treeSize == null ? witnessedCovering(leaf).treeSize() : treeSize;
        MerkleTree tree = sized(size);
        if (leaf.leafIndex() >= size) {
            throw Problem.TREE_SIZE_INVALID.raise(size, tree.size());
        }
        return new InclusionProof(leaf.leafIndex(), size, HEX.formatHex(leaf.leafHash()),
                hex(tree.inclusionProof(leaf.leafIndex(), size)));
    }

    @Operation(summary = "Bằng chứng nhất quán (RFC 9162) · Consistency proof")
    @Problems({Problem.TREE_SIZE_INVALID, Problem.LEDGER_NOT_STARTED})
    @GetMapping("/proof/consistency")
    public ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
        MerkleTree tree = sized(to);
        if (from < 1 || from > to) {
            throw Problem.TREE_SIZE_INVALID.raise(from, tree.size());
        }
        return new ConsistencyProof(from, to, hex(tree.consistencyProof(from, to)));
    }

    @Operation(summary = "Kiểm tra toàn bộ sổ cái · Verify every sealed leaf")
    @Problems({Problem.LEDGER_NOT_STARTED})
    @GetMapping("/verification")
    public LedgerVerification.Result verification() {
        return verification.verify();
    }

    @Operation(summary = "Biên nhận của một sự kiện · A receipt for an event")
    @Problems({Problem.EVENT_NOT_SEALED, Problem.EVENT_NOT_YET_WITNESSED, Problem.NOT_YOUR_UNIT,
            Problem.LEDGER_NOT_STARTED})
    @GetMapping("/receipts/{eventId}")
    public Receipt receipt(@PathVariable String eventId) {
        SealedLedger.Leaf leaf = ledger.leaf(eventId);
        StoredEvent event = ledger.event(eventId).orElseThrow(() -> Problem.EVENT_NOT_SEALED.raise(eventId));
        requireOwnActIfOfficer(event);
        SealedLedger.SignedCheckpoint checkpoint = witnessedCovering(leaf);
        MerkleTree tree = sized(checkpoint.treeSize());
        Envelope dated = StoredPayloads.envelope(event, null);
        return new Receipt(event.leafInput(), leaf.leafIndex(), checkpoint.treeSize(),
                hex(tree.inclusionProof(leaf.leafIndex(), checkpoint.treeSize())), checkpoint.note(),
                dated.occurredOn(), dated.backdatedDay() != null);
    }

    /**
     * Every sealed leaf with its event as the store holds it now, the latest witnessed checkpoint and every checkpoint
     * the log kept up to it: what the offline verifier ({@code ledger} check) recomputes. Streamed for stores of any
     * size, read {@value #EXPORT_CHUNK} leaves at a time so that a slow reader holds no database connection. With
     * {@code limit}, a page: the leaves after the first {@code after} of the tree of {@code treeSize} (the latest
     * witnessed by default; the link to the next page names it), the kept checkpoints on the first page only.
     */
    @Operation(summary = "Xuất sổ cái để kiểm tra ngoại tuyến · Export for the offline verifier")
    @Problems({Problem.LEDGER_NOT_STARTED, Problem.TREE_SIZE_INVALID})
    @GetMapping(value = "/export", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) Long treeSize,
                                                        @RequestParam(defaultValue = "0") @Min(0) long after,
                                                        @RequestParam(required = false) @Min(1)
                                                        @Max(EXPORT_MAX_LIMIT) Integer limit) {
        SealedLedger.SignedCheckpoint checkpoint = treeSize == null ? ledger.latest() : ledger.at(treeSize)
                .orElseThrow(() -> Problem.TREE_SIZE_INVALID.raise(treeSize, ledger.latest().treeSize()));
        long end = limit == null ? checkpoint.treeSize() : Math.min(checkpoint.treeSize(), after + limit);
        List<String> kept = new ArrayList<>();
        if (after == 0) {
            ledger.eachCheckpoint(checkpoint.treeSize(), each -> kept.add(each.note()));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (end < checkpoint.treeSize()) {
            answer.header(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("after", end).replaceQueryParam("treeSize", checkpoint.treeSize()).build()
                    .toUriString() + ">; rel=\"next\"");
        }
        return answer.body(out -> write(out, checkpoint, kept, after, end));
    }

    /** A leaf of the export as read, before it is written. */
    private record ExportedLeaf(long leafIndex, byte[] leafHash, Map<String, Object> event) {
    }

    private void write(OutputStream out, SealedLedger.SignedCheckpoint checkpoint, List<String> kept, long from,
                       long end) throws IOException {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("checkpoint", checkpoint.note());
            generator.writeName("checkpoints");
            generator.writeStartArray();
            kept.forEach(generator::writeString);
            generator.writeEndArray();
            generator.writeName("leaves");
            generator.writeStartArray();
            for (long next = from; next < end; ) {
                List<ExportedLeaf> chunk = ledger.leavesWithEvents(next, end, EXPORT_CHUNK, (rows, i) ->
                        new ExportedLeaf(rows.getLong("leaf_index"), rows.getBytes("leaf_hash"),
                                rows.getString("event_identifier") == null ? null
                                        : StoredEvent.read(rows).leafInput()));
                if (chunk.isEmpty()) {
                    break;
                }
                for (ExportedLeaf leaf : chunk) {
                    generator.writeStartObject();
                    generator.writeNumberProperty("leafIndex", leaf.leafIndex());
                    generator.writeStringProperty("leafHash", HEX.formatHex(leaf.leafHash()));
                    generator.writePOJOProperty("event", leaf.event());
                    generator.writeEndObject();
                }
                next = chunk.get(chunk.size() - 1).leafIndex() + 1;
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    /** A unit officer's receipts are for acts of its own unit: done by it, or about it. */
    private void requireOwnActIfOfficer(StoredEvent event) {
        Actor actor = actors.current().orElse(null);
        if (actor == null || actor.role() != Role.UNIT_OFFICER) {
            return;
        }
        Map<?, ?> metadata = event.metaData() == null ? Map.of() : json.readValue(event.metaData(), Map.class);
        Map<?, ?> payload = json.readValue(event.payload(), Map.class);
        if (actor.unitId() == null || !(Objects.equals(actor.unitId(), metadata.get(Actor.UNIT))
                || Objects.equals(actor.unitId(), payload.get("unitId")))) {
            throw Problem.NOT_YOUR_UNIT.raise();
        }
    }

    /** The latest checkpoint that meets the trust policy, once it covers the leaf; until then a 503 to retry. */
    private SealedLedger.SignedCheckpoint witnessedCovering(SealedLedger.Leaf leaf) {
        SealedLedger.SignedCheckpoint checkpoint = ledger.latest();
        if (leaf.leafIndex() >= checkpoint.treeSize()) {
            throw Problem.EVENT_NOT_YET_WITNESSED.raise(leaf.eventId());
        }
        return checkpoint;
    }

    private MerkleTree sized(long size) {
        long sealed = ledger.latest().treeSize();
        if (size < 0 || size > sealed) {
            throw Problem.TREE_SIZE_INVALID.raise(size, sealed);
        }
        return ledger.tree(size);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
