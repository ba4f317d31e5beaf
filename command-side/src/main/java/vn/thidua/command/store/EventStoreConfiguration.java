package vn.thidua.command.store;


import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import vn.thidua.events.json.EventJson;

/**
 * Axon's JDBC storage engine on the PostgreSQL schema of {@code V1__event_store.sql}: snake_case columns, payload and
 * metadata stored as JSON text an auditor can read with SQL, and a unique-key clash recognised as a concurrent append.
 * The schema, connection provider and transaction manager are the platform's {@code EventStoreSchema}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    public static final String AGGREGATE_CACHE = "aggregateCache";

    /**
     * Emulation years stay in memory between commands instead of being rebuilt from their whole stream each time.
     * Safe with several replicas because every command of a year appends to the year's stream: a cached year that
     * another replica has moved on fails to append on the unique key, is evicted with the rolled-back unit of work,
     * and the command is retried on the fresh state. (The cluster is not cached: some of its decisions append to
     * another stream.)
     */
    @Bean(AGGREGATE_CACHE)
    public Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    /** Every serializer (events, messages, snapshots) writes the JSON of the published language. */
    @Bean
    public Jackson3SerializerCustomizer eventJsonCustomizer() {
        return EventJson::configure;
    }

    /** Off under the {@code axonserver} profile, where Axon Server stores the events. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(String.class)
                .build();
    }
}
