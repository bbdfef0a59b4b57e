package care.backoffice.billing.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import care.backoffice.billing.BillingIntegrationTest;
import care.backoffice.billing.Fixtures;
import care.backoffice.billing.runs.RunTesting;
import care.backoffice.testing.TestTokens;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A month's documents reach their buyers: a run queues each document once, then the relay sends the UBL to the
 * PEPPOL access point (WireMock: accepting, failing then accepting, refusing, down), the PDFs by email (a real SMTP
 * server), and leaves council documents for the back office to upload; buyers without an address are listed as
 * FAILED; the back office retries and marks uploads. Then two relay instances side by side, an instance that stopped
 * mid-send, and a run that failed and was never restarted. The relay is called by the tests (the service's scheduled
 * relay is off in tests), so each test says when documents are sent. Later tests build on earlier ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryTest extends BillingIntegrationTest {

    // GS1 GLNs (scheme 0088) with valid check digits: PEPPOL-COMMON-R040 holds any other.
    static final String ACCEPTING = "0088:5099000000016";
    static final String FLAKY = "0088:5099000000023";
    static final String REFUSING = "0088:5099000000030";
    static final String DOWN = "0088:5099000000047";
    static final String NO_EMAIL = "0088:5099000000054";
    static final String SLOW = "0088:5099000000061";
    static final String PORTAL = "https://portal.delivery-borough.example/invoices";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeliveryRelay relay;
    @Autowired
    DeliveryRepository repository;
    @Autowired
    DeliveryQueue queue;
    @Autowired
    PeppolAccessPoint peppol;
    @Autowired
    InvoiceMailer mailer;
    @Autowired
    DeliveryProperties properties;
    @Autowired
    PlatformTransactionManager tm;

    Fixtures f;
    String runId;
    String run;
    String accepting;
    String flaky;
    String refusing;
    String down;
    String emailFunder;
    String funderWithoutEmail;
    String portalCouncil;
    String councilWithoutPortal;
    String selfFunders;
    StubMapping refusal;

    @BeforeAll
    void aMonthOfCareForEveryKindOfBuyer() throws Exception {
        f = new Fixtures(mvc);
        accepting = peppolFunder("Delivery ICB Accepting", ACCEPTING, "del-acc");
        flaky = peppolFunder("Delivery ICB Flaky", FLAKY, "del-flaky");
        refusing = peppolFunder("Delivery ICB Refused", REFUSING, "del-refused");
        down = peppolFunder("Delivery ICB Down", DOWN, "del-down");
        emailFunder = funder("Delivery CHC Email", "NHS_CHC", "\"email\": \"chc-team@nhs.example\"", "PDF_EMAIL", "del-chc");
        funderWithoutEmail = funder("Delivery CHC No Email", "NHS_CHC", "\"peppolParticipantId\": \"" + NO_EMAIL + "\"",
                "PDF_EMAIL", "del-noemail");
        portalCouncil = funder("Delivery Borough", "LOCAL_AUTHORITY",
                "\"email\": \"finance@delivery-borough.example\", \"portalUrl\": \"" + PORTAL + "\"", "COUNCIL_CSV", "del-portal");
        councilWithoutPortal = funder("Delivery Shire", "LOCAL_AUTHORITY", "\"email\": \"finance@delivery-shire.example\"",
                "COUNCIL_CSV", "del-noportal");
        selfFunders = f.funder("Delivery self-funders", "SELF_FUNDER", "\"email\": \"accounts@care.example\"");
        f.contract(selfFunders, "MINUTE", "UP", "ACTUAL", "PDF_EMAIL",
                "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "");
        f.client("del-sf-mail", selfFunders, "2029-01-01", null);
        clientWithoutEmail("del-sf-nomail", selfFunders);
        for (String client : List.of("del-acc", "del-flaky", "del-refused", "del-down", "del-chc", "del-noemail",
                "del-portal", "del-noportal", "del-sf-mail", "del-sf-nomail")) {
            f.care("team-noord", client, "PERSONAL_CARE", "2029-01-10", 60, null);   // £30.00 each
        }
        // The access point: the flaky receiver's first document meets a 503, the refused one is not on PEPPOL for
        // this document type, the down one answers 503 for ever. Everyone else is accepted (the default stub).
        PEPPOL_AP.stubFor(receiver(FLAKY).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("maintenance")).willSetStateTo("up"));
        PEPPOL_AP.stubFor(receiver(FLAKY).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Location", "/documents/ap-flaky-42")));
        refusal = PEPPOL_AP.stubFor(receiver(REFUSING).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"title": "Document refused", "detail": "Receiver 0088:5099000000030 is not registered in the SMP for PEPPOL BIS Billing 3.0 invoices"}""")));
        PEPPOL_AP.stubFor(receiver(DOWN).willReturn(aResponse().withStatus(503).withBody("down for maintenance")));

        run = RunTesting.run(mvc, "2029-01");
        runId = JsonPath.read(run, "$.id");
        assertThat((String) JsonPath.read(run, "$.status")).isEqualTo("COMPLETED");
    }

    @Test
    @Order(1)
    void theRunQueuesEachIssuedDocumentForItsBuyerOnceAndSendsNothingItself() throws Exception {
        List<Map<String, Object>> queued = JsonPath.read(call(get("/api/billing/deliveries?runId=" + runId + "&limit=1000")), "$");
        Map<String, List<String>> byBuyer = queued.stream().collect(Collectors.groupingBy(d -> (String) d.get("buyer"),
                Collectors.mapping(d -> d.get("document") + " " + d.get("channel") + " " + d.get("status") + " "
                        + d.get("attempts"), Collectors.toList())));
        assertThat(byBuyer).containsEntry("Delivery ICB Accepting", List.of("UBL PEPPOL PENDING 0"))
                .containsEntry("Delivery ICB Flaky", List.of("UBL PEPPOL PENDING 0"))
                .containsEntry("Delivery CHC Email", List.of("PDF EMAIL PENDING 0"))
                .containsEntry("Delivery CHC No Email", List.of("PDF EMAIL PENDING 0"))
                .containsEntry("Delivery Borough", List.of("CSV PORTAL PENDING 0", "PDF PORTAL PENDING 0"))
                .containsEntry("Delivery Shire", List.of("CSV PORTAL PENDING 0", "PDF PORTAL PENDING 0"))
                // Self-funding clients are the buyers of their own invoices.
                .containsEntry("Client del-sf-mail", List.of("PDF EMAIL PENDING 0"))
                .containsEntry("Client del-sf-nomail", List.of("PDF EMAIL PENDING 0"));
        // The run sent nothing: that is the relay's work.
        assertThat(PEPPOL_AP.findAll(postRequestedFor(urlEqualTo("/documents")).withHeader("Peppol-Receiver-Id",
                equalTo("iso6523-actorid-upis::" + ACCEPTING)))).isEmpty();
        // Queuing the run again (a restarted issue step does) queues nothing twice.
        assertThat((Integer) new TransactionTemplate(tm).execute(s -> queue.queueIssuedDocuments(UUID.fromString(runId)))).isZero();
        // The invoice shows its delivery.
        String invoice = call(get("/api/billing/invoices/" + invoiceOf(accepting)));
        assertThat((List<String>) JsonPath.read(invoice, "$.deliveries[*].status")).containsExactly("PENDING");
        assertThat((String) JsonPath.read(invoice, "$.number")).startsWith("INV-");
    }

    @Test
    @Order(2)
    void theAccessPointReceivesTheUblOnceWithSenderReceiverAndBisBillingIdsAndItsMessageIdIsRecorded() throws Exception {
        deliverAll();
        String id = deliveryOf(accepting, "UBL");
        String d = call(get("/api/billing/deliveries/" + id));
        assertThat((String) JsonPath.read(d, "$.status")).isEqualTo("SENT");
        assertThat((String) JsonPath.read(d, "$.recipient")).isEqualTo(ACCEPTING);
        assertThat((String) JsonPath.read(d, "$.messageId")).isEqualTo("ap-" + id);
        assertThat((List<String>) JsonPath.read(d, "$.history[*].event")).containsExactly("SENT");

        List<LoggedRequest> requests = requestsFor(id);
        assertThat(requests).hasSize(1);
        LoggedRequest r = requests.get(0);
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + PEPPOL_AP_KEY);
        assertThat(r.getHeader("Peppol-Sender-Id")).isEqualTo("iso6523-actorid-upis::0088:5000000000012");
        assertThat(r.getHeader("Peppol-Receiver-Id")).isEqualTo("iso6523-actorid-upis::" + ACCEPTING);
        assertThat(r.getHeader("Peppol-Document-Type-Id")).isEqualTo("busdox-docid-qns::urn:oasis:names:specification:"
                + "ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1");
        assertThat(r.getHeader("Peppol-Process-Id")).isEqualTo("cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
        assertThat(r.getHeader("Content-Type")).startsWith("application/xml");
        assertThat(r.getBody()).isEqualTo(documentBytes(invoiceOf(accepting), "ubl"));

        // Acknowledged: later passes of the relay never send it again.
        deliverAll();
        assertThat(requestsFor(id)).hasSize(1);
        String invoice = call(get("/api/billing/invoices/" + invoiceOf(accepting)));
        assertThat((List<String>) JsonPath.read(invoice, "$.deliveries[*].status")).containsExactly("SENT");
        assertThat((List<String>) JsonPath.read(invoice, "$.deliveries[*].recipient")).containsExactly(ACCEPTING);
    }

    @Test
    @Order(3)
    void aDocumentMeetingA5xxIsSentAgainAfterTheWaitAndAcknowledgedOnce() throws Exception {
        String id = deliveryOf(flaky, "UBL");
        deliverUntil(() -> statusOf(id).equals("SENT"));
        String d = call(get("/api/billing/deliveries/" + id));
        assertThat((String) JsonPath.read(d, "$.messageId")).isEqualTo("ap-flaky-42");   // from the Location header
        assertThat((Integer) JsonPath.read(d, "$.attempts")).isEqualTo(2);
        assertThat((List<String>) JsonPath.read(d, "$.history[*].event")).containsExactly("ATTEMPT_FAILED", "SENT");
        assertThat((String) JsonPath.read(d, "$.history[0].detail"))
                .isEqualTo("the access point answered 503 maintenance; next attempt in PT0.5S");
        List<LoggedRequest> requests = requestsFor(id);
        assertThat(requests).hasSize(2);
        // The second attempt waited the policy's first wait (0.5 s in tests) after the failure.
        assertThat(Duration.between(requests.get(0).getLoggedDate().toInstant(), requests.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        deliverAll();
        assertThat(requestsFor(id)).hasSize(2);
    }

    @Test
    @Order(4)
    void aDocumentTheAccessPointRefusesIsFailedWithItsReasonAtOnceAndListed() throws Exception {
        String id = deliveryOf(refusing, "UBL");
        assertThat(statusOf(id)).isEqualTo("FAILED");
        String d = call(get("/api/billing/deliveries/" + id));
        assertThat((String) JsonPath.read(d, "$.failure")).isEqualTo("the access point refused the document: 422 Receiver "
                + REFUSING + " is not registered in the SMP for PEPPOL BIS Billing 3.0 invoices");
        assertThat(requestsFor(id)).hasSize(1);
        deliverAll();
        assertThat(requestsFor(id)).as("not retried by itself").hasSize(1);
        List<String> failed = JsonPath.read(call(get("/api/billing/deliveries?status=FAILED&limit=1000")), "$[*].id");
        assertThat(failed).contains(id);
        String invoice = call(get("/api/billing/invoices/" + invoiceOf(refusing)));
        assertThat((List<String>) JsonPath.read(invoice, "$.deliveries[*].failure")).singleElement().asString()
                .contains("not registered in the SMP");
    }

    @Test
    @Order(5)
    void anAccessPointThatStaysDownIsTriedMaxAttemptsTimesThenTheDeliveryIsFailed() throws Exception {
        String id = deliveryOf(down, "UBL");
        deliverUntil(() -> statusOf(id).equals("FAILED"));
        assertThat(requestsFor(id)).hasSize(3);   // billing.delivery.max-attempts in tests
        String d = call(get("/api/billing/deliveries/" + id));
        assertThat((String) JsonPath.read(d, "$.failure"))
                .isEqualTo("gave up after 3 attempts; the last: the access point answered 503 down for maintenance");
        assertThat((List<String>) JsonPath.read(d, "$.history[*].event"))
                .containsExactly("ATTEMPT_FAILED", "ATTEMPT_FAILED", "FAILED");
    }

    @Test
    @Order(6)
    void pdfsGoByEmailToTheFunderOrTheSelfFundingClientWithTheStoredPdfAttached() throws Exception {
        deliverAll();
        String id = deliveryOf(emailFunder, "PDF");
        assertThat(statusOf(id)).isEqualTo("SENT");
        String invoiceId = invoiceOf(emailFunder);
        String invoice = call(get("/api/billing/invoices/" + invoiceId));
        String number = JsonPath.read(invoice, "$.number");
        LocalDate due = LocalDate.parse(JsonPath.read(invoice, "$.dueDate"));

        MimeMessage mail = onlyMailTo("chc-team@nhs.example");
        assertThat(mail.getSubject()).isEqualTo("Invoice " + number + " from Buurtzorg Britain Community Care CIC (demo)");
        assertThat(mail.getFrom()[0].toString()).contains("accounts@care.example");
        assertThat(mail.getMessageID()).isEqualTo(JsonPath.read(call(get("/api/billing/deliveries/" + id)), "$.messageId"));
        Multipart parts = (Multipart) mail.getContent();
        String text = null;
        byte[] attached = null;
        String filename = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                filename = part.getFileName();
                attached = part.getInputStream().readAllBytes();
            } else if (part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (part.getContent() instanceof Multipart inner) {   // Spring nests the text in a related part
                text = (String) inner.getBodyPart(0).getContent();
            }
        }
        assertThat(text).contains("Dear Delivery CHC Email,").contains("invoice " + number + " for £30.00")
                .contains("due on " + due.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)));
        assertThat(filename).isEqualTo(number + ".pdf");
        assertThat(attached).isEqualTo(documentBytes(invoiceId, "pdf"));

        // A self-funding client gets their own invoice at their own address, not the self-funders' funder's.
        String clientInvoice = invoiceOfClient("del-sf-mail");
        MimeMessage clientMail = onlyMailTo("del-sf-mail@example.org");
        assertThat(clientMail.getSubject()).contains((String) JsonPath.read(call(get("/api/billing/invoices/" + clientInvoice)), "$.number"));
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipients(m).contains("accounts@care.example")))
                .isEmpty();
    }

    @Test
    @Order(7)
    void aFunderOrClientWithoutAnEmailAddressIsFailedWithAClearReasonAndNothingIsSent() throws Exception {
        String funderDelivery = deliveryOf(funderWithoutEmail, "PDF");
        assertThat(statusOf(funderDelivery)).isEqualTo("FAILED");
        assertThat((String) JsonPath.read(call(get("/api/billing/deliveries/" + funderDelivery)), "$.failure"))
                .startsWith("Funder Delivery CHC No Email (" + funderWithoutEmail + ") has no email address to send INV-")
                .endsWith("add it (PUT /api/billing/funders/" + funderWithoutEmail + ") and retry the delivery");
        String clientDelivery = deliveryOfInvoice(invoiceOfClient("del-sf-nomail"), "PDF");
        assertThat(statusOf(clientDelivery)).isEqualTo("FAILED");
        assertThat((String) JsonPath.read(call(get("/api/billing/deliveries/" + clientDelivery)), "$.failure"))
                .startsWith("Client del-sf-nomail (Client del-sf-nomail) has no email address");
        List<String> failed = JsonPath.read(call(get("/api/billing/deliveries?status=failed&runId=" + runId)), "$[*].id");
        assertThat(failed).contains(funderDelivery, clientDelivery);
    }

    @Test
    @Order(8)
    void councilDocumentsWaitForTheBackOfficeToUploadThemAndEachIsMarkedUploadedOnceWithWhoAndWhen() throws Exception {
        String csv = deliveryOf(portalCouncil, "CSV");
        String pdf = deliveryOf(portalCouncil, "PDF");
        assertThat(statusOf(csv)).isEqualTo("AWAITING_UPLOAD");
        assertThat(statusOf(pdf)).isEqualTo("AWAITING_UPLOAD");
        assertThat((String) JsonPath.read(call(get("/api/billing/deliveries/" + csv)), "$.recipient")).isEqualTo(PORTAL);
        List<String> toUpload = JsonPath.read(call(get("/api/billing/deliveries?status=AWAITING_UPLOAD&channel=PORTAL&limit=1000")), "$[*].id");
        assertThat(toUpload).contains(csv, pdf);
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipients(m).contains("finance@delivery-borough.example")))
                .as("a portal council gets no email").isEmpty();
        // Without a portal URL the back office cannot know where: listed as FAILED.
        assertThat(statusOf(deliveryOf(councilWithoutPortal, "CSV"))).isEqualTo("FAILED");
        assertThat((String) JsonPath.read(call(get("/api/billing/deliveries/" + deliveryOf(councilWithoutPortal, "CSV"))), "$.failure"))
                .contains("has no portal URL");

        // Bad input names every bad field and changes nothing.
        String bad = mvc.perform(uploaded(csv, "{\"uploadedAt\": \"yesterday\", \"portalReference\": \"" + "x".repeat(201) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(bad, "$.errors[*].field")).containsExactlyInAnyOrder("uploadedAt", "portalReference");
        mvc.perform(uploaded(csv, "{\"uploadedAt\": \"" + OffsetDateTime.now().plusDays(1) + "\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(uploaded(csv, "{\"uploadedAt\": \"2020-01-01T10:00:00Z\"}")).andExpect(status().isBadRequest());
        assertThat(statusOf(csv)).isEqualTo("AWAITING_UPLOAD");

        String first = mvc.perform(uploaded(csv, "{\"portalReference\": \"BP-7781\"}").header("Idempotency-Key", "upload-" + csv))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(first, "$.status")).isEqualTo("UPLOADED");
        assertThat((String) JsonPath.read(first, "$.uploadedBy")).isEqualTo("backoffice-user");
        assertThat((String) JsonPath.read(first, "$.portalReference")).isEqualTo("BP-7781");
        assertThat(Duration.between(OffsetDateTime.parse((String) JsonPath.read(first, "$.uploadedAt")).toInstant(), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(1));
        // The same request again: the first answer; the same key for another request: 409; marked again without a
        // key: the first record stands.
        String replay = mvc.perform(uploaded(csv, "{\"portalReference\": \"BP-7781\"}").header("Idempotency-Key", "upload-" + csv))
                .andExpect(status().isOk()).andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(replay, "$.uploadedAt")).isEqualTo(JsonPath.read(first, "$.uploadedAt"));
        mvc.perform(uploaded(csv, "{\"portalReference\": \"BP-9999\"}").header("Idempotency-Key", "upload-" + csv))
                .andExpect(status().isConflict());
        String again = mvc.perform(uploaded(csv, "{\"portalReference\": \"BP-9999\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(again, "$.portalReference")).isEqualTo("BP-7781");
        assertThat((List<String>) JsonPath.read(again, "$.history[*].event")).containsExactly("AWAITING_UPLOAD", "UPLOADED");
        // Each document is marked by itself: the PDF still waits.
        assertThat(statusOf(pdf)).isEqualTo("AWAITING_UPLOAD");
        // Uploaded a while ago, before this was recorded (no earlier than the document was queued).
        String at = (String) JsonPath.read(call(get("/api/billing/deliveries/" + pdf)), "$.createdAt");
        String pdfDone = mvc.perform(uploaded(pdf, "{\"uploadedAt\": \"" + at + "\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(OffsetDateTime.parse((String) JsonPath.read(pdfDone, "$.uploadedAt")).toInstant())
                .isEqualTo(OffsetDateTime.parse(at).toInstant());

        // Only portal documents are uploaded by hand; only the back office says so.
        mvc.perform(uploaded(deliveryOf(accepting, "UBL"), "{}")).andExpect(status().isConflict())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        mvc.perform(uploaded(UUID.randomUUID().toString(), "{}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/billing/deliveries/" + pdf + "/uploaded").header("Authorization", "Bearer " + TestTokens.finance())
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
    }

    @Test
    @Order(9)
    void theBackOfficeRetriesAFailedDeliveryWhichThenGoesToTheBuyersCurrentAddressAndNeverTwice() throws Exception {
        // The access point's refusal is sorted out with the receiver; the back office sends it again.
        PEPPOL_AP.removeStub(refusal);
        String id = deliveryOf(refusing, "UBL");
        String retried = mvc.perform(retry(id).header("Idempotency-Key", "retry-" + id))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(retried, "$.status")).isEqualTo("PENDING");
        assertThat((Integer) JsonPath.read(retried, "$.attempts")).isZero();
        mvc.perform(retry(id).header("Idempotency-Key", "retry-" + id)).andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        mvc.perform(retry(id)).andExpect(status().isOk());   // queued already: left as it is
        deliverAll();
        String d = call(get("/api/billing/deliveries/" + id));
        assertThat((String) JsonPath.read(d, "$.status")).isEqualTo("SENT");
        assertThat((List<String>) JsonPath.read(d, "$.history[*].event")).containsExactly("FAILED", "RETRY_REQUESTED", "SENT");
        assertThat((String) JsonPath.read(d, "$.history[1].actor")).isEqualTo("backoffice-user");
        assertThat(requestsFor(id)).hasSize(2);
        String conflict = mvc.perform(retry(id)).andExpect(status().isConflict())
                .andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(conflict, "$.detail")).contains("never sent twice");

        // The funder without an email gets one; the retry uses it.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/billing/funders/" + funderWithoutEmail)
                        .header("Authorization", "Bearer " + TestTokens.backOffice()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"legalName": "Delivery CHC No Email", "type": "NHS_CHC",
                                 "address": {"line1": "1 Council Way", "city": "Arnhem Vale", "postcode": "AV1 1AA", "countryCode": "GB"},
                                 "peppolParticipantId": "%s", "email": "invoices@chc-late.example", "paymentTermsDays": 30}"""
                                .formatted(NO_EMAIL)))
                .andExpect(status().isOk());
        String noEmail = deliveryOf(funderWithoutEmail, "PDF");
        mvc.perform(retry(noEmail)).andExpect(status().isOk());
        deliverAll();
        assertThat(statusOf(noEmail)).isEqualTo("SENT");
        assertThat(onlyMailTo("invoices@chc-late.example").getSubject()).startsWith("Invoice INV-");

        mvc.perform(retry(UUID.randomUUID().toString())).andExpect(status().isNotFound());
        mvc.perform(post("/api/billing/deliveries/" + noEmail + "/retry").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/billing/deliveries?status=FAILED").header("Authorization", "Bearer " + TestTokens.finance()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/billing/deliveries").header("Authorization", "Bearer " + TestTokens.teamMember("team-noord")))
                .andExpect(status().isForbidden());
    }

    @Test
    @Order(10)
    void aListAskedForWithBadFiltersNamesEachOne() throws Exception {
        String bad = mvc.perform(get("/api/billing/deliveries?status=LOST&channel=FAX&runId=run-1&limit=0")
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(bad, "$.errors[*].field")).containsExactlyInAnyOrder("status", "channel", "runId", "limit");
    }

    @Test
    @Order(11)
    void twoRelayInstancesSideBySideSendEachDocumentExactlyOnce() throws Exception {
        List<String> funders = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            funders.add(peppolFunder("Delivery ICB Slow " + i, SLOW, "del-slow-" + i));
            f.care("team-noord", "del-slow-" + i, "PERSONAL_CARE", "2029-02-0" + i, 60, null);
        }
        PEPPOL_AP.stubFor(receiver(SLOW).willReturn(aResponse().withStatus(202).withFixedDelay(150)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messageId\": \"slow-{{request.headers.Idempotency-Key}}\"}").withTransformers("response-template")));
        String february = RunTesting.run(mvc, "2029-02");
        assertThat((String) JsonPath.read(february, "$.status")).isEqualTo("COMPLETED");
        this.run = february;
        List<String> ids = new ArrayList<>();
        for (String funder : funders) {
            ids.add(deliveryOf(funder, "UBL"));
        }

        // Two instances of the service: one drained by its scheduled pass (relay(), enabled), one batch by batch.
        DeliveryProperties on = new DeliveryProperties(true, properties.batchSize(), properties.lease(),
                properties.maxAttempts(), properties.firstRetryAfter(), properties.longestRetryWait(), null,
                properties.peppol(), properties.email());
        DeliveryRelay a = new DeliveryRelay(repository, peppol, mailer, on, tm, "billing-a");
        DeliveryRelay b = new DeliveryRelay(repository, peppol, mailer, properties, tm, "billing-b");
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> {
                start.await();
                a.relay();
                return null;
            });
            Future<?> second = pool.submit(() -> {
                start.await();
                while (b.deliverDue() > 0) {
                    // batch by batch
                }
                return null;
            });
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }
        Set<String> senders = new java.util.HashSet<>();
        for (String id : ids) {
            assertThat(statusOf(id)).isEqualTo("SENT");
            assertThat(requestsFor(id)).as("requests for " + id).hasSize(1);
            senders.add(JsonPath.read(call(get("/api/billing/deliveries/" + id)), "$.history[0].actor"));
        }
        assertThat(senders).as("both instances sent some").containsExactlyInAnyOrder("billing-a", "billing-b");
    }

    @Test
    @Order(12)
    void aDeliveryClaimedByAnInstanceThatStoppedIsSentByAnotherWhenItsLeaseEndsAndTheLateAnswerIsIgnored() throws Exception {
        String funder = peppolFunder("Delivery ICB Lease", ACCEPTING, "del-lease");
        f.care("team-noord", "del-lease", "PERSONAL_CARE", "2029-03-05", 60, null);
        run = RunTesting.run(mvc, "2029-03");
        String id = deliveryOf(funder, "UBL");
        // An instance claimed it and stopped while sending: SENDING, its lease running for another hour.
        UUID staleToken = UUID.randomUUID();
        jdbc.sql("""
                update delivery set status = 'SENDING', attempts = 1, leased_by = 'billing-7f9c', lease_token = ?,
                    next_attempt_at = now() + interval '1 hour' where id = ?::uuid""").params(staleToken, id).update();
        deliverAll();
        assertThat(requestsFor(id)).as("not taken while the lease holds").isEmpty();
        // The lease ends.
        jdbc.sql("update delivery set next_attempt_at = now() - interval '1 second' where id = ?::uuid").param(id).update();
        deliverAll();
        String d = call(get("/api/billing/deliveries/" + id));
        assertThat((String) JsonPath.read(d, "$.status")).isEqualTo("SENT");
        assertThat((Integer) JsonPath.read(d, "$.attempts")).isEqualTo(2);
        assertThat((List<String>) JsonPath.read(d, "$.history[*].event")).containsExactly("ATTEMPT_LOST", "SENT");
        assertThat((String) JsonPath.read(d, "$.history[0].detail")).startsWith("billing-7f9c claimed it");
        assertThat(requestsFor(id)).hasSize(1);
        // The stopped instance comes back and reports what it sent: its claim is gone, so nothing is overwritten.
        Outgoing late = new Outgoing(UUID.fromString(id), staleToken, 1, Channel.PEPPOL, "UBL", null, null, false, null,
                null, null, null, null, null, null, null, null, null, null, null);
        Boolean recorded = new TransactionTemplate(tm).execute(s -> repository.sent(late, new Outcome.Sent(ACCEPTING, "late-id")));
        assertThat(recorded).isFalse();
        assertThat((Boolean) new TransactionTemplate(tm).execute(s -> repository.renewLease(late, Duration.ofMinutes(5))))
                .as("nor may it extend a claim that is no longer its own, and send").isFalse();
        assertThat((String) JsonPath.read(call(get("/api/billing/deliveries/" + id)), "$.messageId")).isEqualTo("ap-" + id);
    }

    @Test
    @Order(13)
    void documentsIssuedByARunThatFailedAndWasNeverRestartedAreQueuedByTheNextRun() throws Exception {
        String issued = peppolFunder("Delivery ICB Before Crash", ACCEPTING, "del-crash-ok");
        String crashing = peppolFunder("Delivery ICB Crash", ACCEPTING, "del-crash");
        f.care("team-noord", "del-crash-ok", "PERSONAL_CARE", "2029-04-03", 60, null);
        f.care("team-noord", "del-crash", "PERSONAL_CARE", "2029-04-03", 60, null);
        jdbc.sql("""
                create function delivery_test_crash() returns trigger language plpgsql as $$
                begin
                  if new.funder_id = '%s' then raise exception 'simulated crash while issuing'; end if;
                  return new;
                end $$""".formatted(crashing)).update();
        jdbc.sql("create trigger delivery_test_crash before insert on invoice for each row execute function delivery_test_crash()").update();
        String failed;
        try {
            failed = RunTesting.run(mvc, "2029-04");
        } finally {
            jdbc.sql("drop trigger delivery_test_crash on invoice").update();
            jdbc.sql("drop function delivery_test_crash()").update();
        }
        assertThat((String) JsonPath.read(failed, "$.status")).isEqualTo("FAILED");
        String failedRun = JsonPath.read(failed, "$.id");
        String issuedInvoice = jdbc.sql("select id::text from invoice where funder_id = ?::uuid and status = 'ISSUED'")
                .param(issued).query(String.class).single();
        assertThat(jdbc.sql("select count(*) from delivery where invoice_id = ?::uuid").param(issuedInvoice)
                .query(Long.class).single()).as("issued, not queued: the run failed before its end").isZero();

        // The back office starts a new run instead of restarting the failed one.
        String next = RunTesting.run(mvc, "2029-04");
        assertThat((String) JsonPath.read(next, "$.status")).isEqualTo("COMPLETED");
        List<Map<String, Object>> queued = JsonPath.read(call(get("/api/billing/deliveries?invoiceId=" + issuedInvoice)), "$");
        assertThat(queued).extracting(d -> d.get("runId") + " " + d.get("document") + " " + d.get("channel"))
                .containsExactly(failedRun + " UBL PEPPOL");
        run = next;
        deliverAll();
        assertThat(statusOf(deliveryOf(crashing, "UBL"))).isEqualTo("SENT");
        assertThat(statusOf((String) queued.get(0).get("id"))).isEqualTo("SENT");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private String peppolFunder(String name, String participantId, String client) throws Exception {
        return funder(name, "NHS_ICB", "\"peppolParticipantId\": \"" + participantId + "\"", "PEPPOL", client);
    }

    private String funder(String name, String type, String addresses, String output, String client) throws Exception {
        String funder = f.funder(name, type, addresses);
        f.contract(funder, "MINUTE", "UP", "ACTUAL", output, "[{\"careType\": \"PERSONAL_CARE\", \"hourlyRate\": \"30.00\"}]", "");
        f.client(client, funder, "2029-01-01", "REF-" + client);
        return funder;
    }

    private void clientWithoutEmail(String id, String funderId) throws Exception {
        mvc.perform(post("/api/billing/clients").header("Authorization", "Bearer " + TestTokens.backOffice())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id": "%s", "name": "Client %s",
                                 "address": {"line1": "3 Elm Road", "city": "Arnhem Vale", "postcode": "AV2 2BB"},
                                 "funding": {"funderId": "%s", "from": "2029-01-01", "packageKind": "SELF_FUNDING"}}"""
                                .formatted(id, id, funderId)))
                .andExpect(status().isCreated());
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder receiver(String participantId) {
        return WireMock.post(urlEqualTo("/documents")).atPriority(1)
                .withHeader("Peppol-Receiver-Id", equalTo("iso6523-actorid-upis::" + participantId));
    }

    /** The relay's passes until nothing is due (what the scheduled relay does every poll). */
    private void deliverAll() {
        while (relay.deliverDue() > 0) {
            // next batch
        }
    }

    /** Passes of the relay, with time between them for back-off waits to end, until the condition holds. */
    private void deliverUntil(BooleanSupplier done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("deliveries did not get there in time").isBefore(deadline);
            deliverAll();
            Thread.sleep(100);
        }
    }

    private List<LoggedRequest> requestsFor(String deliveryId) {
        return PEPPOL_AP.findAll(postRequestedFor(urlEqualTo("/documents")).withHeader("Idempotency-Key", equalTo(deliveryId)));
    }

    private String statusOf(String deliveryId) {
        return jdbc.sql("select status from delivery where id = ?::uuid").param(deliveryId).query(String.class).single();
    }

    /** The funder's one document in the latest run this test read. */
    private String invoiceOf(String funderId) {
        List<String> ids = JsonPath.read(run, "$.documents[?(@.funderId == '" + funderId + "')].id");
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private String invoiceOfClient(String clientId) {
        List<String> ids = JsonPath.read(run, "$.documents[?(@.clientId == '" + clientId + "')].id");
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private String deliveryOf(String funderId, String document) throws Exception {
        return deliveryOfInvoice(invoiceOf(funderId), document);
    }

    private String deliveryOfInvoice(String invoiceId, String document) throws Exception {
        List<String> ids = JsonPath.read(call(get("/api/billing/deliveries?invoiceId=" + invoiceId)),
                "$[?(@.document == '" + document + "')].id");
        assertThat(ids).as(document + " delivery of " + invoiceId).hasSize(1);
        return ids.get(0);
    }

    private MimeMessage onlyMailTo(String address) {
        List<MimeMessage> mails = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipients(m).contains(address)).toList();
        assertThat(mails).as("emails to " + address).hasSize(1);
        return mails.get(0);
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO) == null ? List.of()
                    : Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] documentBytes(String invoiceId, String kind) throws Exception {
        return mvc.perform(get("/api/billing/invoices/" + invoiceId + "/documents/" + kind)
                        .header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    private String call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + TestTokens.backOffice()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static MockHttpServletRequestBuilder uploaded(String deliveryId, String body) {
        return post("/api/billing/deliveries/" + deliveryId + "/uploaded").header("Authorization", "Bearer " + TestTokens.backOffice())
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockHttpServletRequestBuilder retry(String deliveryId) {
        return post("/api/billing/deliveries/" + deliveryId + "/retry").header("Authorization", "Bearer " + TestTokens.backOffice());
    }
}
