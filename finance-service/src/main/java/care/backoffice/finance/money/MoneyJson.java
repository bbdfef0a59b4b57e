package care.backoffice.finance.money;

import java.math.BigDecimal;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Every amount this service answers with is a string with exactly two decimals ("120.00"), so that
 * no client parses money through a binary floating-point number. The service has no other decimals.
 */
@JacksonComponent
public class MoneyJson extends ValueSerializer<BigDecimal> {

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeString(Money.format(value));
    }
}
