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
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues one document of a run: builds, validates and stores the invoice or credit note and its documents in one
 * transaction (a credit note claims its credits in it; an invoice's care was claimed before, with all the run's).
 * A document that fails validation or lacks a reference the funder demands is stored as REJECTED with the reason
 * and its care goes back for the next run: it never ships, and nothing it would have charged is lost.
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

    public Outcome issue(InvoiceRepository.RunDocument document, LocalDate issueDate) {
        try {
            return tx.execute(s -> issueInTransaction(document, issueDate));
        } catch (Rejected r) {
            tx.executeWithoutResult(s -> {
                if (!invoices.invoiceExists(document.invoiceId())) {
                    storeRejected(document, r);
                    if (!document.credit()) {
                        invoices.giveBack(document);
                    }
                }
            });
            return Outcome.REJECTED;
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InvoiceIssuer.class);

    private Outcome issueInTransaction(InvoiceRepository.RunDocument doc, LocalDate issueDate) {
        if (invoices.invoiceExists(doc.invoiceId())) {
            return Outcome.ALREADY_ISSUED;
        }
        long t0 = System.nanoTime();
        boolean credit = doc.credit();
        if (doc.released()) {
            return Outcome.NOTHING_TO_ISSUE;   // given back by a later run, which billed its care
        }
        // A credit note claims its credits here; an invoice's care was claimed with all the run's (see issueStep).
        int claimed = credit ? invoices.claimCredits(doc) : invoices.items(doc);
        if (claimed == 0) {
            return Outcome.NOTHING_TO_ISSUE;
        }
        List<LineSum> sums = invoices.lineSums(doc.runId(), doc.documentNo());
        long t1 = System.nanoTime();
        Funder funder = funders.find(doc.funderId()).orElseThrow();
        Contract contract = contracts.find(doc.contractId()).orElseThrow();
        InvoiceRepository.Header original = credit ? invoices.header(doc.originalInvoiceId()).orElseThrow() : null;
        String clientId = doc.clientId();
        InvoiceKind kind = credit ? InvoiceKind.CREDIT_NOTE : InvoiceKind.INVOICE;

        List<InvoiceLine> lines = InvoiceGenerator.lines(sums);
        BigDecimal net = InvoiceGenerator.net(lines);
        BigDecimal vat = InvoiceGenerator.vat(net, contract.vat());
        LocalDate from = InvoiceGenerator.periodStart(sums);
        LocalDate to = InvoiceGenerator.periodEnd(sums);
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
        // The invoice takes the id its document was given when priced: that is what makes its items charged.
        invoices.insert(new InvoiceRepository.Header(doc.invoiceId(), number, kind, "ISSUED", doc.runId(),
                doc.groupKey(), funder.id(), funder.type().name(), clientId, contract.id(),
                contract.purchaseOrderNumber(), contract.reference(), credit ? original.id() : null, issueDate,
                draft.dueDate(), from, to, net, vat, draft.total(), null));
        invoices.insertLines(doc.invoiceId(), lines);
        if (ubl != null) {
            invoices.insertDocument(doc.invoiceId(), "UBL", "application/xml", ubl.getBytes(StandardCharsets.UTF_8));
        }
        invoices.insertDocument(doc.invoiceId(), "PDF", "application/pdf", PdfRenderer.render(draft));
        if (contract.output() == OutputKind.COUNCIL_CSV) {
            invoices.insertDocument(doc.invoiceId(), "CSV", "text/csv",
                    CouncilCsv.write(draft, invoices.visits(doc.runId(), doc.documentNo())));
        }
        if (log.isDebugEnabled()) {
            log.debug("Issued {} ({} lines, {} records): claim+sum {} ms, build {} ms, UBL+validate {} ms, documents+store {} ms",
                    number, lines.size(), claimed, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
        }
        return Outcome.ISSUED;
    }

    /**
     * Held: stored as REJECTED under the document's invoice id with the reason (and the number it would have
     * carried, so the sequence has no unexplained gap). Its care was not claimed and waits for the next run.
     */
    private void storeRejected(InvoiceRepository.RunDocument doc, Rejected r) {
        InvoiceDraft d = r.draft;
        Funder funder = funders.find(doc.funderId()).orElseThrow();
        invoices.insert(new InvoiceRepository.Header(doc.invoiceId(), d.number(), d.kind(), "REJECTED", doc.runId(),
                doc.groupKey(), funder.id(), funder.type().name(), doc.clientId(), doc.contractId(),
                d.purchaseOrderNumber(), d.contractReference(), doc.originalInvoiceId(), d.issueDate(), d.dueDate(),
                d.periodStart(), d.periodEnd(), d.net(), d.vatAmount(), d.total(), r.getMessage()));
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
