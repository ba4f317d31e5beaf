package vn.thidua.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an accepted command: the ids it concerns or created, {@code version}, the sequence number of the
 * aggregate after the command (for {@code If-Match}), and {@code position}, the event store's global index of the
 * command's last event, which a client passes to the query side as {@code ?minPosition=} to read its write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Accepted(String clusterId, Integer year, String unitId, String decisionId, long version,
                       Long position) {

    public static Accepted ofCluster(String clusterId, String decisionId, Recorded recorded) {
        return ofUnit(clusterId, null, null, decisionId, recorded);
    }

    public static Accepted ofYear(String clusterId, Integer year, String decisionId, Recorded recorded) {
        return ofUnit(clusterId, year, null, decisionId, recorded);
    }

    public static Accepted ofUnit(String clusterId, Integer year, String unitId, String decisionId,
                                  Recorded recorded) {
        return new Accepted(clusterId, year, unitId, decisionId, recorded.version(), recorded.position());
    }
}
