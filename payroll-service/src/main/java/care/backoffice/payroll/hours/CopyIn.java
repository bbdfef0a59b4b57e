package care.backoffice.payroll.hours;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * PostgreSQL's COPY FROM STDIN on the current transaction's connection (pgjdbc's copy API), written as a stream: a
 * bulk submission's rows go in one round trip without a large string being built first, and they commit or roll
 * back with the rest of the transaction.
 */
final class CopyIn {

    /** Writes the rows of one COPY. */
    interface Rows {
        void write(Writer out) throws IOException;
    }

    private CopyIn() {}

    static void copy(DataSource dataSource, String sql, Rows rows) {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql, 1 << 16);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
                rows.write(out);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY failed: " + sql.lines().findFirst().orElse(sql), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }
}
