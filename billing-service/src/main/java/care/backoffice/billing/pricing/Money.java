package care.backoffice.billing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** GBP amounts: BigDecimal at scale 2, written in JSON as strings with two decimals. */
public final class Money {

    private Money() {}

    /**
     * Parses a price or amount as the API takes it: a string of at most two decimals (pennies), never a float.
     * @return null if the text is not such an amount
     */
    public static BigDecimal parse(String text) {
        if (text == null || !text.matches("^-?[0-9]{1,15}(\\.[0-9]{1,2})?$")) {
            return null;
        }
        return new BigDecimal(text).setScale(2, RoundingMode.UNNECESSARY);
    }

    public static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
