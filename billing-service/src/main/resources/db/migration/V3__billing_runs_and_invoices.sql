-- A billing run for a month: its Spring Batch execution does the work; this row is what the back office reads.
create table billing_run (
    id                uuid primary key,
    month             char(7) not null,          -- YYYY-MM: care up to the end of this month is charged
    dry_run           boolean not null,
    status            text not null check (status in ('STARTING', 'RUNNING', 'COMPLETED', 'FAILED')),
    job_execution_id  bigint,
    records_total     integer,
    documents_total   integer,
    requested_by      text not null,
    requested_at      timestamptz not null default now(),
    finished_at       timestamptz,
    failure           text
);
-- One real run at a time: two runs pricing the same care side by side could only race for it.
create unique index billing_run_one_live on billing_run ((true)) where status in ('STARTING', 'RUNNING') and not dry_run;

-- What a run will charge (CHARGE) or credit (CREDIT) for each care record, priced by the plain-Java rules.
-- Keyed by run and record, so a restarted pricing step adds only what is missing.
create table run_item (
    run_id              uuid not null references billing_run (id),
    hours_entry_id      uuid not null,
    kind                text not null check (kind in ('CHARGE', 'CREDIT')),
    version             integer not null,
    team                text not null,
    client_id           text not null,
    care_type           text not null,
    care_date           date not null,
    funder_id           uuid not null,
    contract_id         uuid not null,
    funder_reference    text,
    hourly_rate         numeric(19, 2) not null,
    charged_minutes     integer not null,        -- actual or planned, before the billing unit
    billable_minutes    integer not null,        -- after the billing unit and rounding
    original_invoice_id uuid,                    -- CREDIT: the invoice that charged it
    group_key           text not null,           -- which document of the run it goes on
    invoice_id          uuid,                    -- set when that document is issued
    primary key (run_id, hours_entry_id, kind)
);
create index run_item_group on run_item (run_id, group_key);

create sequence invoice_number_seq;
create sequence credit_note_number_seq;

-- Invoices and credit notes. Issued documents are never changed: a correction is a credit note.
create table invoice (
    id                    uuid primary key,
    number                text unique,
    kind                  text not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
    status                text not null check (status in ('ISSUED', 'REJECTED')),
    run_id                uuid not null references billing_run (id),
    group_key             text not null,
    funder_id             uuid not null references funder (id),
    funder_type           text not null,
    client_id             text,                  -- self-funders: the client is the buyer
    contract_id           uuid not null references contract (id),
    purchase_order_number text,
    contract_reference    text,
    original_invoice_id   uuid references invoice (id),
    issue_date            date not null,
    due_date              date,
    period_start          date not null,
    period_end            date not null,
    net_amount            numeric(19, 2) not null,
    vat_amount            numeric(19, 2) not null,
    total_amount          numeric(19, 2) not null,
    rejection             text,
    created_at            timestamptz not null default now(),
    unique (run_id, group_key)
);
create index invoice_funder on invoice (funder_id, issue_date);

create table invoice_line (
    invoice_id       uuid not null references invoice (id),
    line_no          integer not null,
    team             text not null,
    client_id        text not null,
    client_name      text not null,
    funder_reference text,
    care_type        text not null,
    hourly_rate      numeric(19, 2) not null,
    visits           integer not null,
    minutes          integer not null,
    amount           numeric(19, 2) not null,
    primary key (invoice_id, line_no)
);

create table invoice_document (
    invoice_id   uuid not null references invoice (id),
    kind         text not null check (kind in ('UBL', 'PDF', 'CSV')),
    content_type text not null,
    content      bytea not null,
    primary key (invoice_id, kind)
);
