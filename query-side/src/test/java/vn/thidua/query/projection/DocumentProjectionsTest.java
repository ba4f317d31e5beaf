package vn.thidua.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * Documents kept in memory between batches: folded into again without reading their body while the stored revision
 * is the one kept, read again when another writer replaced them or the batch that held them rolled back.
 */
class DocumentProjectionsTest {

    /** A fold's document: the events folded in, in order. */
    record Folded(List<String> events) {
        Folded with(String event) {
            List<String> more = new ArrayList<>(events);
            more.add(event);
            return new Folded(more);
        }
    }

    /** The store in memory: each save a new revision; counts the bodies read. */
    private static final class Store extends DocumentStore {
        final Map<String, Revised<Object>> rows = new HashMap<>();
        int bodiesRead;
        long revisions;

        Store() {
            super(null, null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> Optional<Revised<S>> loadUnless(String model, String key, Class<S> type, Long known) {
            Revised<Object> row = rows.get(model + key);
            if (row == null) {
                return Optional.empty();
            }
            if (known != null && known == row.revision()) {
                return Optional.of(new Revised<>(row.revision(), null));
            }
            bodiesRead++;
            Stored<Object> stored = row.stored();
            return Optional.of(new Revised<>(row.revision(), new Stored<>((S) new Folded(
                    ((Folded) stored.state()).events()), new HashMap<>(stored.versions()))));
        }

        @Override
        public long save(String model, String key, Stored<?> document) {
            long revision = ++revisions;
            rows.put(model + key, new Revised<>(revision, new Stored<>(
                    new Folded(((Folded) document.state()).events()), new HashMap<>(document.versions()))));
            return revision;
        }

        /** Another writer (a replica, a rebuild's switch) replaces the document. */
        void replacedElsewhere(String key, Folded state) {
            rows.put("m" + key, new Revised<>(++revisions, new Stored<>(state, new HashMap<>())));
        }
    }

    private static final class Silent extends ReadModelChanges {
        Silent() {
            super(null, null);
        }

        @Override
        public void announce(String model, String key) {
        }
    }

    private final Store store = new Store();
    private final DocumentProjections projections = new DocumentProjections(store, new Silent());
    private long sequence;

    private Folded fold(String key, String event) {
        return projections.fold("m", key, Folded.class, () -> new Folded(List.of()),
                (folded, next) -> folded.with((String) next.payload()),
                new Envelope(event, event, "aggregate", sequence++, Instant.EPOCH, null, null, null));
    }

    /** One batch, committed. */
    private Folded batch(String key, String event) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        Folded folded = fold(key, event);
        batch.commit();
        return folded;
    }

    @Test
    void aDocumentSavedByACommittedBatchIsFoldedIntoAgainWithoutReadingIt() {
        batch("k", "a");
        batch("k", "b");
        assertThat(batch("k", "c").events()).containsExactly("a", "b", "c");
        assertThat(store.bodiesRead).isZero();
        assertThat(((Folded) store.rows.get("mk").stored().state()).events()).containsExactly("a", "b", "c");
    }

    @Test
    void aDocumentAnotherWriterReplacedIsReadAgain() {
        batch("k", "a");
        store.replacedElsewhere("k", new Folded(List.of("rebuilt")));
        assertThat(batch("k", "b").events()).containsExactly("rebuilt", "b");
        assertThat(store.bodiesRead).isOne();
    }

    @Test
    void aBatchRolledBackLeavesNoHalfFoldedCopyBehind() {
        batch("k", "a");
        UnitOfWork<?> failed = DefaultUnitOfWork.startAndGet(null);
        fold("k", "lost");
        failed.rollback(new IllegalStateException("the batch failed"));
        assertThat(batch("k", "b").events()).containsExactly("a", "b");
        assertThat(store.bodiesRead).isOne();
    }

    @Test
    void outsideABatchNothingIsKept() {
        fold("k", "a");
        assertThat(fold("k", "b").events()).containsExactly("a", "b");
        assertThat(store.bodiesRead).isOne();
    }
}
