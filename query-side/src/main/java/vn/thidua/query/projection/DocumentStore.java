package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private static final TypeReference<Map<String, Long>> VERSIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json = EventJson.mapper();

    public DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public <S> Optional<Stored<S>> load(String model, String key, Class<S> type) {
        return jdbc.sql("select body, versions from read_document where model = ? and doc_key = ?")
                .params(model, key)
                .query((row, i) -> new Stored<>(json.readValue(row.getString(1), type),
                        new HashMap<>(json.readValue(row.getString(2), VERSIONS))))
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

    public void save(String model, String key, Stored<?> document) {
        jdbc.sql("""
                        insert into read_document (model, doc_key, versions, body) values (?, ?, ?, ?)
                        on conflict (model, doc_key) do update set versions = excluded.versions, body = excluded.body""")
                .params(model, key, json.writeValueAsString(document.versions()),
                        json.writeValueAsString(document.state()))
                .update();
    }

    public void deleteModel(String model) {
        jdbc.sql("delete from read_document where model = ?").param(model).update();
    }
}
