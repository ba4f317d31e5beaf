package vn.thidua.command.security;

import org.springframework.stereotype.Component;

import vn.thidua.command.rules.Rule;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.platform.security.Actors;

/**
 * The part of authorization that depends on the request's content: a secretariat acts only for its cluster, a unit
 * officer only for its unit. Which role may call which endpoint is in {@link SecurityConfiguration}.
 */
@Component
public class Access {

    private final Actors actors;

    public Access(Actors actors) {
        this.actors = actors;
    }

    public void requireSecretariatOf(String clusterId) {
        Actor actor = actors.current().orElseThrow(() -> RequestRefusal.NOT_YOUR_CLUSTER.refuse(clusterId));
        RequestRefusal.NOT_YOUR_CLUSTER.require(clusterId.equals(actor.clusterId()), clusterId);
    }

    /** The council, or the secretariat of this cluster. */
    public void requireCouncilOrSecretariatOf(String clusterId) {
        if (actors.current().map(actor -> actor.role() != Role.COUNCIL).orElse(true)) {
            requireSecretariatOf(clusterId);
        }
    }

    public void requireOfficerOf(String clusterId, String unitId) {
        Actor actor = actors.current().orElseThrow(() -> RequestRefusal.NOT_YOUR_UNIT.refuse(unitId));
        RequestRefusal.NOT_YOUR_UNIT.require(unitId.equals(actor.unitId()) && clusterId.equals(actor.clusterId()), unitId);
    }
}
