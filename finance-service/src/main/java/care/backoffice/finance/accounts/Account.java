package care.backoffice.finance.accounts;

/** One account of the chart: its statutory line and cash-flow class decide where statements put it. */
public record Account(String code, String name, String type, String normalBalance, String statutoryLine,
        String sofaLine, String cashFlowClass, String defaultVat, String notes, boolean open) {}
