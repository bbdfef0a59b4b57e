package care.backoffice.billing.invoices;

import care.backoffice.billing.clients.Client;
import care.backoffice.billing.clients.ClientRepository;
import care.backoffice.billing.contracts.Contract;
import care.backoffice.billing.contracts.ContractRepository;
import care.backoffice.billing.documents.CouncilCsv;
import care.backoffice.billing.documents.PdfRenderer;
import care.backoffice.billing.documents.PeppolValidator;
import care.backoffice.billing.documents.UblWriter;
import care.backoffice.billing.funders.Funder;
import care.backoffice.billing.funders.FunderRepository;
import care.backoffice.billing.funders.FunderType;
import care.backoffice.billing.pricing.OutputKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues one document of a run: claims its care records, builds, validates and stores the invoice or credit
 * note and its documents, all in one transaction. A document that fails validation or lacks a reference the
 * funder demands is stored as REJECTED with the reason and its care stays unbilled for the next run: it never
 * ships, and nothing it would have charged is lost.
 */
@Component
public class InvoiceIssuer {

    /** Why a document may not go; its message is what the back office reads. */
    static final class Rejected extends RuntimeException {
        final InvoiceDraft draft;

        Rejected(String message, InvoiceDraft draft) {
            super(message);
            this.draft = draft;
        }
    }

    public enum Outcome { ISSUED, REJECTED, NOTHING_TO_ISSUE, ALREADY_ISSUED }

    private final InvoiceRepository invoices;
    private final FunderRepository funders;
    private final ContractRepository contracts;
    private final ClientRepository clients;
    private final PeppolValidator validator;
    private final Seller seller;
    private final TransactionTemplate tx;

