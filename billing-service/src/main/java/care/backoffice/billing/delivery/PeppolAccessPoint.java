package care.backoffice.billing.delivery;

import care.backoffice.billing.invoices.Seller;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a UBL document into the PEPPOL network through the organisation's access point provider: we run no AS4
 * access point of our own. One request per document:
 * <pre>
 * POST {BILLING_PEPPOL_AP_URL}/documents
 * Authorization: Bearer {BILLING_PEPPOL_AP_KEY}
 * Content-Type: application/xml
 * Idempotency-Key: {delivery id}                (the same on every attempt: a resend after a lost answer is one message)
 * Peppol-Sender-Id: iso6523-actorid-upis::{seller's participant id}
 * Peppol-Receiver-Id: iso6523-actorid-upis::{funder's participant id}
 * Peppol-Document-Type-Id: busdox-docid-qns::{BIS Billing 3.0 Invoice or CreditNote}
 * Peppol-Process-Id: cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0
 *
 * (body: the UBL document as issued and validated)
 * </pre>
 * A 2xx is the provider's acknowledgement; its message id is read from the JSON answer ({@code messageId} or
 * {@code id}) or, failing that, the last segment of {@code Location}. 5xx, 408, 425, 429, a timeout or a refused
 * connection are tried again later, and so are 401 and 403 (our key: a configuration to fix, after which the
 * documents go without anyone retrying them by hand); any other 4xx is the provider refusing this document (unknown
 * receiver, document rejected) and is FAILED with the provider's reason.
 */
@Component
public class PeppolAccessPoint {

    static final String PARTICIPANT_SCHEME = "iso6523-actorid-upis";
    static final String INVOICE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    static final String CREDIT_NOTE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    static final String BILLING_PROCESS = "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PeppolAccessPoint.class);

    private final String url;
    private final String apiKey;
    private final String sender;
    private final RestClient http;
    private final JsonMapper json;

    public PeppolAccessPoint(DeliveryProperties properties, Seller seller, JsonMapper json) {
        DeliveryProperties.Peppol p = properties.peppol();
        this.url = p == null || p.url() == null || p.url().isBlank() ? null : p.url().replaceAll("/+$", "");
        this.apiKey = p == null ? null : p.apiKey();
        this.sender = seller.peppolParticipantId();
        var factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(p == null || p.connectTimeout() == null ? java.time.Duration.ofSeconds(10) : p.connectTimeout());
        factory.setReadTimeout(p == null || p.readTimeout() == null ? java.time.Duration.ofSeconds(60) : p.readTimeout());
        this.http = RestClient.builder().requestFactory(factory).build();
        this.json = json;
    }

    Outcome send(Outgoing o, byte[] ubl) {
        String receiver = o.funderPeppolId();
        if (receiver == null || receiver.isBlank()) {
            return new Outcome.Refused(null, "Funder " + o.funderName() + " (" + o.funderId() + ") has no PEPPOL "
                    + "participant id to send " + o.invoiceNumber() + " to: add it (PUT /api/billing/funders/"
                    + o.funderId() + ") and retry the delivery");
        }
        if (url == null) {
            return new Outcome.TryAgain(receiver, "no PEPPOL access point is configured: set BILLING_PEPPOL_AP_URL "
                    + "(and BILLING_PEPPOL_AP_KEY)");
        }
        try {
            RestClient.RequestBodySpec request = http.post().uri(URI.create(url + "/documents"))
                    .contentType(MediaType.APPLICATION_XML)
                    .header("Idempotency-Key", o.id().toString())
                    .header("Peppol-Sender-Id", PARTICIPANT_SCHEME + "::" + sender)
                    .header("Peppol-Receiver-Id", PARTICIPANT_SCHEME + "::" + receiver)
                    .header("Peppol-Document-Type-Id", o.creditNote() ? CREDIT_NOTE : INVOICE)
                    .header("Peppol-Process-Id", BILLING_PROCESS);
            if (apiKey != null && !apiKey.isBlank()) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
            }
            ResponseEntity<String> answer = request.body(ubl).retrieve().toEntity(String.class);
            return new Outcome.Sent(receiver, messageId(answer));
        } catch (RestClientResponseException e) {
            int code = e.getStatusCode().value();
            String reason = code + " " + reason(e.getResponseBodyAsString());
            if (code >= 500 || code == 408 || code == 425 || code == 429 || code == 401 || code == 403) {
                return new Outcome.TryAgain(receiver, "the access point answered " + reason);
            }
            return new Outcome.Refused(receiver, "the access point refused the document: " + reason);
        } catch (RuntimeException e) {
            return new Outcome.TryAgain(receiver, "the access point could not be reached: " + abbreviate(e.toString()));
        }
    }

    private String messageId(ResponseEntity<String> answer) {
        String body = answer.getBody();
        if (body != null && !body.isBlank()) {
            try {
                JsonNode node = json.readTree(body);
                for (String field : new String[] {"messageId", "id"}) {
                    if (node.hasNonNull(field)) {
                        return node.get(field).asString();
                    }
                }
            } catch (RuntimeException notJson) {
                // fall through to the Location header
            }
        }
        URI location = answer.getHeaders().getLocation();
        if (location != null) {
            String path = location.getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
        log.warn("The access point accepted a document without a message id: {}", abbreviate(body));
        return null;
    }

    /** The provider's own words: a problem+json detail, a message or error field, else the body. */
    private String reason(String body) {
        if (body == null || body.isBlank()) {
            return "(no reason given)";
        }
        try {
            JsonNode node = json.readTree(body);
            for (String field : new String[] {"detail", "message", "error", "title"}) {
                if (node.hasNonNull(field) && node.get(field).isString()) {
                    return abbreviate(node.get(field).asString());
                }
            }
        } catch (RuntimeException notJson) {
            // the body as it is
        }
        return abbreviate(body);
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
