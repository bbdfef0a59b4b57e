package care.backoffice.finance.statements;

import care.backoffice.finance.accounts.Account;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an account belongs in the statements, read from the chart's statutory line (Companies Act
 * formats; FRS 102) and cash-flow class. Memo accounts (service users' monies held on trust) are kept
 * out of every statement, as the chart's notes require.
 */
public final class Chart {

    private final Map<String, Account> accounts = new LinkedHashMap<>();

    public Chart(Collection<Account> all) {
        all.forEach(a -> accounts.put(a.code(), a));
    }

    public Account get(String code) {
        Account a = accounts.get(code);
        if (a == null) {
            throw new IllegalArgumentException("account " + code + " is not in the chart");
        }
        return a;
    }

    public boolean isProfitAndLoss(String code) {
        String type = get(code).type();
        return "INCOME".equals(type) || "EXPENSE".equals(type);
    }

    public boolean isMemo(String code) {
        String line = get(code).statutoryLine();
        return line != null && line.startsWith("memo");
    }

    public boolean isCash(String code) {
        return "CASH".equals(get(code).cashFlowClass());
    }

    public String name(String code) {
        return get(code).name();
    }
}
