package care.backoffice.billing.delivery;

/** What one attempt at a delivery came to; the relay records it and decides what follows. */
public sealed interface Outcome {

    /** The receiver's address that was used (participant id, email, portal URL), null when there was none. */
    String recipient();

    /** Acknowledged by the access point or the mail server: final, never sent again. */
    record Sent(String recipient, String messageId) implements Outcome {}

    /** On the back office's list of documents to upload to the council's portal. */
    record AwaitingUpload(String recipient) implements Outcome {}

    /** Failed for a reason that may pass (receiver down, timeout, 5xx): tried again after a wait. */
    record TryAgain(String recipient, String reason) implements Outcome {}

    /** Refused, or no usable address: trying again cannot help until someone acts, so it is FAILED at once. */
    record Refused(String recipient, String reason) implements Outcome {}
}
