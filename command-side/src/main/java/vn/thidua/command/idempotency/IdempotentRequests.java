package vn.thidua.command.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpServletRequest;
import vn.thidua.events.actor.Actor;

/**
 * {@code Idempotency-Key}: the first request with a key records it, in the same transaction as its events, with a
 * fingerprint of the request and the aggregate version it produced. A repeat with the same fingerprint gets the same
 * answer and records nothing; a repeat with another body is refused. Keys are kept per actor and survive restarts.
 */
@Component
public class IdempotentRequests implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String HEADER = "Idempotency-Key";
    static final String FINGERPRINT = "requestFingerprint";

    /** Thrown inside the unit of work when the key was recorded before: the work is rolled back. */
    public static final class RepeatedRequest extends RuntimeException {
        private final String actor;
        private final String key;
        private final String fingerprint;

        RepeatedRequest(String actor, String key, String fingerprint) {
            super("repeated request " + key, null, false, false);
            this.actor = actor;
            this.key = key;
            this.fingerprint = fingerprint;
        }
    }

    /** What an earlier request with the key produced, or empty when that request was a different one. */
    public record Outcome(String key, Optional<Long> version) {
    }

    private final JdbcClient jdbc;

    public IdempotentRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The key and the request's fingerprint (method, path and body), for the command's metadata. */
    public Map<String, Object> describe(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            return Map.of();
        }
        ContentCachingRequestWrapper body = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
        byte[] content = body == null ? new byte[0] : body.getContentAsByteArray();
        return Map.of(Actor.IDEMPOTENCY_KEY, key, FINGERPRINT,
                sha256(request.getMethod() + " " + request.getRequestURI() + "\n", content));
    }

    /** A decision id that a repeat of the same keyed request reproduces, so that it gets the same answer. */
    public static String decisionIdFor(String actor, String key) {
        return UUID.nameUUIDFromBytes((actor + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Map<String, ?> metadata = unitOfWork.getMessage().getMetaData();
        Object key = metadata.get(Actor.IDEMPOTENCY_KEY);
        if (key == null) {
            return chain.proceed();
        }
        String actor = String.valueOf(metadata.get(Actor.ACTOR));
        String fingerprint = String.valueOf(metadata.get(FINGERPRINT));
        int recorded = jdbc.sql("""
                        insert into idempotency_key (actor, idempotency_key, fingerprint) values (?, ?, ?)
                        on conflict (actor, idempotency_key) do nothing""")
                .params(actor, key.toString(), fingerprint).update();
        if (recorded == 0) {
            throw new RepeatedRequest(actor, key.toString(), fingerprint);
        }
        Object result = chain.proceed();
        jdbc.sql("update idempotency_key set version = ? where actor = ? and idempotency_key = ?")
                .params(result instanceof Number version ? version.longValue() : 0L, actor, key.toString())
                .update();
        return result;
    }

    /** Looks up the earlier request; its version when it was the same request, empty when it was another. */
    public Outcome earlier(RepeatedRequest repeat) {
        return jdbc.sql("select fingerprint, version from idempotency_key where actor = ? and idempotency_key = ?")
                .params(repeat.actor, repeat.key)
                .query((row, i) -> new Outcome(repeat.key, row.getString(1).equals(repeat.fingerprint)
                        ? Optional.of(row.getLong(2)) : Optional.empty()))
                .single();
    }

    private static String sha256(String head, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
