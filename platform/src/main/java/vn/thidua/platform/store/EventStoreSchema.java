package vn.thidua.platform.store;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The event store's tables in snake_case (the command side's {@code V1__event_store.sql}) and the JDBC plumbing Axon
 * needs. The connection provider and transaction manager are declared here because Axon 4.13's auto-configuration
 * orders itself after Spring Boot 3's class names: under Boot 4 it would miss the DataSource and fall back to no
 * transactions at all, so that events, tokens and the apps' own tables would no longer commit together.
 * <p>
 * The connection is the Spring transaction's, and only Spring ends that transaction: Axon's unit-of-work wrapper
 * would commit or roll back the physical connection when a unit of work ends, also a transaction it joined and does
 * not own (an imported year's acts, each a unit of work under one transaction and a savepoint).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreSchema {

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number").typeColumn("type")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
                .payloadColumn("payload").metaDataColumn("meta_data")
                .build();
    }

    /** The query side's processor tokens ({@code token_entry}). */
    public static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry").setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment").setTokenColumn("token").setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp").setOwnerColumn("owner")
                .build();
    }
}
