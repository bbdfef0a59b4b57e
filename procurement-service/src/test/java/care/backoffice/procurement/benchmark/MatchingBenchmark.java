package care.backoffice.procurement.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.procurement.matching.ThreeWayMatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On demand only: {@code ./mvnw -B -o -pl procurement-service test -Dtest=MatchingBenchmark -Dbenchmark=true}.
 * Matches 100,000 invoices (1-5 lines each; one in ten is off in price or has no receipt) with the same
 * plain-Java matcher the service uses, and prints the time. Target: ≤ 10 s.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class MatchingBenchmark {

    @Test
    void match100000Invoices() {
        int n = Integer.getInteger("benchmark.invoices", 100_000);
        Random random = new Random(42);
        ThreeWayMatch.Tolerance tolerance = new ThreeWayMatch.Tolerance(new BigDecimal("2"), new BigDecimal("5.00"));
        List<List<ThreeWayMatch.OrderLine>> orders = new ArrayList<>(n);
        List<List<ThreeWayMatch.InvoiceLine>> invoices = new ArrayList<>(n);
        List<BigDecimal> totals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int lines = 1 + random.nextInt(5);
            List<ThreeWayMatch.OrderLine> o = new ArrayList<>(lines);
            List<ThreeWayMatch.InvoiceLine> inv = new ArrayList<>(lines);
            BigDecimal total = BigDecimal.ZERO;
            boolean offInvoice = random.nextInt(10) == 0;
            for (int l = 1; l <= lines; l++) {
                BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(20));
                BigDecimal price = BigDecimal.valueOf(50 + random.nextInt(20_000), 2);
                boolean off = offInvoice && l == 1;
                BigDecimal received = off && random.nextBoolean() ? BigDecimal.ZERO : qty;
                o.add(new ThreeWayMatch.OrderLine(l, qty, price, received, BigDecimal.ZERO));
                BigDecimal invoicePrice = off ? price.add(new BigDecimal("7.00")) : price;
                BigDecimal lineTotal = qty.multiply(invoicePrice).setScale(2);
                inv.add(new ThreeWayMatch.InvoiceLine(l, l, qty, lineTotal));
                total = total.add(lineTotal);
            }
            orders.add(o);
            invoices.add(inv);
            totals.add(total);
        }
        // Warm the JIT as the running service would be.
        for (int i = 0; i < Math.min(n, 20_000); i++) {
            ThreeWayMatch.match(orders.get(i), invoices.get(i), totals.get(i), tolerance);
        }
        long start = System.nanoTime();
        int matched = 0;
        for (int i = 0; i < n; i++) {
            if (ThreeWayMatch.match(orders.get(i), invoices.get(i), totals.get(i), tolerance).matched()) {
                matched++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCHMARK matching: %,d invoices in %.3f s (%,.0f invoices/s); %,d matched, %,d exceptions%n",
                n, seconds, n / seconds, matched, n - matched);
        assertThat(matched).isBetween(n * 88 / 100, n * 92 / 100);
    }
}
