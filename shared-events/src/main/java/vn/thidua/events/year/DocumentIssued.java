package vn.thidua.events.year;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;
import vn.thidua.events.decisions.Decision;

/**
 * The secretariat issued one of the year's documents (ban hành): its number and symbol (số, ký hiệu) by the cluster's
 * numbering, the place it was signed; its day is the act's day. {@code sha256} names the PDF as issued, kept with the
 * record, and {@code treeSize} the ledger checkpoint it was printed from. {@code unitId} only for a certificate.
 */
@Revision("1")
public record DocumentIssued(String clusterId, int year, String decisionId, DocumentKind kind, String unitId,
                             int number, String symbol, String place, String sha256, long treeSize)
        implements YearEvent, Decision {

    /** As the document prints it: "12/BB-CTĐ2". */
    public String numberAndSymbol() {
        return number + "/" + symbol;
    }
}
