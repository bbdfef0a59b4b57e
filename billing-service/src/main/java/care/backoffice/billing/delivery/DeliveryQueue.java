package care.backoffice.billing.delivery;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues the documents a run has issued for delivery: one set-based statement per run, called by the run's issue
 * step in the transaction that ends it (with the settling of its care), so that no per-document work is added to
 * issuing. A document is never lost: the statement is repeated whenever the step is (a restart), and it also takes
 * the issued documents of earlier runs that FAILED and were never restarted (a new run takes over their care, so
 * nothing else would queue what they did issue). Queuing twice queues nothing twice (one delivery per document).
 */
@Component
public class DeliveryQueue {

    /**
     * Which document goes how (parameter: the run). Self-funding clients (invoices with a client) get the PDF by
     * email; otherwise the contract's output decides: PEPPOL the UBL, PDF_EMAIL the PDF, COUNCIL_CSV the CSV and the
     * PDF for the portal. The other documents (the PDF of a PEPPOL invoice, the UBL of an email funder who has a
     * participant id) stay downloadable and are not sent.
     */
    public static final String QUEUE_RUN = """
            insert into delivery (id, invoice_id, document_kind, run_id, channel)
            select gen_random_uuid(), i.id, d.kind, i.run_id, c.channel
            from invoice i
            join contract k on k.id = i.contract_id
            join invoice_document d on d.invoice_id = i.id
            cross join lateral (select case
                    when i.client_id is not null then case when d.kind = 'PDF' then 'EMAIL' end
                    when k.output = 'PEPPOL' then case when d.kind = 'UBL' then 'PEPPOL' end
                    when k.output = 'PDF_EMAIL' then case when d.kind = 'PDF' then 'EMAIL' end
                    when k.output = 'COUNCIL_CSV' then case when d.kind in ('CSV', 'PDF') then 'PORTAL' end
                end as channel) c
            where i.status = 'ISSUED' and c.channel is not null
              and i.run_id in (select r.id from billing_run r
                               where r.delivers_documents and (r.id = ? or r.status = 'FAILED'))
            on conflict (invoice_id, document_kind) do nothing""";

    private final JdbcClient jdbc;

    public DeliveryQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many deliveries were queued now */
    @Transactional(propagation = Propagation.MANDATORY)
    public int queueIssuedDocuments(UUID runId) {
        return jdbc.sql(QUEUE_RUN).param(runId).update();
    }
}
