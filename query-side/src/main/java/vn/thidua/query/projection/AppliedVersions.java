package vn.thidua.query.projection;

import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How far each read model has applied each aggregate, so that a client can read its own write. */
@Component
public class AppliedVersions {

    private final JdbcClient jdbc;

    public AppliedVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String model, String aggregateId, long version) {
        jdbc.sql("""
                        insert into applied_version (model, aggregate_id, version) values (?, ?, ?)
                        on conflict (model, aggregate_id)
                        do update set version = greatest(applied_version.version, excluded.version)""")
                .params(model, aggregateId, version)
                .update();
    }

    public OptionalLong applied(String model, String aggregateId) {
        return jdbc.sql("select version from applied_version where model = ? and aggregate_id = ?")
                .params(model, aggregateId)
                .query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    public void deleteModel(String model) {
        jdbc.sql("delete from applied_version where model = ?").param(model).update();
    }
}
