package care.backoffice.finance.accounts;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Loads the UK care chart of accounts (a copy of shared/reference/chart-of-accounts-uk-care.csv) once,
 * as a versioned migration: later changes by finance users go through the API and are never
 * overwritten by a redeploy. Boot hands every {@code JavaMigration} bean to Flyway.
 */
@Component
public class V2__LoadChartOfAccounts extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = new InputStreamReader(
                getClass().getResourceAsStream("/chart-of-accounts-uk-care.csv"), StandardCharsets.UTF_8);
             PreparedStatement insert = context.getConnection().prepareStatement("""
                     insert into account (code, name, type, normal_balance, statutory_line, sofa_line,
                                          cash_flow_class, default_vat, notes)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (CSVRecord r : format.parse(in)) {
                insert.setString(1, r.get("code"));
                insert.setString(2, r.get("name"));
                insert.setString(3, r.get("type"));
                insert.setString(4, r.get("normal_balance"));
                insert.setString(5, blankToNull(r.get("frs102_format_line")));
                insert.setString(6, blankToNull(r.get("sofa_line")));
                insert.setString(7, blankToNull(r.get("cash_flow_class")));
                insert.setString(8, blankToNull(r.get("default_vat")));
                insert.setString(9, blankToNull(r.get("notes")));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
