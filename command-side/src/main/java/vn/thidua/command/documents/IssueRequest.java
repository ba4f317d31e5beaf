package vn.thidua.command.documents;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.thidua.events.year.DocumentKind;

/**
 * A document to issue: what it is (a certificate names its unit), its number and symbol by the cluster's numbering
 * ("12", "BB-CTĐ2"), the day of the act it records ({@code occurredOn}, the meeting's day) and where it was signed.
 */
public record IssueRequest(@NotNull DocumentKind kind,
                           @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be 2 to 64 characters of a-z, 0-9 and '-'")
                           String unitId,
                           @NotNull @Min(1) @Max(999_999) Integer number,
                           @NotBlank @Size(max = 50) @Pattern(regexp = "[^/\\s]+(?:[^/]*[^/\\s])?",
                                   message = "must not contain '/' nor start or end with a space") String symbol,
                           @NotNull LocalDate occurredOn,
                           @NotBlank @Size(max = 300) String place) {

    /** What the query side prints: the same, at a checkpoint. */
    public record Print(DocumentKind kind, String unitId, int number, String symbol, LocalDate occurredOn,
                        String place, long treeSize) {
    }

    Print toPrint(long treeSize) {
        return new Print(kind, unitId, number, symbol, occurredOn, place.strip(), treeSize);
    }
}
