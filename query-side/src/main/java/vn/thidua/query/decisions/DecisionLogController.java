package vn.thidua.query.decisions;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.json.EventJson;
import vn.thidua.query.narration.Text;
import vn.thidua.query.projection.ReadGate;
import vn.thidua.query.web.Problem;

/** The decision log for inspectors and auditors, and the recomputation of its hash chain. */
@RestController
public class DecisionLogController {

    /** An entry as served: {@code details} is the decision's content, {@code payload} the same JSON as hashed. */
    public record EntryView(long seq, String decisionId, String type, Integer year, Text summary, JsonNode details,
                            String payload, String actor, String role, String occurredAt, String minutesRef,
                            String reason,
                            String rescindedBy, String hash, String prevHash) {
    }

    /** The answer of the verification: whether the chain holds, and where it first breaks. */
    public record Verification(boolean valid, int entries, String headHash, Long firstBrokenSeq) {
    }

    private final DecisionLog log;
    private final ReadGate gate;
    private final JsonMapper json = EventJson.mapper();

    public DecisionLogController(DecisionLog log, ReadGate gate) {
        this.log = log;
        this.gate = gate;
    }

    @GetMapping("/api/clusters/{clusterId}/decisions")
    public List<EntryView> decisions(@PathVariable String clusterId, @RequestParam(required = false) Integer year,
                                     @RequestParam(required = false) String type,
                                     @RequestParam(required = false) Long minPosition) {
        List<DecisionLog.Entry> entries = entriesOf(clusterId, year, type, minPosition);
        return entries.stream().map(e -> new EntryView(e.seq(), e.decisionId(), e.type(), e.year(), e.summary(),
                json.readTree(e.payload()), e.payload(), e.actor(), e.role(), e.occurredAt(), e.minutesRef(), e.reason(),
                e.rescindedBy(), e.hash(), e.prevHash())).toList();
    }

    @GetMapping("/api/clusters/{clusterId}/decisions/verification")
    public Verification verify(@PathVariable String clusterId) {
        return verify(entriesOf(clusterId, null, null, null));
    }

    private List<DecisionLog.Entry> entriesOf(String clusterId, Integer year, String type, Long minPosition) {
        gate.enter(DecisionLogProjection.MODEL, minPosition);
        if (!log.hasCluster(clusterId)) {
            throw Problem.CLUSTER_NOT_FOUND.raise(clusterId);
        }
        return log.entries(clusterId, year, type);
    }

    /** Recomputes every hash from the stored content: a changed, missing or reordered entry breaks the chain. */
    static Verification verify(List<DecisionLog.Entry> entries) {
        String previousHash = HashChain.GENESIS;
        long expectedSeq = 1;
        for (DecisionLog.Entry entry : entries) {
            boolean intact = entry.seq() == expectedSeq && entry.prevHash().equals(previousHash)
                    && HashChain.hash(entry.content()).equals(entry.hash());
            if (!intact) {
                return new Verification(false, entries.size(), entries.get(entries.size() - 1).hash(), expectedSeq);
            }
            previousHash = entry.hash();
            expectedSeq++;
        }
        return new Verification(true, entries.size(), previousHash, null);
    }
}
