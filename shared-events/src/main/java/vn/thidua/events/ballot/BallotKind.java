package vn.thidua.events.ballot;

import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.Award;

/** What a ballot decides: each kind has its own vote in the cluster's rules (quy chế của cụm). */
public enum BallotKind {
    HEAD, DEPUTY, EMULATION_FLAG, CERTIFICATE_OF_MERIT;

    public static BallotKind of(Office office) {
        return office == Office.HEAD ? HEAD : DEPUTY;
    }

    public static BallotKind of(Award award) {
        return award == Award.EMULATION_FLAG ? EMULATION_FLAG : CERTIFICATE_OF_MERIT;
    }
}
