package care.backoffice.billing.documents;

import care.backoffice.billing.funders.Address;
import care.backoffice.billing.invoices.InvoiceDraft;
import care.backoffice.billing.invoices.InvoiceKind;
import care.backoffice.billing.invoices.InvoiceLine;
import care.backoffice.billing.invoices.Party;
import care.backoffice.billing.pricing.Pricing;
import care.backoffice.billing.pricing.VatTreatment;
import com.helger.phive.api.executor.IValidationExecutor;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResult;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation2025_11;
import com.helger.phive.xml.source.IValidationSourceXML;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CPU seconds phive spends per layer (UBL schema, EN 16931 Schematron, PEPPOL Schematron) on an invoice of
 * benchmark.lines lines (default 750, the size of a funder's monthly invoice in the billing benchmark).
 * On demand only: {@code ./mvnw -B -o -pl billing-service test -Dtest=PeppolValidationBenchmark -Dbenchmark=true
 * [-Dbenchmark.lines=750 -Dbenchmark.rounds=5]}. Prints figures; asserts only that the document is valid.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PeppolValidationBenchmark {

    @Test
    void cpuPerLayer() {
        int lines = Integer.getInteger("benchmark.lines", 750);
        int rounds = Integer.getInteger("benchmark.rounds", 5);
        ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
        PeppolValidation2025_11.init(registry);
        IValidationExecutorSet<IValidationSourceXML> set = registry.getOfID(PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3);
        String xml = UblWriter.write(invoice(lines));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%n==== phive per layer, %d lines, %,d characters ====%n", lines, xml.length());
        PeppolValidator validator = new PeppolValidator(1, 0);
        for (int round = 0; round <= rounds; round++) {
            StringBuilder row = new StringBuilder(round == 0 ? "warm-up " : "round " + round + " ");
            long total = 0;
            for (IValidationExecutor<IValidationSourceXML> executor : set.executors()) {
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                ValidationResult result = executor.applyValidation(new PeppolValidator.StreamedSource(xml),
                        IValidityDeterminator.createDefault(), Locale.UK);
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                total += cpu;
                row.append(String.format("| %s: %.3f s CPU (%.3f s wall), %d errors ", executor.getValidationArtefact()
                        .getRuleResource().getPath().replaceAll(".*/", ""), cpu / 1e9, (System.nanoTime() - wall) / 1e9,
                        result.getErrorList().getErrorCount()));
            }
            long cpu = threads.getCurrentThreadCpuTime();
            List<PeppolValidator.Violation> violations = validator.validateInvoice(xml);
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            System.out.println(row + String.format("| sum %.3f s | PeppolValidator %.3f s CPU, %d violations", total / 1e9,
                    cpu / 1e9, violations.size()));
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.toString());
            }
        }
    }

    static InvoiceDraft invoice(int count) {
        Address address = new Address("1 Road", null, "Leeds", "LS1 1AA", "GB");
        Party seller = new Party("Seller", address, "0088", "5000000000012", "a@b.example", "12345678", "GB123456789");
        Party buyer = new Party("Buyer", address, "0088", "5012345678900", null, null, null);
        List<InvoiceLine> lines = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO.setScale(2);
        String[] types = {"PERSONAL_CARE", "NURSING_CARE", "DOMESTIC_SUPPORT", "SOCIAL_SUPPORT", "RESPITE_CARE"};
        for (int i = 0; i < count; i++) {
            BigDecimal rate = new BigDecimal("21.25").add(BigDecimal.valueOf(i % 7));
            int minutes = 600 + i % 400;
            BigDecimal amount = Pricing.lineAmount(rate, minutes);
            net = net.add(amount);
            lines.add(new InvoiceLine(i + 1, "team-" + i % 30, "bench-" + i / 5, "Client " + i / 5, "REF-" + i / 5,
                    types[i % 5], rate, 20, minutes, amount));
        }
        LocalDate day = LocalDate.of(2026, 10, 31);
        return new InvoiceDraft(InvoiceKind.INVOICE, "INV-2026-000001", day, day.plusDays(30), day.withDayOfMonth(1), day,
                seller, buyer, "PO-1", "CON-1", "CON-1", null, null, VatTreatment.EXEMPT, 30, lines, net,
                BigDecimal.ZERO.setScale(2), net, "GB33BUKB20201555555555", "Account");
    }
}
