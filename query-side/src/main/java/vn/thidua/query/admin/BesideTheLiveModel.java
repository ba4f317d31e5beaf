package vn.thidua.query.admin;

import java.sql.PreparedStatement;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thidua.ledger.StoredEvent;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.InMemoryFolds;
import vn.thidua.query.projection.ReadModelChanges;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.projection.StoredPayloads;

/**
 * A read model rebuilt beside the live one, which goes on serving: the store's rows read in order by one streaming
 * query, each deserialized as the ledger's followers read them ({@link StoredPayloads}) and handed to a second
 * instance of the model's own projection ({@link RebuiltBeside}), which folds into memory and writes any rows of its
 * own into tables beside the live ones; the folded documents are written under the model's name beside
 * ({@link RebuiltBeside#besideName}): those that go cold while the rows stream in (when the heap runs short, or past
 * {@code thidua.rebuild.documents-in-memory} in memory), then the rest. Then, with no processor holding a segment of
 * the model, one transaction puts the new documents and rows in place of the old, announces every document as
 * changed, and sets the processor's tokens to where the reading stopped, so that it goes on from there on the new
 * model. An event that was still being written when the reading passed its place is a gap in that token, which the
 * processor takes when it commits.
 */
@Component
public class BesideTheLiveModel {

    /**
     * A model built beside the live one by {@code projection}'s second instance, through {@code through} (null for an
     * empty store), from {@code events} events.
     */
    public record Built(String model, RebuiltBeside projection, TrackingToken through, long events) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(BesideTheLiveModel.class);
    private static final int READ_BATCH = 5_000;
    private static final double HEAP_SHARE_IN_USE = 0.7;
    /**
     * Axon's processors keep a gap this far behind the head at most; an older missing index is no event to come. The
     * store's first global index is 1.
     */
    private static final long GAPS_KEPT = 10_000;

    private final ApplicationContext context;
    /** One read-only transaction, so that PostgreSQL streams the rows by the fetch size. */
    private final TransactionTemplate reading;
    private final TokenStore tokens;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    /** Its own transactions beside the reading one, for the documents that go cold while the rows stream in. */
    private final TransactionTemplate beside;
    private final DocumentStore documents;
    private final int documentsInMemory;
    private final ReadModelChanges changes;
    /** The projections rebuilt beside the live ones by model, found once the beans are there. */
    private volatile Map<String, RebuiltBeside> rebuiltBeside;

    public BesideTheLiveModel(ApplicationContext context, TokenStore tokens, JdbcClient jdbc, JdbcTemplate batch,
                              PlatformTransactionManager transactions, DocumentStore documents,
                              ReadModelChanges changes,
                              @Value("${thidua.rebuild.documents-in-memory}") int documentsInMemory) {
        this.context = context;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
        this.beside = new TransactionTemplate(transactions);
        this.beside.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.documents = documents;
        this.documentsInMemory = documentsInMemory;
        this.changes = changes;
    }

