package care.backoffice.procurement.orders;

import care.backoffice.procurement.advice.AdviceRequest;
import care.backoffice.procurement.advice.AdviceRules;
import care.backoffice.procurement.catalogue.CatalogueItem;
import care.backoffice.procurement.catalogue.CatalogueListing;
import care.backoffice.procurement.catalogue.CatalogueRepository;
import care.backoffice.procurement.catalogue.Category;
import care.backoffice.procurement.catalogue.UnitCodes;
import care.backoffice.procurement.dispatch.UblOrderDocument;
import care.backoffice.procurement.policy.PolicyRepository;
import care.backoffice.procurement.policy.TeamPolicy;
import care.backoffice.procurement.shared.Money;
import care.backoffice.procurement.shared.ProcurementProperties;
import care.backoffice.procurement.suppliers.Supplier;
import care.backoffice.procurement.suppliers.SupplierRepository;
import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.Problems;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Places and cancels orders. An order is accepted at once when it fits the team's own policy; there is no
 * approval step. Callers run {@link #place} inside a transaction (the idempotent create provides one).
 */
@Service
public class OrderService {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** A checked request, with prices taken from the catalogue and totals computed. */
    public record Draft(Supplier supplier, List<OrderRepository.Line> lines, BigDecimal total,
            OrderRequest.DeliveryAddress delivery, String note, AdviceRequest advice) {}

    private final OrderRepository orders;
    private final PolicyRepository policies;
    private final SupplierRepository suppliers;
    private final CatalogueRepository catalogue;
    private final ProcurementProperties props;
    private final Clock clock;

    public OrderService(OrderRepository orders, PolicyRepository policies, SupplierRepository suppliers,
            CatalogueRepository catalogue, ProcurementProperties props) {
        this.orders = orders;
        this.policies = policies;
        this.suppliers = suppliers;
        this.catalogue = catalogue;
        this.props = props;
        this.clock = Clock.system(LONDON);
    }

    /** Checks the request's shape and content (400 naming every bad field); reads only, writes nothing. */
    public Draft check(OrderRequest r) {
        Problems p = new Problems();
        if (r == null) {
            p.add("body", "is required");
            p.throwIfAny();
        }
        Supplier supplier = null;
        try {
            supplier = r.supplierId() == null ? null : suppliers.find(UUID.fromString(r.supplierId())).orElse(null);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        p.require(supplier != null, "supplierId", "is not a known supplier");
        OrderRequest.DeliveryAddress d = r.deliveryAddress();
        if (d == null) {
            p.add("deliveryAddress", "is required");
        } else {
            p.require(!blank(d.line1()), "deliveryAddress.line1", "is required");
            p.require(!blank(d.town()), "deliveryAddress.town", "is required");
            p.require(!blank(d.postcode()), "deliveryAddress.postcode", "is required");
        }
        List<OrderRequest.Line> in = r.lines() == null ? List.of() : r.lines();
        p.require(!in.isEmpty() && in.size() <= 200, "lines", "1 to 200 lines are required");
        // Categories matter only for free-text lines; a catalogue order does not read them.
        Map<String, Category> categories = in.stream().anyMatch(l -> l != null && l.catalogueItemId() == null)
                ? catalogue.categoriesByCode() : Map.of();
        List<UUID> itemIds = new ArrayList<>();
        for (OrderRequest.Line l : in) {
            itemIds.add(l == null ? null : uuidOrNull(l.catalogueItemId()));
        }
        Map<UUID, CatalogueListing> items = catalogue.listingsById(itemIds.stream().filter(Objects::nonNull).toList());
        LocalDate today = LocalDate.now(clock);
        List<OrderRepository.Line> lines = new ArrayList<>();
        BigDecimal total = Money.ZERO;
        for (int i = 0; i < in.size(); i++) {
            OrderRequest.Line l = in.get(i);
            String f = "lines[" + i + "].";
            if (l == null) {
                p.add("lines[" + i + "]", "is empty");
                continue;
            }
            BigDecimal qty = quantity(p, f + "quantity", l.quantity());
            if (l.catalogueItemId() != null) {
                CatalogueListing listing = items.get(itemIds.get(i));
                CatalogueItem item = listing == null ? null : listing.item();
                CatalogueListing.Terms terms = listing == null ? null : listing.on(today);
                if (item == null) {
                    p.add(f + "catalogueItemId", "is not a catalogue item");
                } else if (supplier != null && !item.supplierId().equals(supplier.id())) {
                    p.add(f + "catalogueItemId", "is in another supplier's catalogue");
                } else if (!terms.orderable()) {
                    p.add(f + "catalogueItemId", item.description() + " " + terms.unavailable());
                } else if (qty != null) {
                    BigDecimal lineTotal = BudgetRules.lineTotal(qty, terms.unitPrice());
                    lines.add(new OrderRepository.Line(null, i + 1, item.id(), item.supplierItemCode(),
                            item.description(), item.category(), item.unit(), qty, terms.unitPrice(), lineTotal,
                            BigDecimal.ZERO, BigDecimal.ZERO));
                    total = total.add(lineTotal);
                }
            } else {
                Category c = l.category() == null ? null : categories.get(l.category());
                p.require(!blank(l.description()), f + "description", "is required for a line without catalogue item");
                if (c == null) {
                    p.add(f + "category", "must be one of " + categories.keySet());
                } else if (!c.freeTextAllowed()) {
                    p.add(f + "category", "is bought from a catalogue only: give a catalogueItemId");
                }
                String unit = blank(l.unit()) ? "EA" : l.unit();
                p.require(UnitCodes.isKnown(unit), f + "unit", "must be one of " + UnitCodes.KNOWN.keySet());
                BigDecimal price = Money.parse(p, f + "unitPrice", l.unitPrice(), true);
                if (p.isEmpty() && qty != null && price != null) {
                    BigDecimal lineTotal = BudgetRules.lineTotal(qty, price);
                    lines.add(new OrderRepository.Line(null, i + 1, null, null, l.description().trim(), c.code(), unit,
                            qty, price, lineTotal, BigDecimal.ZERO, BigDecimal.ZERO));
                    total = total.add(lineTotal);
                }
            }
        }
        p.require(r.note() == null || r.note().length() <= 1000, "note", "at most 1000 characters");
        p.throwIfAny();
        return new Draft(supplier, lines, total, d, blank(r.note()) ? null : r.note().trim(), r.advice());
    }

    /**
     * Accepts the order if it fits the team's policy, committing its total against the budget. The team's policy
     * row is locked first, so concurrent orders of one team are checked one after another and cannot overspend
     * together; other teams are not held up.
     */
    public Map<String, Object> place(String team, String who, Draft draft) {
        LocalDate today = LocalDate.now(clock);
        int startMonth = props.budget().yearStartMonth();
        int year = BudgetRules.budgetYear(today, startMonth);
        TeamPolicy policy = policies.lock(team).orElseThrow(() -> new ApiException(422,
                "The team has no spending policy yet",
                "Team " + team + " has to set its policy (budget, advice threshold) before ordering"));
        BigDecimal total = draft.total();

        Problems missingAdvice = new Problems();
        AdviceRules.check(draft.advice(), AdviceRules.required(total, policy.adviceThreshold()), total,
                policy.adviceThreshold(), missingAdvice);
        missingAdvice.throwIfAny(422, "The order needs its advice record");

        if (!policy.allowsSupplier(draft.supplier().id())) {
            throw new ApiException(422, "Supplier not on the team's approved list",
                    "The team's policy lists the suppliers it buys from, and " + draft.supplier().name()
                            + " is not one of them", Map.of("supplierId", draft.supplier().id().toString()));
        }
        if (policy.perOrderCap() != null && total.compareTo(policy.perOrderCap()) > 0) {
            throw new ApiException(422, "Order is above the team's per-order cap",
                    "This order of " + Money.format(total) + " is above the team's cap of "
                            + Money.format(policy.perOrderCap()) + " per order",
                    Map.of("orderTotal", Money.format(total), "perOrderCap", Money.format(policy.perOrderCap())));
        }

        // Read in its own statement, after the lock: a statement sees the data as of its start, so usage read in
        // the locking statement itself would miss what the order we waited for had just committed (tried: the
        // 50-order test then accepted 41 instead of 33).
        OrderRepository.Usage usage = orders.usage(team, year);
        BigDecimal released = BudgetRules.releasedToDate(policy.yearlyBudget(), policy.splitByMonth(), today,
                startMonth);
        BigDecimal remaining = BudgetRules.remaining(released, usage.committed(), usage.spent());
        if (!BudgetRules.fits(total, remaining)) {
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("orderTotal", Money.format(total));
            numbers.put("remainingBudget", Money.format(remaining));
            numbers.put("budgetReleasedToDate", Money.format(released));
            numbers.put("committed", Money.format(usage.committed()));
            numbers.put("spent", Money.format(usage.spent()));
            numbers.put("budgetYear", year);
            throw new ApiException(422, "Order exceeds the team's remaining budget",
                    "This order of " + Money.format(total) + " is more than the team's remaining budget of "
                            + Money.format(remaining) + " (released to date " + Money.format(released)
                            + " − committed " + Money.format(usage.committed()) + " − spent "
                            + Money.format(usage.spent()) + ")", numbers);
        }

        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Accepted: commit the total and take the order number in one statement.
        String number = orders.commitAndNumber(team, year, total);
        OrderRequest.DeliveryAddress d = draft.delivery();
        OrderRepository.Order order = new OrderRepository.Order(id, number, team, draft.supplier().id(), year, total,
                total, "PLACED", d.line1().trim(), blankToNull(d.line2()), d.town().trim(),
                d.postcode().trim().toUpperCase(), draft.note(), who, now, null, null, null, "PENDING", 0, now, null,
                null);
        List<OrderRepository.Line> lines = draft.lines().stream().map(l -> new OrderRepository.Line(id, l.lineNo(),
                l.catalogueItemId(), l.supplierItemCode(), l.description(), l.category(), l.unit(), l.quantity(),
                l.unitPrice(), l.lineTotal(), l.receivedQuantity(), l.invoicedQuantity())).toList();
        orders.insert(order, lines, ubl(order, draft));
        OrderRepository.Advice advice = null;
        if (draft.advice() != null) {
            advice = new OrderRepository.Advice(id, draft.advice().decisionNote().trim(), who,
                    draft.advice().advisers().stream()
                            .map(a -> new OrderRepository.Given(a.name().trim(), a.role(), a.advised().trim()))
                            .toList());
            orders.insertAdvice(advice);
        }
        // The answer is built from what was just written, saving three reads per order.
        return OrderViews.view(order, lines, advice);
    }

    /**
     * Cancels an order of the caller's team while nothing has been received or invoiced, releasing what it still
     * commits. If the supplier already has the order, it is sent a PEPPOL Order Cancellation.
     */
    public Map<String, Object> cancel(UUID id, String team, String who, String reason) {
        OrderRepository.Order o = orders.lock(id).orElseThrow(() -> ApiException.notFound("Order " + id));
        if (!o.team().equals(team)) {
            throw new org.springframework.security.access.AccessDeniedException("order of another team");
        }
        policies.lock(team);
        if (o.status().equals("CANCELLED")) {
            return OrderViews.one(orders, id);
        }
        boolean anythingReceived = orders.linesForUpdate(id).stream()
                .anyMatch(l -> l.receivedQuantity().signum() > 0 || l.invoicedQuantity().signum() > 0);
        if (anythingReceived) {
            throw ApiException.conflict("Order " + o.orderNumber()
                    + " has deliveries or invoices recorded and can no longer be cancelled");
        }
        String note = blank(reason) ? "Cancelled by team " + team : reason.trim();
        Supplier s = suppliers.find(o.supplierId()).orElseThrow();
        ProcurementProperties.Buyer b = props.buyer();
        String document = UblOrderDocument.writeCancellation(o.orderNumber() + "-C", LocalDate.now(clock),
                o.orderNumber(), note,
                new UblOrderDocument.Party(b.name(), b.peppolId(), b.line1(), null, b.town(), b.postcode(), "GB"),
                new UblOrderDocument.Party(s.name(), s.peppolParticipantId(), s.addressLine1(), s.addressLine2(),
                        s.town(), s.postcode(), s.countryCode()));
        orders.cancel(id, who, blankToNull(reason), document);
        orders.addToUsage(o.team(), o.budgetYear(), o.openCommitment().negate(), BigDecimal.ZERO);
        return OrderViews.one(orders, id);
    }

    private String ubl(OrderRepository.Order o, Draft draft) {
        ProcurementProperties.Buyer b = props.buyer();
        Supplier s = draft.supplier();
        var buyer = new UblOrderDocument.Party(b.name(), b.peppolId(), b.line1(), null, b.town(), b.postcode(), "GB");
        var seller = new UblOrderDocument.Party(s.name(), s.peppolParticipantId(), s.addressLine1(), s.addressLine2(),
                s.town(), s.postcode(), s.countryCode());
        var delivery = new UblOrderDocument.Party(o.team(), null, o.deliveryLine1(), o.deliveryLine2(),
                o.deliveryTown(), o.deliveryPostcode(), "GB");
        List<UblOrderDocument.Line> lines = draft.lines().stream().map(l -> new UblOrderDocument.Line(l.lineNo(),
                l.supplierItemCode(), l.description(), l.unit(), l.quantity(), l.unitPrice(), l.lineTotal())).toList();
        return UblOrderDocument.write(new UblOrderDocument.Order(o.orderNumber(), o.placedAt().toLocalDate(),
                o.team(), o.note(), buyer, seller, delivery, lines, o.total()));
    }

    private static BigDecimal quantity(Problems p, String field, String value) {
        if (blank(value)) {
            p.add(field, "is required");
            return null;
        }
        try {
            BigDecimal q = new BigDecimal(value.trim());
            if (q.signum() <= 0 || q.stripTrailingZeros().scale() > 3 || q.compareTo(new BigDecimal("1000000")) >= 0) {
                p.add(field, "must be more than 0, below 1000000, at most 3 decimals");
                return null;
            }
            return q.stripTrailingZeros().scale() < 0 ? q.setScale(0) : q.stripTrailingZeros();
        } catch (NumberFormatException e) {
            p.add(field, "is not a number");
            return null;
        }
    }

    private static UUID uuidOrNull(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String blankToNull(String s) {
        return blank(s) ? null : s.trim();
    }
}
