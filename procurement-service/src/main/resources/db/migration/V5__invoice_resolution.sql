-- The back office settles what matching could not: accept an agreed price difference, or reject an invoice.
alter table supplier_invoice drop constraint supplier_invoice_status_check;
alter table supplier_invoice add constraint supplier_invoice_status_check
    check (status in ('MATCHED', 'EXCEPTION', 'REJECTED'));
alter table supplier_invoice
    add column resolved_by    text,
    add column resolved_at    timestamptz,
    add column resolution     text check (resolution in ('ACCEPTED_PRICE', 'REJECTED')),
    add column resolution_note text;
