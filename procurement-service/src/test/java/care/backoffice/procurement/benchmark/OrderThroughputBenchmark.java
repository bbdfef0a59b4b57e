package care.backoffice.procurement.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * On demand only: {@code ./mvnw -B -o -pl procurement-service test -Dtest=OrderThroughputBenchmark -Dbenchmark=true}.
 * Places orders from many threads for many teams through the whole service (security filter chain with real
 * RS256 tokens, validation, idempotent create, budget lock, PostgreSQL), in-process via MockMvc, and prints
 * orders/s. Budgets are set so that part of the orders must be refused; the run then checks that no team spent
 * more than its budget.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class OrderThroughputBenchmark extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void ordersPerSecond() throws Exception {
        int teams = Integer.getInteger("benchmark.teams", 50);
        int orders = Integer.getInteger("benchmark.orders", 10_000);
        int threads = Integer.getInteger("benchmark.threads", 32);
        Api api = new Api(mvc);
        UUID supplier = api.createSupplier("Bench Supplies", supplierUrl("/orders/bench"));
        UUID item = api.addItem(supplier, "B-1", "Gloves", "XBX", "10.00", "care-consumables");
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            String team = "team-bench-" + run + "-" + t;
            // Each team can afford 80% of the orders it will be sent.
            api.setPolicy(team, Api.policyJson(String.valueOf(orders / teams * 8), false, "500.00", null));
            tokens.add(TestTokens.teamMember(team));
        }
        String json = Api.orderJson(supplier, item, "1");
        // Warm-up: 200 orders on a separate team.
        String warm = "team-bench-" + run + "-warm";
        api.setPolicy(warm, Api.policyJson("1000000.00", false, "500.00", null));
        for (int i = 0; i < 200; i++) {
            api.post(TestTokens.teamMember(warm), "/api/procurement/orders", json);
        }

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String token = tokens.get(i % teams);
            futures.add(pool.submit(() -> {
                int status = api.post(token, "/api/procurement/orders", json).andReturn().getResponse().getStatus();
                (status == 201 ? accepted : status == 422 ? refused : other).incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("BENCHMARK orders: %,d requests for %d teams on %d threads in %.2f s = %,.0f orders/s "
                        + "(%,d accepted, %,d refused for budget, %,d other)%n",
                orders, teams, threads, seconds, orders / seconds, accepted.get(), refused.get(), other.get());

        assertThat(other.get()).isZero();
        List<BigDecimal[]> overspent = jdbc.sql("""
                select u.committed + u.spent, p.yearly_budget from team_budget_usage u join team_policy p on p.team = u.team
                where u.team like ? and u.committed + u.spent > p.yearly_budget""")
                .param("team-bench-" + run + "%")
                .query((rs, n) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)}).list();
        assertThat(overspent).isEmpty();
        assertThat(accepted.get()).isEqualTo(orders / teams * 8 / 10 * teams);
    }
}
