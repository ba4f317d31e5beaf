package vn.thidua.events.year;

/** Cờ thi đua (EMULATION_FLAG) or Bằng khen (CERTIFICATE_OF_MERIT). */
public enum Award {
    EMULATION_FLAG,
    CERTIFICATE_OF_MERIT
}
