package vn.thidua.query.decisions;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.json.EventJson;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.query.ledger.LedgerVerification;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.narration.Text;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.projection.AnswerCache;
import vn.thidua.query.projection.ReadGate;
import vn.thidua.query.projection.ReadModelChanges;
import vn.thidua.query.projection.StoredPayloads;
import vn.thidua.query.web.Page;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

/** The decision log for inspectors and auditors, and the verification of its chain against the ledger. */
@RestController
@Tag(name = "decisions")
public class DecisionLogController {

    /**
     * An entry as served: {@code type} the decision's published code, {@code kind} the same in words in both
     * languages; {@code details} is the decision's content, {@code payload} the same JSON as hashed;
     * {@code occurredAt} when it was recorded, {@code occurredOn} the day the act took place ({@code backdated} when
     * that is an earlier day: the act's date is in its event, which the ledger seals).
     */
    public record EntryView(long seq, long leafIndex, String eventId, String decisionId, String type, Text kind,
                            Integer year, Text summary,
                            JsonNode details, String payload, String actor, String role, String occurredAt,
                            LocalDate occurredOn, boolean backdated, String minutesRef, String reason,
                            String rescindedBy, String hash, String prevHash) {
    }

    /**
     * Whether the log holds, and where it first breaks: {@code firstBrokenSeq} the entry, {@code firstBrokenLeaf}
     * its leaf in the ledger when the event behind it changed, {@code reason} in words.
     */
    public record Verification(boolean valid, int entries, String headHash, Long firstBrokenSeq,
                               Long firstBrokenLeaf, String reason) {

        static Verification broken(List<DecisionLog.Entry> entries, DecisionLog.Entry at, String reason) {
            return new Verification(false, entries.size(), entries.get(entries.size() - 1).hash(),
                    at == null ? null : at.seq(), at == null ? null : at.leafIndex(), reason);
        }
    }

    /** An entry's leaf as sealed and its event as the store holds it now. */
    private record SealedEvent(String eventId, byte[] leafHash, StoredEvent now) {
    }

    private final DecisionLog log;
    private final ReadGate gate;
    private final JdbcClient jdbc;
    private final LedgerVerification ledger;
    private final JsonMapper json = EventJson.mapper();
    /** A cluster's decisions of one year, what the dashboard and the desk read, kept until its log changes. */
    private final AnswerCache<List<EntryView>> yearsOfClusters;

    public DecisionLogController(DecisionLog log, ReadGate gate, JdbcClient jdbc, LedgerVerification ledger,
                                 ReadModelChanges changes) {
        this.log = log;
        this.gate = gate;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.yearsOfClusters = new AnswerCache<>(DecisionLogFollower.MODEL, changes);
    }

    /**
     * The log in order; with {@code limit} (at most 1,000), a page of the entries after the sequence number
     * {@code after}, and a {@code Link: <...>; rel="next"} header while more follow.
     */
    @Operation(summary = "Sổ quyết định, chuỗi băm · The decision log, hash-chained")
    @Problems({Problem.CLUSTER_NOT_FOUND, Problem.NOT_YOUR_CLUSTER})
    @GetMapping("/api/clusters/{clusterId}/decisions")
    public ResponseEntity<List<EntryView>> decisions(@PathVariable String clusterId,
                                                     @RequestParam(required = false) Integer year,
                                                     @RequestParam(required = false) String type,
                                                     @RequestParam(required = false) Long minPosition,
                                                     @RequestParam(defaultValue = "0") @Min(0) long after,
                                                     @RequestParam(required = false) @Min(1) @Max(Page.MAX_LIMIT)
                                                     Integer limit) {
        gate.enter(DecisionLogFollower.MODEL, minPosition);
        if (year != null && type == null && after == 0 && limit == null) {
            Supplier<List<EntryView>> yearOfCluster = () -> views(entries(clusterId, year, null, 0, Page.fetch(null)));
            return ResponseEntity.ok(minPosition == null
                    ? yearsOfClusters.get(clusterId, year.toString(), yearOfCluster)
                    : yearsOfClusters.refresh(clusterId, year.toString(), yearOfCluster));
        }
        List<DecisionLog.Entry> entries = entries(clusterId, year, type, after, Page.fetch(limit));
        List<EntryView> page = views(Page.of(entries, limit));
        return Page.answer(page, entries.size(), limit, () -> page.get(page.size() - 1).seq());
    }

    private List<DecisionLog.Entry> entries(String clusterId, Integer year, String type, long after, int fetch) {
        if (!log.hasCluster(clusterId)) {
            throw Problem.CLUSTER_NOT_FOUND.raise(clusterId);
        }
        return log.entries(clusterId, year, type, after, fetch);
    }

    private List<EntryView> views(List<DecisionLog.Entry> entries) {
        return entries.stream()
                .map(e -> new EntryView(e.seq(), e.leafIndex(), e.eventId(), e.decisionId(), e.type(),
                        Narrator.decisionType(e.type()), e.year(), e.summary(),
                        json.readTree(e.payload()), e.payload(), e.actor(), e.role(), e.occurredAt(),
                        e.actDate(), e.backdated(), e.minutesRef(), e.reason(), e.rescindedBy(), e.hash(),
                        e.prevHash()))
                .toList();
    }

