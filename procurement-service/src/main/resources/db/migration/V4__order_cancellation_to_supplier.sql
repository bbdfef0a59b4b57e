-- When a team cancels an order the supplier already received, the supplier is told with a PEPPOL Order
-- Cancellation, delivered with the same retries as the order itself.
alter table purchase_order
    add column cancellation_document      text,
    add column cancellation_status        text check (cancellation_status in
                                              ('PENDING', 'RETRYING', 'DELIVERED', 'REFUSED', 'INVALID_DOCUMENT')),
    add column cancellation_attempts      integer not null default 0,
    add column next_cancellation_at       timestamptz,
    add column cancellation_error         text,
    add column cancellation_delivered_at  timestamptz;
create index purchase_order_cancellation_due on purchase_order (next_cancellation_at)
    where cancellation_status in ('PENDING', 'RETRYING');
