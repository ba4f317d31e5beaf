package vn.thidua.query.documents;

import java.time.LocalDate;

/** How a document is issued: its number and symbol, the day of the act it records and where it was signed. */
public record IssuedAs(int number, String symbol, LocalDate occurredOn, String place) {

    public String numberAndSymbol() {
        return number + "/" + symbol;
    }
}
