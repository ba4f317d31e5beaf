package vn.thidua.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A rebuild's documents in memory, bounded: the coldest written out, read back when touched again, none lost. */
class InMemoryFoldsTest {

    /** The documents written out, as a table beside the live one holds them (a copy of the state each time). */
    private final Map<String, DocumentStore.Stored<Object>> written = new LinkedHashMap<>();
    private int reads;
    private final InMemoryFolds folds = new InMemoryFolds(4, () -> false, new InMemoryFolds.ColdDocuments() {
        @Override
        public void write(String model, Map<String, DocumentStore.Stored<Object>> documents) {
            documents.forEach((key, document) -> written.put(model + "/" + key, new DocumentStore.Stored<>(
                    List.copyOf((List<?>) document.state()), new HashMap<>(document.versions()))));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> Optional<DocumentStore.Stored<S>> read(String model, String key, Class<S> type) {
            reads++;
            DocumentStore.Stored<Object> document = written.get(model + "/" + key);
            return Optional.ofNullable(document).map(found -> new DocumentStore.Stored<>(
                    (S) new ArrayList<>((List<?>) found.state()), new HashMap<>(found.versions())));
        }
    });
    private long sequence;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void fold(String key, String event) {
        folds.fold("m", key, List.class, ArrayList::new, (list, next) -> {
            List<Object> more = new ArrayList<>(list);
            more.add(next.payload());
            return more;
        }, new Envelope(event, event, "aggregate-" + key, sequence++, Instant.EPOCH, null, null, null));
    }

    @Test
    void theColdestGoOutAndComeBackWithEverythingFoldedIntoThem() {
        for (int key = 0; key < 10; key++) {
            fold("k" + key, "first of " + key);
        }
        assertThat(folds.documents("m")).hasSizeLessThanOrEqualTo(4);
        assertThat(written).containsKeys("m/k0", "m/k1");

        fold("k0", "second of 0");
        assertThat(reads).as("only the document written out is looked for").isOne();
        Map<String, List<?>> all = new HashMap<>();
        written.forEach((key, document) -> all.put(key.substring(2), (List<?>) document.state()));
        folds.documents("m").forEach((key, document) -> all.put(key, (List<?>) document.state()));
        assertThat(all).hasSize(10);
        assertThat(all.get("k0")).isEqualTo(List.of("first of 0", "second of 0"));
        for (int key = 1; key < 10; key++) {
            assertThat(all.get("k" + key)).isEqualTo(List.of("first of " + key));
        }
    }

    @Test
    void anEventFoldedOnceIsNotFoldedAgainAfterTheDocumentCameBack() {
        for (int key = 0; key < 10; key++) {
            fold("k" + key, "first of " + key);
        }
        Envelope again = new Envelope("again", "again", "aggregate-k0", 0, Instant.EPOCH, null, null, null);
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<?> k0 = folds.fold("m", "k0", List.class, ArrayList::new, (list, next) -> {
            List<Object> more = new ArrayList<>(list);
            more.add(next.payload());
            return more;
        }, again);
        assertThat(k0).isEqualTo(List.of("first of 0"));
    }
}
