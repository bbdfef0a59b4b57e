package care.backoffice.billing.delivery;

import care.backoffice.billing.invoices.Seller;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends an invoice or credit note PDF by email (SMTP, {@code spring.mail.*} from BILLING_SMTP_*): to the client for
 * self-funders, else to the funder. A short plain-text body says what it is, the amount and when it is due.
 *
 * <p>A recipient the mail server refuses (e.g. 550 no such user) is FAILED at once; any other failure (server down,
 * authentication, timeout) is tried again later. Email has no idempotency: if the service stops between the server's
 * acceptance and recording it, the email is sent again after the claim's lease.
 */
@Component
public class InvoiceMailer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final JavaMailSender mail;
    private final Seller seller;
    private final String from;

    public InvoiceMailer(JavaMailSender mail, Seller seller, DeliveryProperties properties) {
        this.mail = mail;
        this.seller = seller;
        this.from = properties.email() != null && properties.email().from() != null && !properties.email().from().isBlank()
                ? properties.email().from() : seller.email();
    }

    Outcome send(Outgoing o, byte[] pdf) {
        String to = o.clientId() != null ? o.clientEmail() : o.funderEmail();
        if (to == null || to.isBlank()) {
            return new Outcome.Refused(null, o.clientId() != null
                    ? "Client " + o.clientId() + " (" + o.clientName() + ") has no email address to send "
                            + o.invoiceNumber() + " to: record one on the client and retry the delivery"
                    : "Funder " + o.funderName() + " (" + o.funderId() + ") has no email address to send "
                            + o.invoiceNumber() + " to: add it (PUT /api/billing/funders/" + o.funderId()
                            + ") and retry the delivery");
        }
        MimeMessage message = mail.createMimeMessage();
        try {
            MimeMessageHelper m = new MimeMessageHelper(message, true, "UTF-8");
            m.setFrom(from, seller.legalName());
            m.setTo(to);
            m.setSubject(subject(o));
            m.setText(body(o), false);
            m.addAttachment(o.invoiceNumber() + ".pdf", new ByteArrayResource(pdf), "application/pdf");
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            return new Outcome.Refused(to, "the email could not be written: " + e.getMessage());
        }
        try {
            mail.send(message);
            return new Outcome.Sent(to, message.getMessageID());
        } catch (MailSendException e) {
            if (recipientRefused(e)) {
                return new Outcome.Refused(to, "the mail server refused " + to + ": "
                        + PeppolAccessPoint.abbreviate(e.getMessage()));
            }
            return new Outcome.TryAgain(to, "the mail server did not take it: " + PeppolAccessPoint.abbreviate(e.getMessage()));
        } catch (MailException | MessagingException e) {
            return new Outcome.TryAgain(to, "the mail server could not be used: " + PeppolAccessPoint.abbreviate(e.getMessage()));
        }
    }

    /** The server named the recipient invalid: a permanent refusal, not an outage. */
    private static boolean recipientRefused(MailSendException e) {
        for (Exception failed : e.getMessageExceptions()) {
            if (failed instanceof SendFailedException s && s.getInvalidAddresses() != null
                    && s.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    String subject(Outgoing o) {
        return (o.creditNote() ? "Credit note " : "Invoice ") + o.invoiceNumber() + " from " + seller.legalName();
    }

    String body(Outgoing o) {
        String amount = pounds(o.total());
        StringBuilder b = new StringBuilder("Dear ").append(o.buyerName()).append(",\n\n");
        if (o.creditNote()) {
            b.append("Please find attached credit note ").append(o.invoiceNumber()).append(" for ").append(amount);
            if (o.originalInvoiceNumber() != null) {
                b.append(", crediting invoice ").append(o.originalInvoiceNumber());
            }
            b.append(". There is nothing to pay.\n");
        } else {
            b.append("Please find attached invoice ").append(o.invoiceNumber()).append(" for ").append(amount);
            if (o.dueDate() != null) {
                b.append(", due on ").append(DAY.format(o.dueDate()));
            }
            b.append(".\n\nPlease pay to ").append(seller.bankAccountName()).append(", account ")
                    .append(seller.bankAccount()).append(", quoting ").append(o.invoiceNumber()).append(".\n");
        }
        b.append("\nQuestions about it: reply to this email or write to ").append(seller.email()).append(".\n\n")
                .append(seller.legalName()).append('\n');
        return b.toString();
    }

    /** The document's total as issued (already 2 dp), e.g. £1,234.50. */
    static String pounds(BigDecimal amount) {
        return String.format(Locale.UK, "£%,.2f", amount);
    }
}
