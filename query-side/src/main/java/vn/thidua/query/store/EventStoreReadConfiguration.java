package vn.thidua.query.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;


import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import vn.thidua.events.ClusterEvent;
import vn.thidua.events.json.EventJson;
import vn.thidua.platform.store.EventStoreSchema;

/**
 * The query side reads the command side's event table (never writes it) and keeps its processors' tokens in
 * {@code token_entry}, in the same transaction as the read-model rows (the platform's {@code EventStoreSchema}
 * supplies the schema, connection provider and transaction manager).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreReadConfiguration {

    private static final String IN_ONE_SEQUENCE = "all";

    /** New events from the command side are polled for this often. */
    static final long FETCH_DELAY_MILLIS = 100;

    /**
     * Events in their published JSON form; tracking tokens also carry typed fields (a replay token's context), which
     * Jackson 3 refuses to resolve unless the types are allowed explicitly.
     */
    @Bean
    public Jackson3SerializerCustomizer eventJsonCustomizer() {
        return builder -> EventJson.configure(builder).polymorphicTypeValidator(
                BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .allowIfSubType("java.lang.")
                        .allowIfSubType("java.util.")
                        .build());
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer defaultSerializer, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema eventSchema,
                                                 Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(String.class)
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(FETCH_DELAY_MILLIS)
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(EventStoreSchema.tokenSchema())
                .contentType(String.class)
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** All events of one cluster are handled in order by one segment: for read models keyed by cluster or year. */
    @Bean
    public SequencingPolicy<EventMessage<?>> byCluster() {
        return event -> event.getPayload() instanceof ClusterEvent clusterEvent
                ? clusterEvent.clusterId() : event.getIdentifier();
    }

    /** Every event in one sequence: for read models whose documents take events from several clusters. */
    @Bean
    public SequencingPolicy<EventMessage<?>> inOneSequence() {
        return event -> IN_ONE_SEQUENCE;
    }
}
