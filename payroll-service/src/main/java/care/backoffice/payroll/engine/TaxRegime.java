package care.backoffice.payroll.engine;

/** Which income tax bands apply: rest of UK (England and Northern Ireland), Wales (C prefix), Scotland (S prefix). */
public enum TaxRegime {
    RUK,
    WALES,
    SCOTLAND
}
