package vn.thidua.events.leadership;

/** Cụm trưởng (HEAD) or Cụm phó (DEPUTY), elected for one term year. */
public enum Office {
    HEAD,
    DEPUTY
}
