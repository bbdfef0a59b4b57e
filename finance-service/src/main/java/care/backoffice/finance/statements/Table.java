package care.backoffice.finance.statements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statement laid out as rows and columns, the one shape every export (CSV, XLSX, PDF) renders.
 * Cells are strings or amounts ({@code BigDecimal}, written with two decimals).
 */
public final class Table {

    public enum Kind { HEADING, LINE, TOTAL }

    public record Row(Kind kind, List<Object> cells) {}

    private final String title;
    private final String subtitle;
    private final List<String> columns;
    private final List<Row> rows = new ArrayList<>();

    public Table(String title, String subtitle, List<String> columns) {
        this.title = title;
        this.subtitle = subtitle;
        this.columns = List.copyOf(columns);
    }

    public Table row(Kind kind, Object... cells) {
        rows.add(new Row(kind, Arrays.asList(cells)));
        return this;
    }

    public Table heading(String text) {
        Object[] cells = new Object[columns.size()];
        Arrays.fill(cells, "");
        cells[0] = text;
        return row(Kind.HEADING, cells);
    }

    public String title() {
        return title;
    }

    public String subtitle() {
        return subtitle;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }
}
