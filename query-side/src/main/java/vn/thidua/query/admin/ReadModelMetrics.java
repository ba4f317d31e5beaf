package vn.thidua.query.admin;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What an operator watches on the query side: how many events each read model is behind the store's head
 * ({@code thidua.read_model.lag}) and how many stored events the ledger has not sealed yet
 * ({@code thidua.ledger.unsealed}).
 */
@Component
public class ReadModelMetrics implements MeterBinder {

    private final Projections projections;
    private final JdbcClient jdbc;

    public ReadModelMetrics(Projections projections, JdbcClient jdbc) {
        this.projections = projections;
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String model : Projections.READ_MODELS) {
            Gauge.builder("thidua.read_model.lag", () -> lagOf(model))
                    .description("Events in the store that the read model has not processed yet")
                    .tag("model", model).register(registry);
        }
        Gauge.builder("thidua.ledger.unsealed", this::unsealed)
                .description("Stored events above the ledger's sealed-through watermark").register(registry);
    }

    private double lagOf(String model) {
        long head = head();
        return projections.list().stream().filter(state -> state.name().equals(model)).findFirst()
                .map(state -> (double) Math.max(0, head - (state.position() == null ? 0 : state.position())))
                .orElse(Double.NaN);
    }

    private double unsealed() {
        return Math.max(0, head() - jdbc.sql("select coalesce(max(sealed_through), 0) from ledger_state")
                .query(Long.class).single());
    }

    private long head() {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
    }
}
