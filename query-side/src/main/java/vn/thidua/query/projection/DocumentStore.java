package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.json.EventJson;

/**
 * Read models that are folds keep their state as JSON documents, one per model and key, with the last sequence
 * number of every aggregate folded in.
 */
@Component
public class DocumentStore {

    /** A document and the aggregate versions it reflects. */
    public record Stored<S>(S state, Map<String, Long> versions) {

        public boolean hasApplied(Envelope event) {
            Long applied = versions.get(event.aggregateId());
            return applied != null && applied >= event.sequence();
        }
    }

    /**
     * A document as stored with its revision, or only its revision ({@code stored} null) where it is still the one
     * the caller knows.
     */
    public record Revised<S>(long revision, Stored<S> stored) {
    }

    private static final TypeReference<Map<String, Long>> VERSIONS = new TypeReference<>() {
    };

    /** How many documents {@link #saveAll} turns into JSON and sends at a time. */
    private static final int SAVED_TOGETHER = 500;
    private static final String UPSERT = """
            insert into read_document (model, doc_key, versions, body, revision) values (?, ?, ?, ?, ?)
            on conflict (model, doc_key) do update
            set versions = excluded.versions, body = excluded.body, revision = excluded.revision""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json = EventJson.mapper();

    public DocumentStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public <S> Optional<Stored<S>> load(String model, String key, Class<S> type) {
        return loadUnless(model, key, type, null).map(Revised::stored);
    }

    /**
     * The document with its revision, without its body where its revision is {@code known} (one round trip either
     * way); empty if there is none. A document stored before revisions were kept is always read whole.
     */
    public <S> Optional<Revised<S>> loadUnless(String model, String key, Class<S> type, Long known) {
        return jdbc.sql("select revision, same, case when same then null else body end,"
                        + " case when same then null else versions end from read_document,"
                        + " lateral (select coalesce(revision = cast(? as bigint), false) as same) known"
                        + " where model = ? and doc_key = ?")
                .params(known, model, key)
                .query((row, i) -> new Revised<>(row.getLong(1), row.getBoolean(2) ? null
                        : new Stored<>(json.readValue(row.getString(3), type),
                        new HashMap<>(json.readValue(row.getString(4), VERSIONS)))))
                .optional();
    }

    public <S> List<S> loadAll(String model, Class<S> type) {
        return jdbc.sql("select body from read_document where model = ? order by doc_key")
                .param(model)
                .query((row, i) -> json.readValue(row.getString(1), type))
                .list();
    }

    /** The documents whose key starts so, in key order. */
    public <S> List<S> loadByKeyPrefix(String model, String prefix, Class<S> type) {
        return jdbc.sql("select body from read_document where model = ? and doc_key like ? order by doc_key")
                .params(model, prefix.replace("%", "\\%").replace("_", "\\_") + "%")
                .query((row, i) -> json.readValue(row.getString(1), type))
                .list();
    }

    /** Saves the document under a new revision, which it returns. */
    public long save(String model, String key, Stored<?> document) {
        Object[] row = row(model, key, document);
        jdbc.sql(UPSERT).params(row).update();
        return (long) row[4];
    }

    /**
     * Saves many documents, a few hundred per round trip, in the caller's transaction. The next few hundred are
     * turned into JSON on another thread while PostgreSQL stores the last: the two take about as long.
     */
    public void saveAll(String model, Map<String, ? extends Stored<?>> documents) {
        List<? extends Map.Entry<String, ? extends Stored<?>>> all = List.copyOf(documents.entrySet());
        CompletableFuture<List<Object[]>> next = CompletableFuture.completedFuture(List.of());
        for (int from = 0; from < all.size(); from += SAVED_TOGETHER) {
            List<? extends Map.Entry<String, ? extends Stored<?>>> chunk =
                    all.subList(from, Math.min(all.size(), from + SAVED_TOGETHER));
            List<Object[]> rows = next.join();
            next = CompletableFuture.supplyAsync(() -> chunk.stream()
                    .map(document -> row(model, document.getKey(), document.getValue())).toList());
            if (!rows.isEmpty()) {
                batch.batchUpdate(UPSERT, rows);
            }
        }
        List<Object[]> last = next.join();
        if (!last.isEmpty()) {
            batch.batchUpdate(UPSERT, last);
        }
    }

    private Object[] row(String model, String key, Stored<?> document) {
        return new Object[] {model, key, json.writeValueAsString(document.versions()),
                json.writeValueAsString(document.state()), ThreadLocalRandom.current().nextLong()};
    }

    public void deleteModel(String model) {
        jdbc.sql("delete from read_document where model = ?").param(model).update();
    }

    /**
     * In the caller's transaction: the documents kept under {@code replacement} become the model's, in place of its
     * own. Only their model's name is rewritten: PostgreSQL keeps the bodies where they are.
     */
    public void replaceModel(String model, String replacement) {
        deleteModel(model);
        jdbc.sql("update read_document set model = ? where model = ?").params(model, replacement).update();
    }
}
