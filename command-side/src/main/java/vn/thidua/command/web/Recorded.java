package vn.thidua.command.web;

/**
 * What the store holds after an accepted command: the aggregate's sequence number ({@code version}, for
 * {@code If-Match}) and the global index of the command's last event ({@code position}, the consistency token a
 * client passes to the query side as {@code ?minPosition=}).
 */
public record Recorded(long version, Long position) {
}