    /**
     * Recomputes the chain from the stored entries, then checks each entry against the ledger: its event, as the
     * store holds it now, must hash to the leaf sealed when it was recorded, and the sealed leaves to the signed root.
     * A replay after the event table was edited rebuilds a chain that holds, but not one that matches the ledger.
     */
    @Operation(summary = "Kiểm tra sổ quyết định với sổ cái · Verify the decision log against the ledger")
    @Problems({Problem.CLUSTER_NOT_FOUND, Problem.NOT_YOUR_CLUSTER, Problem.LEDGER_NOT_STARTED})
    @GetMapping("/api/clusters/{clusterId}/decisions/verification")
    public Verification verify(@PathVariable String clusterId, @RequestParam(required = false) Long minPosition) {
        List<DecisionLog.Entry> entries = entriesOf(clusterId, null, null, minPosition);
        Verification chain = verifyChain(entries);
        if (!chain.valid()) {
            return chain;
        }
        Map<Long, SealedEvent> sealed = sealedEvents(clusterId);
        Map<String, String> rescinders = new HashMap<>();
        UnitNames names = new UnitNames();
        for (DecisionLog.Entry entry : entries) {
            SealedEvent leaf = sealed.get(entry.leafIndex());
            if (leaf == null || !leaf.eventId().equals(entry.eventId())) {
                return Verification.broken(entries, entry, "the entry is not the decision sealed as its leaf");
            }
            if (leaf.now() == null) {
                return Verification.broken(entries, entry, "missing: its event is no longer in the store");
            }
            if (!Arrays.equals(leaf.now().leafHash(), leaf.leafHash())) {
                return Verification.broken(entries, entry, "edited: its event is not as it was when it was sealed");
            }
            if (!leaf.now().payload().equals(entry.payload())) {
                return Verification.broken(entries, entry, "the entry's payload is not its event's");
            }
            Object decision = StoredPayloads.payload(leaf.now()).orElse(null);
            if (!(decision instanceof Decision sealedDecision)) {
                return Verification.broken(entries, entry, "its event is not a decision");
            }
            names = UnitNames.apply(names, sealedDecision);
            if (!entry.sameFactsAs(DecisionLogFollower.entryOf(entry.leafIndex(), leaf.now(),
                    StoredPayloads.envelope(leaf.now(), sealedDecision), sealedDecision,
                    Narrator.describe(sealedDecision, names)))) {
                return Verification.broken(entries, entry, "the entry does not show what its event says (its kind,"
                        + " year, act day, actor, minutes, reason or summary)");
            }
            if (sealedDecision instanceof DecisionRescinded rescission) {
                rescinders.put(rescission.rescindedDecisionId(), rescission.decisionId());
            }
        }
        for (DecisionLog.Entry entry : entries) {
            if (!Objects.equals(entry.rescindedBy(), rescinders.get(entry.decisionId()))) {
                return Verification.broken(entries, entry, "the entry's rescission is not the log's");
            }
        }
        Optional<String> ledgerBroken = ledger.sealedLeavesMatchSignedRoot();
        return ledgerBroken.map(reason -> Verification.broken(entries, null, reason)).orElse(chain);
    }

    private Map<Long, SealedEvent> sealedEvents(String clusterId) {
        return jdbc.sql("select d.leaf_index, l.event_id as sealed_event, l.leaf_hash, e.* from decision_log d"
                        + " left join ledger_leaf l on l.leaf_index = d.leaf_index"
                        + " left join domain_event_entry e on e.event_identifier = l.event_id"
                        + " where d.cluster_id = ?").param(clusterId)
                .query((row, i) -> Map.entry(row.getLong("leaf_index"), new SealedEvent(row.getString("sealed_event"),
                        row.getBytes("leaf_hash"),
                        row.getString("event_identifier") == null ? null : StoredEvent.read(row))))
                .list().stream().filter(entry -> entry.getValue().eventId() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    private List<DecisionLog.Entry> entriesOf(String clusterId, Integer year, String type, Long minPosition) {
        gate.enter(DecisionLogFollower.MODEL, minPosition);
        if (!log.hasCluster(clusterId)) {
            throw Problem.CLUSTER_NOT_FOUND.raise(clusterId);
        }
        return log.entries(clusterId, year, type);
    }

    /** Recomputes every hash from the stored content: a changed, missing or reordered entry breaks the chain. */
    static Verification verifyChain(List<DecisionLog.Entry> entries) {
        String previousHash = HashChain.GENESIS;
        long expectedSeq = 1;
        for (DecisionLog.Entry entry : entries) {
            boolean intact = entry.seq() == expectedSeq && entry.prevHash().equals(previousHash)
                    && HashChain.hash(entry.content()).equals(entry.hash());
            if (!intact) {
                return new Verification(false, entries.size(), entries.get(entries.size() - 1).hash(), expectedSeq,
                        null, "the chain breaks: entry " + expectedSeq + " is not as it was chained");
            }
            previousHash = entry.hash();
            expectedSeq++;
        }
        return new Verification(true, entries.size(), previousHash, null, null, null);
    }
}
