package vn.thidua.events.year;

/** A document backing a report: its title, the SHA-256 of its content (hex) and where it is kept. */
public record Evidence(String title, String sha256, String uri) {
}
