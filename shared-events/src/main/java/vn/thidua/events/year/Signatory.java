package vn.thidua.events.year;

/** The person who signed for a unit, e.g. "Nguyễn Văn A", "Trưởng ban". */
public record Signatory(String name, String title) {
}
