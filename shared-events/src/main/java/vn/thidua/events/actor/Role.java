package vn.thidua.events.actor;

/** Who may do what: the roles recorded with every event. */
public enum Role {
    /** The sector's emulation council: forms clusters, changes membership, opens years, rescinds, replays. */
    COUNCIL,
    /** The secretariat of one cluster: elections, assessments, ranking, awards, closing the year. */
    SECRETARIAT,
    /** The officer of one member unit: signs the pledge, files and amends that unit's report. */
    UNIT_OFFICER,
    /** Reads everything, including the decision log, timeline, verification and exports. */
    AUDITOR,
    /** Reads scoreboards and leadership. */
    VIEWER
}
