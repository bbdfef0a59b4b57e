package care.backoffice.billing.delivery;

/**
 * Where a delivery stands. PENDING and SENDING are the relay's; SENT and UPLOADED are final (a document
 * acknowledged by the access point or the mail server, or uploaded by the back office, is never sent again);
 * AWAITING_UPLOAD and FAILED are the back office's lists.
 */
public enum DeliveryStatus {
    PENDING,
    SENDING,
    SENT,
    AWAITING_UPLOAD,
    UPLOADED,
    FAILED
}
