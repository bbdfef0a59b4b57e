package care.backoffice.procurement.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderNumberTest {

    @Test
    void orderNumbersAreTheSameTextAsBefore() {
        for (long n : new long[] {1, 9, 10, 12345, 99999, 100000, 999999, 1000000, 1234567890L}) {
            assertThat(OrderRepository.orderNumber(n)).isEqualTo("PO-%06d".formatted(n));
        }
    }
}
