package care.backoffice.procurement.payables;

import care.backoffice.procurement.shared.Money;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PayableController {

    private final JdbcClient jdbc;

    public PayableController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/procurement/payables")
    @PreAuthorize("hasAnyRole('back-office','finance')")
    public List<Map<String, Object>> payables(@RequestParam(defaultValue = "OPEN") String status) {
        return jdbc.sql("""
                select p.*, i.invoice_number, s.name supplier_name from payable p
                join supplier_invoice i on i.id = p.invoice_id join supplier s on s.id = p.supplier_id
                where p.status = ? order by p.due_date, p.created_at""")
                .param(status).query((ResultSet rs, int n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getObject("id"));
                    m.put("invoiceId", rs.getObject("invoice_id"));
                    m.put("invoiceNumber", rs.getString("invoice_number"));
                    m.put("supplierId", rs.getObject("supplier_id"));
                    m.put("supplierName", rs.getString("supplier_name"));
                    m.put("team", rs.getString("team"));
                    m.put("amount", Money.format(rs.getBigDecimal("amount")));
                    m.put("dueDate", rs.getObject("due_date", java.time.LocalDate.class));
                    m.put("status", rs.getString("status"));
                    return m;
                }).list();
    }
}
