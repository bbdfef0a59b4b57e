-- A supplier's credit note against one of its invoices. What it does depends on where the invoice is:
-- on the exceptions list it reduces what is matched (INVOICE_REDUCED); matched and not yet in a payment run it
-- reduces the payable (PAYABLE_REDUCED); already in a payment run or paid, the supplier owes us a refund
-- (REFUND_DUE, then REFUNDED when the money arrives). Journals go to finance through the outbox.
create table supplier_credit_note (
    id                  uuid primary key,
    supplier_id         uuid not null references supplier,
    credit_note_number  text not null,
    invoice_id          uuid not null references supplier_invoice,
    issue_date          date not null,
    total               numeric(19,2) not null check (total > 0),
    reason              text,
    format              text not null check (format in ('UBL', 'JSON')),
    document            text,
    outcome             text not null check (outcome in ('INVOICE_REDUCED', 'PAYABLE_REDUCED', 'REFUND_DUE', 'REFUNDED')),
    received_by         text not null,
    received_at         timestamptz not null,
    refund_received_on  date,
    refund_confirmed_by text,
    unique (supplier_id, credit_note_number)
);
create index supplier_credit_note_invoice on supplier_credit_note (invoice_id);

create table supplier_credit_note_line (
    credit_note_id  uuid not null references supplier_credit_note,
    line_no         integer not null,
    order_line_no   integer,
    description     text not null,
    quantity        numeric(12,3) not null,
    unit_price      numeric(19,2) not null,
    line_total      numeric(19,2) not null,
    primary key (credit_note_id, line_no)
);

-- What credit notes took off a payable before it was paid; amount is what is still to pay.
alter table payable add column credited numeric(19,2) not null default 0;
alter table payable drop constraint payable_status_check;
alter table payable add constraint payable_status_check check (status in ('OPEN', 'IN_PAYMENT_RUN', 'PAID', 'CREDITED'));

-- An invoice on the exceptions list that credit notes cancel entirely is closed as CREDITED.
alter table supplier_invoice drop constraint supplier_invoice_status_check;
alter table supplier_invoice add constraint supplier_invoice_status_check
    check (status in ('MATCHED', 'EXCEPTION', 'REJECTED', 'CREDITED'));
