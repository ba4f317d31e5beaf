package vn.thidua.query.admin;

import java.sql.PreparedStatement;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.json.EventJson;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.InMemoryFolds;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.projection.StoredPayloads;

/**
 * A read model rebuilt beside the live one, which goes on serving: the store's rows read in order by one streaming
 * query, each deserialized as the ledger's followers read them ({@link StoredPayloads}) and handed to a second
 * instance of the model's own projection ({@link RebuiltBeside}), which folds into memory and writes any rows of its
 * own into tables beside the live ones; then, with the model's processors stopped, one transaction puts the new
 * documents and rows in place of the old and sets the processor's tokens to where the reading stopped, so that it
 * goes on from there on the new model. An event that was still being written when the reading passed its place is a
 * gap in that token, which the processor takes when it commits.
 */
@Component
public class BesideTheLiveModel {

    /**
     * A model folded in memory by {@code projection}'s second instance, through {@code through} (null for an empty
     * store), from {@code events} events.
     */
    public record Built(String model, RebuiltBeside projection, InMemoryFolds folds, TrackingToken through,
                        long events) {
    }

    private static final int READ_BATCH = 5_000;
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
    private final JsonMapper json = EventJson.mapper();
    /** The projections rebuilt beside the live ones by model, found once the beans are there. */
    private volatile Map<String, RebuiltBeside> rebuiltBeside;

    public BesideTheLiveModel(ApplicationContext context, TokenStore tokens, JdbcClient jdbc, JdbcTemplate batch,
                              PlatformTransactionManager transactions) {
        this.context = context;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
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

    /** Folds every stored event into a fresh instance of the model's projection, counting them in {@code folded}. */
    public Built build(String model, AtomicLong folded) {
        RebuiltBeside projection = projection(model)
                .orElseThrow(() -> new IllegalArgumentException(model + " is not rebuilt beside the live one here"));
        projection.clearBeside();
        InMemoryFolds folds = new InMemoryFolds();
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection.besideTheLive(folds));
        long[] last = {-1};
        BitSet seen = new BitSet();
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
        projection.finishBeside();
        TrackingToken through = last[0] < 0 ? null : GapAwareTrackingToken.newInstance(last[0],
                LongStream.rangeClosed(Math.max(1, last[0] - GAPS_KEPT), last[0])
                        .filter(index -> !seen.get((int) index)).boxed().toList());
        return new Built(model, projection, folds, through, folded.get());
    }

    /**
     * In one transaction, the built documents and rows replace the live ones and every segment's token is set to where
     * the building stopped reading. The caller has stopped the model's processors on every replica.
     */
    public void switchTo(Built built) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from read_document where model = ?").param(built.model()).update();
            Map<String, DocumentStore.Stored<Object>> documents = built.folds().documents()
                    .getOrDefault(built.model(), Map.of());
            batch.batchUpdate(
                    "insert into read_document (model, doc_key, versions, body) values (?, ?, ?, ?)",
                    documents.entrySet().stream().map(document -> new Object[] {built.model(), document.getKey(),
                            json.writeValueAsString(document.getValue().versions()),
                            json.writeValueAsString(document.getValue().state())}).toList());
            built.projection().putBesideInPlace();
            for (int segment : tokens.fetchSegments(built.model())) {
                tokens.storeToken(built.through(), built.model(), segment);
                tokens.releaseClaim(built.model(), segment);
            }
        });
    }
}
