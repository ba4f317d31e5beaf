package vn.thidua.query.narration;

/** A sentence for people, in Vietnamese and English. */
public record Text(String vi, String en) {
}
