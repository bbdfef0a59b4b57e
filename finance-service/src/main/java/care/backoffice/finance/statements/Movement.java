package care.backoffice.finance.statements;

import java.math.BigDecimal;

/** Debits and credits of one account (and team; "" for none) summed over some months or up to a date. */
public record Movement(String account, String team, BigDecimal debit, BigDecimal credit) {

    /** Debit-positive net. */
    public BigDecimal net() {
        return debit.subtract(credit);
    }
}
