package care.backoffice.payroll;

import java.math.BigDecimal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Amounts travel as JSON strings ("1234.50"), never as JSON numbers: a client's double cannot round them.
 * Every BigDecimal this service writes is written as its plain decimal text.
 */
@Configuration(proxyBeanMethods = false)
public class MoneyJson {

    @Bean
    JacksonModule bigDecimalsAsStrings() {
        SimpleModule module = new SimpleModule("payroll-money");
        module.addSerializer(BigDecimal.class, new ValueSerializer<BigDecimal>() {
            @Override
            public void serialize(BigDecimal value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(value.toPlainString());
            }
        });
        return module;
    }
}