    /** The projection of a model rebuilt beside the live one, where this replica runs it. */
    public Optional<RebuiltBeside> projection(String model) {
        Map<String, RebuiltBeside> known = rebuiltBeside;
        if (known == null) {
            known = new HashMap<>();
            for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
                if (bean instanceof RebuiltBeside projection) {
                    known.put(AopUtils.getTargetClass(bean).getAnnotation(ProcessingGroup.class).value(), projection);
                }
            }
            rebuiltBeside = Map.copyOf(known);
        }
        return Optional.ofNullable(known.get(model));
    }

    /**
     * Folds every stored event into a fresh instance of the model's projection, counting them in {@code folded}, and
     * writes what it built beside the live model.
     */
    public Built build(String model, AtomicLong folded) {
        RebuiltBeside projection = projection(model)
                .orElseThrow(() -> new IllegalArgumentException(model + " is not rebuilt beside the live one here"));
        long start = System.nanoTime();
        projection.clearBeside();
        documents.deleteModel(RebuiltBeside.besideName(model));
        ColdBeside cold = new ColdBeside();
        InMemoryFolds folds = new InMemoryFolds(documentsInMemory, BesideTheLiveModel::heapShort, cold);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection.besideTheLive(folds));
        long[] last = {-1};
        BitSet seen = new BitSet();
        try {
            readAndFold(handlers, last, seen, folded);
            cold.finish();
        } finally {
            cold.close();
        }
        projection.finishBeside();
        long foldedAt = System.nanoTime();
        Map<String, DocumentStore.Stored<Object>> built = folds.documents(model);
        transaction.executeWithoutResult(status -> documents.saveAll(RebuiltBeside.besideName(model), built));
        LOG.info("The {} read model folded {} events in {} ms beside the live one ({} documents written as they went"
                        + " cold), and wrote the {} documents left in memory in {} ms", model, folded.get(),
                (foldedAt - start) / 1_000_000, cold.wentCold.get(), built.size(),
                (System.nanoTime() - foldedAt) / 1_000_000);
        TrackingToken through = last[0] < 0 ? null : GapAwareTrackingToken.newInstance(last[0],
                LongStream.rangeClosed(Math.max(1, last[0] - GAPS_KEPT), last[0])
                        .filter(index -> !seen.get((int) index)).boxed().toList());
        return new Built(model, projection, through, folded.get());
    }

    /**
     * Whether the heap in use has passed {@value #HEAP_SHARE_IN_USE} of its maximum: garbage counts too, so this says
     * "write some documents out" early rather than late, and only where the heap is small for what is being built.
     */
    private static boolean heapShort() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory() > HEAP_SHARE_IN_USE * runtime.maxMemory();
    }

    /** Reads every stored row in order and hands each event the projection handles to it. */
    private void readAndFold(AnnotationEventHandlerAdapter handlers, long[] last, BitSet seen, AtomicLong folded) {
        reading.executeWithoutResult(status -> batch.query(connection -> {
            PreparedStatement select = connection.prepareStatement("select " + StoredEvent.COLUMNS
                    + " from domain_event_entry order by global_index");
            select.setFetchSize(READ_BATCH);
            return select;
        }, (RowCallbackHandler) row -> {
            StoredEvent stored = StoredEvent.read(row);
            Object payload = StoredPayloads.payload(stored).orElse(null);
            if (payload != null) {
                EventMessage<?> event = StoredPayloads.message(stored, payload);
                if (handlers.canHandle(event)) {
                    try {
                        handlers.handle(event);
                    } catch (Exception e) {
                        throw new IllegalStateException("event " + stored.eventId() + " could not be folded", e);
                    }
                }
            }
            last[0] = stored.globalIndex();
            seen.set((int) Math.min(stored.globalIndex(), Integer.MAX_VALUE));
            folded.incrementAndGet();
        }));
    }

    /**
     * Documents gone cold during a build, written beside on a thread of their own while the folding goes on: one
     * batch at a time (the next waits for it), so that the heap holds two batches at most. One read back while its
     * batch is still being written is taken from memory once the write is done, the same object, never from a half
     * written table.
     */
    private final class ColdBeside implements InMemoryFolds.ColdDocuments, AutoCloseable {

        private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-cold-documents");
            thread.setDaemon(true);
            return thread;
        });
        private final Map<String, DocumentStore.Stored<Object>> beingWritten = new ConcurrentHashMap<>();
        private Future<?> writing = CompletableFuture.completedFuture(null);
        final AtomicLong wentCold = new AtomicLong();

        @Override
        public void write(String model, Map<String, DocumentStore.Stored<Object>> documents) {
            finish();
            documents.forEach((key, document) -> beingWritten.put(model + "|" + key, document));
            writing = writer.submit(() -> {
                beside.executeWithoutResult(status -> BesideTheLiveModel.this.documents.saveAll(
                        RebuiltBeside.besideName(model), documents));
                documents.forEach((key, document) -> beingWritten.remove(model + "|" + key, document));
                wentCold.addAndGet(documents.size());
            });
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> Optional<DocumentStore.Stored<S>> read(String model, String key, Class<S> type) {
            DocumentStore.Stored<Object> written = beingWritten.get(model + "|" + key);
            if (written != null) {
                finish();
                return Optional.of((DocumentStore.Stored<S>) written);
            }
            return beside.execute(status -> BesideTheLiveModel.this.documents.load(RebuiltBeside.besideName(model),
                    key, type));
        }

        /** Waits until the batch being written is stored. */
        void finish() {
            try {
                writing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while cold documents were written", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cold documents could not be written beside", e.getCause());
            }
        }

        @Override
        public void close() {
            writer.shutdownNow();
        }
    }

    /**
     * In one transaction, unless a processor of the model holds a segment (on any replica): the built documents and
     * rows replace the live ones, every document is announced as changed (answers kept from the old ones go), and
     * every segment's token is set to where the building stopped reading. The segments stay locked until it commits,
     * so that a processor claims one only afterwards, from the new token. Returns whether it switched.
     */
    public boolean switchTo(Built built) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            boolean claimed = jdbc.sql("select owner from token_entry where processor_name = ? for update")
                    .param(built.model()).query(String.class).list().stream().anyMatch(Objects::nonNull);
            if (claimed) {
                return false;
            }
            documents.replaceModel(built.model(), RebuiltBeside.besideName(built.model()));
            changes.announceEveryDocument(built.model());
            for (int segment : tokens.fetchSegments(built.model())) {
                tokens.storeToken(built.through(), built.model(), segment);
                tokens.releaseClaim(built.model(), segment);
            }
            // Last: readers of the model's own tables wait for their locks from here until the commit.
            built.projection().putBesideInPlace();
            return true;
        }));
    }
}