    public InvoiceIssuer(InvoiceRepository invoices, FunderRepository funders, ContractRepository contracts,
            ClientRepository clients, PeppolValidator validator, Seller seller, PlatformTransactionManager tm) {
        this.invoices = invoices;
        this.funders = funders;
        this.contracts = contracts;
        this.clients = clients;
        this.validator = validator;
        this.seller = seller;
        this.tx = new TransactionTemplate(tm);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public Outcome issue(UUID runId, String groupKey, LocalDate issueDate) {
        try {
            return tx.execute(s -> issueInTransaction(runId, groupKey, issueDate));
        } catch (Rejected r) {
            tx.executeWithoutResult(s -> {
                if (!invoices.exists(runId, groupKey)) {
                    storeRejected(runId, groupKey, r);
                }
            });
            return Outcome.REJECTED;
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InvoiceIssuer.class);

    private Outcome issueInTransaction(UUID runId, String groupKey, LocalDate issueDate) {
        if (invoices.exists(runId, groupKey)) {
            return Outcome.ALREADY_ISSUED;
        }
        long t0 = System.nanoTime();
        List<RunItem> items = invoices.items(runId, groupKey);
        if (items.isEmpty()) {
            return Outcome.NOTHING_TO_ISSUE;
        }
        boolean credit = "CREDIT".equals(items.get(0).kind());
        UUID invoiceId = UUID.randomUUID();
        List<RunItem> claimed = credit ? invoices.claimCredits(items) : invoices.claimCharges(invoiceId, items);
        if (claimed.isEmpty()) {
            return Outcome.NOTHING_TO_ISSUE;
        }
        long t1 = System.nanoTime();
        RunItem first = claimed.get(0);
        Funder funder = funders.find(first.funderId()).orElseThrow();
        Contract contract = contracts.find(first.contractId()).orElseThrow();
        InvoiceRepository.Header original = credit ? invoices.header(first.originalInvoiceId()).orElseThrow() : null;
        String clientId = credit ? original.clientId()
                : funder.type() == FunderType.SELF_FUNDER ? first.clientId() : null;
        InvoiceKind kind = credit ? InvoiceKind.CREDIT_NOTE : InvoiceKind.INVOICE;

        Map<String, String> names = new HashMap<>();
        List<InvoiceLine> lines = InvoiceGenerator.lines(claimed.stream().map(RunItem::priced).toList(),
                id -> names.computeIfAbsent(id, c -> invoices.clientName(c).orElse(c)));
        BigDecimal net = InvoiceGenerator.net(lines);
        BigDecimal vat = InvoiceGenerator.vat(net, contract.vat());
        LocalDate from = claimed.stream().map(RunItem::careDate).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = claimed.stream().map(RunItem::careDate).max(Comparator.naturalOrder()).orElseThrow();
        String number = invoices.nextNumber(kind, issueDate);
        InvoiceDraft draft = new InvoiceDraft(kind, number, issueDate,
                credit ? null : InvoiceGenerator.dueDate(issueDate, funder.paymentTermsDays()), from, to,
                seller.asParty(), buyer(funder, clientId), contract.purchaseOrderNumber(), contract.reference(),
                buyerReference(contract, clientId, lines), credit ? original.number() : null,
                credit ? original.issueDate() : null, contract.vat(), funder.paymentTermsDays(), lines, net, vat,
                net.add(vat), seller.bankAccount(), seller.bankAccountName());

        List<String> missing = InvoiceGenerator.missingReferences(funder.requiredReferences(),
                contract.purchaseOrderNumber(), contract.reference(), lines);
        if (!missing.isEmpty()) {
            throw new Rejected(String.join("; ", missing), draft);
        }
        // Funders on PEPPOL get the UBL document; it is validated before anything is stored. Buyers without a
        // PEPPOL id (email-only funders, self-funding clients) cannot be addressed in UBL and take the PDF.
        long t2 = System.nanoTime();
        String ubl = null;
        if (draft.buyerOnPeppol()) {
            ubl = UblWriter.write(draft);
            List<PeppolValidator.Violation> violations = credit ? validator.validateCreditNote(ubl) : validator.validateInvoice(ubl);
            if (!violations.isEmpty()) {
                throw new Rejected("PEPPOL BIS 3 validation failed: " + violations, draft);
            }
        }
        long t3 = System.nanoTime();
        invoices.insert(new InvoiceRepository.Header(invoiceId, number, kind, "ISSUED", runId, groupKey, funder.id(),
                funder.type().name(), clientId, contract.id(), contract.purchaseOrderNumber(), contract.reference(),
                credit ? original.id() : null, issueDate, draft.dueDate(), from, to, net, vat, draft.total(), null));
        invoices.insertLines(invoiceId, lines);
        if (ubl != null) {
            invoices.insertDocument(invoiceId, "UBL", "application/xml", ubl.getBytes(StandardCharsets.UTF_8));
        }
        invoices.insertDocument(invoiceId, "PDF", "application/pdf", PdfRenderer.render(draft));
        if (contract.output() == OutputKind.COUNCIL_CSV) {
            invoices.insertDocument(invoiceId, "CSV", "text/csv",
                    CouncilCsv.write(draft, claimed.stream().map(RunItem::priced).toList()));
        }
        invoices.markIssued(runId, invoiceId, claimed);
        if (log.isDebugEnabled()) {
            log.debug("Issued {} ({} lines, {} records): load+claim {} ms, build {} ms, UBL+validate {} ms, documents+store {} ms",
                    number, lines.size(), claimed.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
        }
        return Outcome.ISSUED;
    }

    private void storeRejected(UUID runId, String groupKey, Rejected r) {
        InvoiceDraft d = r.draft;
        RunItem first = invoices.items(runId, groupKey).get(0);
        Funder funder = funders.find(first.funderId()).orElseThrow();
        // The number the document would have carried is kept with the rejection, so the sequence has no
        // unexplained gap.
        invoices.insert(new InvoiceRepository.Header(UUID.randomUUID(), d.number(), d.kind(), "REJECTED", runId,
                groupKey, funder.id(), funder.type().name(), null, first.contractId(), d.purchaseOrderNumber(),
                d.contractReference(), first.originalInvoiceId(), d.issueDate(), d.dueDate(), d.periodStart(),
                d.periodEnd(), d.net(), d.vatAmount(), d.total(), r.getMessage()));
    }

    /** Self-funders are invoiced as themselves, at their own address; they are not on PEPPOL. */
    private Party buyer(Funder funder, String clientId) {
        if (clientId != null) {
            Client client = clients.find(clientId).orElseThrow();
            return new Party(client.name(), client.address(), null, null, client.email(), null, null);
        }
        String[] peppol = funder.peppolParticipantId() == null ? new String[] {null, null}
                : funder.peppolParticipantId().split(":", 2);
        return new Party(funder.legalName(), funder.address(), peppol[0], peppol[1], funder.email(), null, null);
    }

    /** PEPPOL-EN16931-R003 wants a buyer reference or an order reference; the contract's, else the client's. */
    private static String buyerReference(Contract contract, String clientId, List<InvoiceLine> lines) {
        if (contract.reference() != null && !contract.reference().isBlank()) {
            return contract.reference();
        }
        if (clientId != null) {
            return lines.get(0).funderReference() != null ? lines.get(0).funderReference() : clientId;
        }
        return contract.purchaseOrderNumber() != null ? contract.purchaseOrderNumber() : "Care " + contract.id();
    }
}
