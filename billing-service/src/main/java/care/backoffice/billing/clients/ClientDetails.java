package care.backoffice.billing.clients;

import care.backoffice.billing.funders.Address;
import care.backoffice.support.problem.Problems;

/**
 * A change of a client's name, address or email (all three given, as on the client). Invoices already issued keep
 * the details they were issued with; the previous details are kept in the client's history. The reason is optional:
 * a client moving house needs none.
 */
public record ClientDetails(String name, Address address, String email, String reason) {

    void check(Problems p) {
        NewClient.checkDetails(p, name, address, email);
        if (reason != null && reason.length() > 1000) {
            p.add("reason", "must be at most 1000 characters");
        }
    }
}
