package vn.thidua.command.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;
import vn.thidua.command.idempotency.IdempotentRequests;
import vn.thidua.platform.security.Actors;
import vn.thidua.events.actor.Actor;
import vn.thidua.events.time.ActDate;

/**
 * Puts on every command, and through the correlation data providers on every event it causes, who acted (name,
 * role, their cluster and unit), the request's correlation id, its Idempotency-Key and the day the act took place
 * where the body gives one ({@code occurredOn}); and on the command only, the
 * version the client expects ({@code If-Match}) and the request's fingerprint for idempotency.
 */
@Configuration(proxyBeanMethods = false)
public class RequestMetadata {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String EXPECTED_VERSION = "expectedVersion";
    /**
     * Set on a request that carries many commands (an imported year): its Idempotency-Key, which names one command's
     * answer, is not put on them.
     */
    public static final String MANY_COMMANDS = RequestMetadata.class.getName() + ".manyCommands";
    static final List<String> RECORDED_ON_EVENTS = List.of(Actor.ACTOR, Actor.ROLE, Actor.CLUSTER, Actor.UNIT,
            Actor.CORRELATION_ID, Actor.IDEMPOTENCY_KEY, ActDate.OCCURRED_ON);

    @Bean
    public CorrelationDataProvider actorAndRequestOnEvents() {
        return new SimpleCorrelationDataProvider(RECORDED_ON_EVENTS.toArray(String[]::new));
    }

    /** Adds the request's metadata to each command as it is dispatched. */
    @Component
    static class OnDispatch {

        @Autowired
        void registerOn(CommandBus commandBus, Actors actors, IdempotentRequests idempotency) {
            MessageDispatchInterceptor<CommandMessage<?>> interceptor = messages -> (index, command) ->
                    command.andMetaData(metadataOf(actors, idempotency));
            commandBus.registerDispatchInterceptor(interceptor);
        }
    }

    static Map<String, Object> metadataOf(Actors actors, IdempotentRequests idempotency) {
        Map<String, Object> metadata = new HashMap<>();
        actors.current().ifPresent(actor -> {
            putIfPresent(metadata, Actor.ACTOR, actor.name());
            putIfPresent(metadata, Actor.ROLE, actor.role() == null ? null : actor.role().name());
            putIfPresent(metadata, Actor.CLUSTER, actor.clusterId());
            putIfPresent(metadata, Actor.UNIT, actor.unitId());
        });
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String correlation = request.getHeader(CORRELATION_HEADER);
            metadata.put(Actor.CORRELATION_ID, correlation == null || correlation.isBlank()
                    ? UUID.randomUUID().toString() : correlation);
            if (request.getAttribute(MANY_COMMANDS) == null) {
                idempotency.describe(request).forEach(metadata::put);
            }
            ActDateOfRequest.of(request).ifPresent(day -> metadata.put(ActDate.OCCURRED_ON, day.toString()));
            String ifMatch = request.getHeader("If-Match");
            if (ifMatch != null && !ifMatch.isBlank()) {
                metadata.put(EXPECTED_VERSION, ifMatch.replace("\"", "").replace("W/", "").trim());
            }
        }
        return metadata;
    }

    private static void putIfPresent(Map<String, Object> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }
}
