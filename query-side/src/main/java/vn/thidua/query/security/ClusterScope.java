package vn.thidua.query.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.platform.security.Actors;
import vn.thidua.query.web.Problem;

/**
 * The one rule that scopes a record keeper's reads by cluster: a secretariat reads the records of its own cluster only
 * (403 NOT_YOUR_CLUSTER); auditors and the council read every cluster's. As an interceptor it guards every path of
 * {@link SecurityConfiguration#RECORD_KEEPER_READS} by its {@code clusterId}; a read that finds its cluster in the
 * data (a unit's certificate) asks {@link #require} itself.
 */
@Component
public class ClusterScope implements HandlerInterceptor {

    private final Actors actors;

    public ClusterScope(Actors actors) {
        this.actors = actors;
    }

    public void require(String clusterId) {
        Actor actor = actors.current().orElse(null);
        if (actor != null && actor.role() == Role.SECRETARIAT && !clusterId.equals(actor.clusterId())) {
            throw Problem.NOT_YOUR_CLUSTER.raise(clusterId);
        }
    }

    /** Whether the caller keeps this cluster's record: an auditor, the council, or the cluster's own secretariat. */
    public boolean keepsTheRecordOf(String clusterId) {
        Actor actor = actors.current().orElse(null);
        return actor != null && switch (actor.role()) {
            case AUDITOR, COUNCIL -> true;
            case SECRETARIAT -> clusterId.equals(actor.clusterId());
            default -> false;
        };
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("clusterId") instanceof String clusterId) {
            require(clusterId);
        }
        return true;
    }
}
