package vn.thidua.command.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The files kept with the record, content-addressed by the SHA-256 of their bytes and insert-only as the events are:
 * the evidence reports cite and the documents issued. The ledger verification hashes them all again.
 */
@Component
public class KeptFiles {

    /** What is kept under a hash, and whether this call stored it (false: those bytes were kept already). */
    public record Kept(String sha256, long size, String mediaType, boolean stored) {
    }

    private final JdbcClient jdbc;

    public KeptFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Kept keep(byte[] content, String mediaType) {
        String sha256 = sha256(content);
        int stored = jdbc.sql("insert into evidence_file (sha256, media_type, size, content) values (?, ?, ?, ?)"
                        + " on conflict (sha256) do nothing")
                .params(sha256, mediaType, content.length, content).update();
        String kept = jdbc.sql("select media_type from evidence_file where sha256 = ?").param(sha256)
                .query(String.class).single();
        return new Kept(sha256, content.length, kept, stored == 1);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
