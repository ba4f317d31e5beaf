package vn.thidua.events.year;

/**
 * A document backing a report: its title, the SHA-256 of its content (hex), which names the file kept with the record
 * (POST /api/evidence), and optionally where else it is kept.
 */
public record Evidence(String title, String sha256, String uri) {
}
