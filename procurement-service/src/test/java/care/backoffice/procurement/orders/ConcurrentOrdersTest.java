package care.backoffice.procurement.orders;

import static org.assertj.core.api.Assertions.assertThat;

import care.backoffice.procurement.Api;
import care.backoffice.procurement.ProcurementIntegrationTest;
import care.backoffice.testing.TestTokens;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** 50 colleagues press "order" at the same moment on real threads against the real PostgreSQL. */
class ConcurrentOrdersTest extends ProcurementIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftySimultaneousOrdersNeverOverspendTheBudget() throws Exception {
        Api api = new Api(mvc);
        String team = "team-rush-" + UUID.randomUUID().toString().substring(0, 6);
        UUID supplier = api.createSupplier("Rush Supplies", supplierUrl("/orders/rush"));
        UUID gloves = api.addItem(supplier, "GL-1", "Nitrile gloves", "XBX", "30.00", "care-consumables");
        api.setPolicy(team, Api.policyJson("1000.00", false, "500.00", null));
        String token = TestTokens.teamMember(team);
        String json = Api.orderJson(supplier, gloves, "1");

        int n = 50;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return api.post(token, "/api/procurement/orders", json).andReturn().getResponse().getStatus();
            }));
        }
        start.countDown();
        int accepted = 0;
        int refused = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status == 201) {
                accepted++;
            } else if (status == 422) {
                refused++;
            }
        }
        pool.shutdown();

        // £1000 buys 33 boxes at £30; the 34th would overspend.
        assertThat(accepted).isEqualTo(33);
        assertThat(refused).isEqualTo(17);
        BigDecimal committed = jdbc.sql("select sum(total) from purchase_order where team = ?").param(team)
                .query(BigDecimal.class).single();
        assertThat(committed).isEqualByComparingTo("990.00");
        assertThat(jdbc.sql("select committed from team_budget_usage where team = ?").param(team)
                .query(BigDecimal.class).single()).isEqualByComparingTo(committed);
    }
}
