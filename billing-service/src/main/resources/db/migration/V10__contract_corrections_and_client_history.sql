-- The back office ends and corrects contracts and changes clients' details. Nothing is lost: each change keeps what
-- it replaced, who made it, when and why; and care already invoiced under the old terms is never re-priced in place:
-- the visits whose price the change alters go back in line (care_to_bill, amended), so that the next run credits
-- what was charged (a credit note referencing the original invoice) and charges them at the corrected terms.

-- 1. History of a contract: its end, corrections of its terms and of its prices. ----------------------------------
create table contract_history (
    id               bigserial primary key,
    contract_id      uuid not null references contract (id),
    change           text not null check (change in ('ENDED', 'TERMS_CORRECTED', 'RATE_CORRECTED')),
    changed_at       timestamptz not null default now(),
    changed_by       text not null,
    reason           text,
    previous         jsonb not null,       -- the values before the change (only those the change touched)
    current          jsonb not null,       -- the values after it
    -- Billed visits whose price the change alters, put back in line for the next run to credit and charge again,
    -- and the issued invoices that charged them.
    rebilled_visits  integer not null default 0,
    invoices         text[] not null default '{}'
);
create index contract_history_contract on contract_history (contract_id, id);

-- 2. History of a client's details (fundings have their own dated rows). ----------------------------------------
create table client_history (
    id          bigserial primary key,
    client_id   text not null references client (id),
    changed_at  timestamptz not null default now(),
    changed_by  text not null,
    reason      text,
    previous    jsonb not null
);
create index client_history_client on client_history (client_id, id);

-- 3. A credit settles one charge: the visit's item on the invoice that charged it. ----------------------------------
-- Keyed by version until now, which cannot tell two charges of the same version apart: a visit charged, then put
-- back in line by a correction, credited and charged again keeps its version (payroll's numbering, not billing's).
alter table credit_claim add column charged_invoice_id uuid;
update credit_claim x set charged_invoice_id = i.original_invoice_id from invoice i where i.id = x.credit_note_id;
alter table credit_claim alter column charged_invoice_id set not null;
alter table credit_claim drop constraint credit_claim_pkey;
alter table credit_claim add primary key (hours_entry_id, charged_invoice_id);

-- Unchanged but for how a credit is matched to its charge (by the invoice that charged it, see above).
create or replace view care_charge as
select r.hours_entry_id, r.version, r.team, r.client_id, r.care_type, r.care_date, r.funder_reference, r.hourly_rate,
       r.charged_minutes, r.billable_minutes, r.run_id, r.document_no, d.invoice_id, d.funder_id, d.contract_id
from run_item r
join run_document d on d.run_id = r.run_id and d.document_no = r.document_no
join invoice i on i.id = d.invoice_id and i.status = 'ISSUED'
where r.kind = 'CHARGE' and not r.excluded
  and not exists (select 1 from credit_claim x where x.hours_entry_id = r.hours_entry_id
                  and x.charged_invoice_id = d.invoice_id);

-- Corrections read the charges standing under one contract.
create index run_document_contract on run_document (contract_id);
