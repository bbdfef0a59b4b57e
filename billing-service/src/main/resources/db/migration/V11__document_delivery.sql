-- Issued documents reach their buyers: over PEPPOL through the organisation's access point provider, as a PDF by
-- email, or onto the council's portal by the back office. One delivery per document that goes to the buyer, queued
-- by one set-based statement when a run has issued its documents (care.backoffice.billing.delivery.DeliveryQueue),
-- sent by a relay that claims due rows (DeliveryRelay). What happened to each delivery is kept in delivery_event.

-- Runs issued before this version had their documents sent by hand: they are never queued, not even when such a
-- run is restarted. New runs deliver their documents.
alter table billing_run add column delivers_documents boolean not null default false;
alter table billing_run alter column delivers_documents set default true;

create table delivery (
    id               uuid primary key,
    invoice_id       uuid not null references invoice (id),
    document_kind    text not null,
    run_id           uuid not null references billing_run (id),
    channel          text not null check (channel in ('PEPPOL', 'EMAIL', 'PORTAL')),
    -- PENDING: due at next_attempt_at; SENDING: claimed by leased_by until next_attempt_at (then due again, for an
    -- instance that stopped mid-send); SENT: acknowledged by the access point or the mail server, never sent again;
    -- AWAITING_UPLOAD / UPLOADED: portal documents, uploaded by the back office; FAILED: needs the back office.
    status           text not null default 'PENDING'
        check (status in ('PENDING', 'SENDING', 'SENT', 'AWAITING_UPLOAD', 'UPLOADED', 'FAILED')),
    attempts         integer not null default 0,     -- attempts since it was queued or last retried by hand
    next_attempt_at  timestamptz not null default now(),
    lease_token      uuid,                           -- the claim a result must carry to be recorded
    leased_by        text,
    recipient        text,                           -- the address used: participant id, email, portal URL
    message_id       text,                           -- the access point's message id, or the email's Message-ID
    failure          text,                           -- why the last attempt failed
    sent_at          timestamptz,
    uploaded_by      text,
    uploaded_at      timestamptz,
    portal_reference text,
    created_at       timestamptz not null default now(),
    unique (invoice_id, document_kind),
    foreign key (invoice_id, document_kind) references invoice_document (invoice_id, kind)
);
-- The relay's claim: due rows only, however many were sent before.
create index delivery_due on delivery (next_attempt_at) where status in ('PENDING', 'SENDING');
-- The back office's lists (FAILED, AWAITING_UPLOAD) and a run's deliveries.
create index delivery_by_status on delivery (status, created_at);
create index delivery_by_run on delivery (run_id);

-- Every attempt, outcome and action by hand, oldest first: the history of each delivery.
create table delivery_event (
    id          bigserial primary key,
    delivery_id uuid not null references delivery (id),
    at          timestamptz not null default clock_timestamp(),
    event       text not null check (event in ('SENT', 'ATTEMPT_FAILED', 'ATTEMPT_LOST', 'FAILED', 'AWAITING_UPLOAD',
                                               'RETRY_REQUESTED', 'UPLOADED')),
    attempt     integer,
    detail      text,
    actor       text not null                   -- the relay instance, or the back-office user
);
create index delivery_event_of on delivery_event (delivery_id, id);
