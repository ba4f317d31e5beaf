package vn.thidua.query.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.thidua.query.narration.Text;

class HashChainTest {

    private static final String PAYLOAD = "{\"name\":\"Cụm thi đua số 2\",\"note\":\"a \\\"quoted\\\" word\\nnext line\"}";

    /** Computed with the Python one-liner the README gives auditors (json.dumps, sort_keys, ensure_ascii=False). */
    @Test
    void matchesTheAuditorsPythonRecomputation() {
        HashChain.Content content = new HashChain.Content("hoi-dong", "cum-2", "d-1", "2017-12-20T02:00:00.000Z",
                PAYLOAD, HashChain.GENESIS, "COUNCIL", 1, "ClusterFormed", 2017);
        assertThat(HashChain.canonicalJson(content)).isEqualTo("{\"actor\":\"hoi-dong\",\"clusterId\":\"cum-2\","
                + "\"decisionId\":\"d-1\",\"occurredAt\":\"2017-12-20T02:00:00.000Z\",\"payload\":\"{\\\"name\\\":"
                + "\\\"Cụm thi đua số 2\\\",\\\"note\\\":\\\"a \\\\\\\"quoted\\\\\\\" word\\\\nnext line\\\"}\","
                + "\"prevHash\":\"" + "0".repeat(64) + "\",\"role\":\"COUNCIL\",\"seq\":1,\"type\":\"ClusterFormed\","
                + "\"year\":2017}");
        assertThat(HashChain.hash(content))
                .isEqualTo("9ac34eec62e45d9e3d0aaad6e70c13c8df89c28b7da8f773d2dd6833f4ff3a7a");
    }

    private static List<DecisionLog.Entry> chain(int length) {
        List<DecisionLog.Entry> entries = new ArrayList<>();
        long seq = 0;
        String previous = HashChain.GENESIS;
        for (int i = 0; i < length; i++) {
            DecisionLog.Entry entry = new DecisionLog.Entry("cum-2", 0, i, "e-" + i, "d-" + i, "ReportAssessed", 2017,
                    "2017-12-20T02:00:0" + i + ".000Z", null, "thu-ky", "SECRETARIAT",
                    "{\"unitId\":\"btc-bac-giang\",\"i\":" + i + "}",
                    null, null, new Text("vi", "en"), null, null, null).chainedAfter(seq, previous);
            entries.add(entry);
            seq = entry.seq();
            previous = entry.hash();
        }
        return entries;
    }

    @Test
    void anIntactChainVerifies() {
        List<DecisionLog.Entry> entries = chain(5);
        DecisionLogController.Verification verification = DecisionLogController.verifyChain(entries);
        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isEqualTo(5);
        assertThat(verification.headHash()).isEqualTo(entries.get(4).hash());
        assertThat(verification.firstBrokenSeq()).isNull();
    }

    @Test
    void aChangedEntryBreaksTheChainAtItsSeq() {
        List<DecisionLog.Entry> entries = chain(5);
        DecisionLog.Entry third = entries.get(2);
        entries.set(2, new DecisionLog.Entry(third.clusterId(), third.seq(), third.leafIndex(), third.eventId(), third.decisionId(),
                third.type(), third.year(), third.occurredAt(), third.occurredOn(), "someone-else", third.role(), third.payload(), null, null,
                third.summary(), third.prevHash(), third.hash(), null));
        assertThat(DecisionLogController.verifyChain(entries).firstBrokenSeq()).isEqualTo(3);
    }

    @Test
    void aMissingEntryBreaksTheChainWhereItWas() {
        List<DecisionLog.Entry> entries = chain(5);
        entries.remove(1);
        DecisionLogController.Verification verification = DecisionLogController.verifyChain(entries);
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void theRescissionMarkIsOutsideTheHashedContent() {
        List<DecisionLog.Entry> entries = chain(2);
        DecisionLog.Entry first = entries.get(0);
        entries.set(0, new DecisionLog.Entry(first.clusterId(), first.seq(), first.leafIndex(), first.eventId(), first.decisionId(),
                first.type(), first.year(), first.occurredAt(), first.occurredOn(), first.actor(), first.role(), first.payload(),
                first.minutesRef(),
                first.reason(), first.summary(), first.prevHash(), first.hash(), "d-later"));
        assertThat(DecisionLogController.verifyChain(entries).valid()).isTrue();
    }
}
