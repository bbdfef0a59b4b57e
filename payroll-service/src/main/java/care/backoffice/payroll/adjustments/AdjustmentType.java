package care.backoffice.payroll.adjustments;

import care.backoffice.payroll.engine.PayslipCalculator.AdjustmentKind;

/**
 * What a one-off adjustment is, and how HMRC treats it. The fixed types carry HMRC's treatment, so the back office
 * does not choose flags for them; {@code OTHER_PAYMENT} and {@code OTHER_DEDUCTION} take the flags from the request.
 * The engine ({@code PayslipCalculator.Adjustment}) applies the treatment.
 */
public enum AdjustmentType {
    /** Bonuses are earnings: taxable and Class 1 NI-able (HMRC EIM00511, NIM02220). */
    BONUS(AdjustmentKind.PAYMENT, true, true, "Bonus"),
    /**
     * Arrears of pay (a backdated pay award, hours missed in a paid period): earnings taxed when paid (PAYE manual
     * PAYE20010) and NI-able in the period they are paid (NIM02220/NIM15000).
     */
    BACK_PAY(AdjustmentKind.PAYMENT, true, true, "Back pay"),
    /**
     * Business expenses reimbursed (mileage at or below HMRC's approved rates, travel between clients): exempt from
     * tax and NI under the exemption for paid or reimbursed expenses (ITEPA 2003 s289A, from 6 April 2016), so added
     * to net pay. Expenses that are not exempt go in as OTHER_PAYMENT, taxable and NI-able.
     */
    EXPENSES(AdjustmentKind.PAYMENT, false, false, "Expenses"),
    OTHER_PAYMENT(AdjustmentKind.PAYMENT, null, null, "Payment"),
    /**
     * Pay not earned (unpaid absence) or an overpayment of pay in the same tax year recovered by reducing pay:
     * comes off before tax and NI, so the cumulative tax corrects itself. [UNSURE for NI on an overpayment from an
     * earlier NI earnings period: HMRC lets the employer reduce the current period's NI-able pay in the same tax
     * year; this is the common payroll practice, not checked against NIM.]
     */
    PAY_CORRECTION(AdjustmentKind.DEDUCTION, true, true, "Pay correction"),
    /** A salary advance, or a net overpayment from an earlier tax year, recovered from net pay. */
    RECOVERY_FROM_NET_PAY(AdjustmentKind.DEDUCTION, false, false, "Recovery"),
    OTHER_DEDUCTION(AdjustmentKind.DEDUCTION, null, null, "Deduction");

    private final AdjustmentKind kind;
    private final Boolean taxable;
    private final Boolean niable;
    private final String label;

    AdjustmentType(AdjustmentKind kind, Boolean taxable, Boolean niable, String label) {
        this.kind = kind;
        this.taxable = taxable;
        this.niable = niable;
        this.label = label;
    }

    public AdjustmentKind kind() {
        return kind;
    }

    /** HMRC's treatment for the fixed types; null for OTHER_*, where the request says. */
    public Boolean taxable() {
        return taxable;
    }

    public Boolean niable() {
        return niable;
    }

    public String label() {
        return label;
    }
}
