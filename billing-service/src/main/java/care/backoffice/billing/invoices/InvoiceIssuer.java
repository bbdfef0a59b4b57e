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
        return issue(document, issueDate, null);
    }

    /** @param number the number the document was given when it was built before, or null for the next one */
    private Outcome issue(InvoiceRepository.RunDocument document, LocalDate issueDate, String number) {
        try {
            return tx.execute(s -> issueInTransaction(document, issueDate, number));
        } catch (Rejected r) {
            hold(document, r);
            return Outcome.REJECTED;
        }
    }

    private void hold(InvoiceRepository.RunDocument document, Rejected r) {
        tx.executeWithoutResult(s -> {
            if (!invoices.invoiceExists(document.invoiceId())) {
                storeRejected(document, r);
                if (!document.credit()) {
                    invoices.giveBack(document);
                }
            }
        });
    }

    /**
     * An invoice of a run built and validated while the run's care is still being claimed (validation is most of
     * the work of issuing; claiming a month of care is PostgreSQL's, so the two overlap). Nothing is stored.
     */
    public record Prepared(InvoiceRepository.RunDocument document, LocalDate issueDate, Outcome outcome, Built built,
            Rejected rejected) {}

    /** Builds an invoice (never a credit note: those claim their credits as they are built) without storing it. */
    public Prepared prepare(InvoiceRepository.RunDocument doc, LocalDate issueDate) {
        if (doc.credit()) {
            throw new IllegalArgumentException("credit notes are issued with issue()");
        }
        if (invoices.invoiceExists(doc.invoiceId())) {
            return new Prepared(doc, issueDate, Outcome.ALREADY_ISSUED, null, null);
        }
        if (doc.released()) {
            return new Prepared(doc, issueDate, Outcome.NOTHING_TO_ISSUE, null, null);
        }
        try {
            Built built = build(doc, issueDate, null);
            return new Prepared(doc, issueDate, built == null ? Outcome.NOTHING_TO_ISSUE : Outcome.ISSUED, built, null);
        } catch (Rejected r) {
            return new Prepared(doc, issueDate, Outcome.REJECTED, null, r);
        }
    }

    /**
     * Issues a prepared invoice once the run's care has been claimed.
     *
     * @param claimedAsPriced whether all the run's care was claimed as priced, so the invoice built before is still
     * what its care amounts to; otherwise it was claimed document by document, perhaps leaving visits out, and the
     * invoice is built again (under the number it was given, so that the sequence shows no gap).
     */
    public Outcome issuePrepared(Prepared p, boolean claimedAsPriced) {
        if (!claimedAsPriced) {
            String number = p.built() != null ? p.built().draft().number()
                    : p.rejected() != null ? p.rejected().draft.number() : null;
            return issue(p.document(), p.issueDate(), number);
        }
        return switch (p.outcome()) {
            case ISSUED -> tx.execute(s -> {
                if (invoices.invoiceExists(p.document().invoiceId())) {
                    return Outcome.ALREADY_ISSUED;
                }
                store(p.built());
                return Outcome.ISSUED;
            });
            case REJECTED -> {
                hold(p.document(), p.rejected());
                yield Outcome.REJECTED;
            }
            default -> p.outcome();
        };
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InvoiceIssuer.class);

    private Outcome issueInTransaction(InvoiceRepository.RunDocument doc, LocalDate issueDate, String number) {
        if (invoices.invoiceExists(doc.invoiceId())) {
            return Outcome.ALREADY_ISSUED;
        }
        if (doc.released()) {
            return Outcome.NOTHING_TO_ISSUE;   // given back by a later run, which billed its care
        }
        // A credit note claims its credits here; an invoice's care was claimed with all the run's (see issueStep).
        if (doc.credit() && invoices.claimCredits(doc) == 0) {
            return Outcome.NOTHING_TO_ISSUE;
        }
        Built built = build(doc, issueDate, number);
        if (built == null) {
            return Outcome.NOTHING_TO_ISSUE;   // every visit of it was left out
        }
        store(built);
        return Outcome.ISSUED;
    }

    /** A document with its lines, validated UBL (PEPPOL buyers), PDF and council CSV, ready to be stored. */
    record Built(InvoiceRepository.RunDocument doc, Funder funder, Contract contract,
            InvoiceRepository.Header original, InvoiceDraft draft, List<InvoiceLine> lines, String ubl, byte[] pdf,
            byte[] csv) {}

    /**
     * @return null when none of the document's visits is left to charge
     * @throws Rejected when the document lacks a reference its funder demands or breaks a PEPPOL rule
     */
    private Built build(InvoiceRepository.RunDocument doc, LocalDate issueDate, String reservedNumber) {
        long t0 = System.nanoTime();
        boolean credit = doc.credit();
        List<LineSum> sums = invoices.lineSums(doc.runId(), doc.documentNo());
        if (sums.isEmpty()) {
            return null;
        }
        int claimed = sums.stream().mapToInt(LineSum::visits).sum();
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
        String number = reservedNumber != null ? reservedNumber : invoices.nextNumber(kind, issueDate);
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
        long t1 = System.nanoTime();
        String ubl = null;
        if (draft.buyerOnPeppol()) {
            ubl = UblWriter.write(draft);
            List<PeppolValidator.Violation> violations = credit ? validator.validateCreditNote(ubl) : validator.validateInvoice(ubl);
            if (!violations.isEmpty()) {
                throw new Rejected("PEPPOL BIS 3 validation failed: " + violations, draft);
            }
        }
        long t2 = System.nanoTime();
        byte[] pdf = PdfRenderer.render(draft);
        byte[] csv = contract.output() == OutputKind.COUNCIL_CSV
                ? CouncilCsv.write(draft, invoices.visits(doc.runId(), doc.documentNo())) : null;
        if (log.isDebugEnabled()) {
            log.debug("Built {} ({} lines, {} records): sum and build {} ms, UBL+validate {} ms, PDF and CSV {} ms",
                    number, lines.size(), claimed, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (System.nanoTime() - t2) / 1_000_000);
        }
        return new Built(doc, funder, contract, original, draft, lines, ubl, pdf, csv);
    }

    /** The invoice takes the id its document was given when priced: that is what makes its items charged. */
    private void store(Built b) {
        InvoiceRepository.RunDocument doc = b.doc();
        InvoiceDraft draft = b.draft();
        Contract contract = b.contract();
        boolean credit = doc.credit();
        invoices.insert(new InvoiceRepository.Header(doc.invoiceId(), draft.number(), draft.kind(), "ISSUED",
                doc.runId(), doc.groupKey(), b.funder().id(), b.funder().type().name(), doc.clientId(), contract.id(),
                contract.purchaseOrderNumber(), contract.reference(), credit ? b.original().id() : null,
                draft.issueDate(), draft.dueDate(), draft.periodStart(), draft.periodEnd(), draft.net(),
                draft.vatAmount(), draft.total(), null));
        invoices.insertLines(doc.invoiceId(), b.lines());
        if (b.ubl() != null) {
            invoices.insertDocument(doc.invoiceId(), "UBL", "application/xml", b.ubl().getBytes(StandardCharsets.UTF_8));
        }
        invoices.insertDocument(doc.invoiceId(), "PDF", "application/pdf", b.pdf());
        if (b.csv() != null) {
            invoices.insertDocument(doc.invoiceId(), "CSV", "text/csv", b.csv());
        }
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
