-- A funder's contract: one simple hourly price per care type (contract_rate, effective-dated), how time is
-- counted, and which documents the funder takes. Terms never change in place: a new contract (or a new rate
-- from a date) is added, so every invoice can be explained by the rows it was priced with.
create table contract (
    id                       uuid primary key,
    funder_id                uuid not null references funder (id),
    reference                text,
    purchase_order_number    text,
    billing_unit             text not null check (billing_unit in ('MINUTE', 'FIVE_MINUTES', 'FIFTEEN_MINUTES')),
    rounding                 text not null check (rounding in ('UP', 'NEAREST', 'DOWN')),
    charged_time             text not null check (charged_time in ('ACTUAL', 'PLANNED')),
    output                   text not null check (output in ('PEPPOL', 'COUNCIL_CSV', 'PDF_EMAIL')),
    vat                      text not null default 'EXEMPT' check (vat in ('EXEMPT', 'STANDARD')),
    charge_beyond_authorised boolean not null default true,
    starts_on                date not null,
    ends_on                  date,
    created_at               timestamptz not null default now(),
    created_by               text not null,
    check (ends_on is null or ends_on >= starts_on)
);
create index contract_funder on contract (funder_id, starts_on);

create table contract_rate (
    contract_id    uuid not null references contract (id),
    care_type      text not null,
    hourly_rate    numeric(19, 2) not null check (hourly_rate >= 0),
    effective_from date not null,
    created_at     timestamptz not null default now(),
    created_by     text not null,
    primary key (contract_id, care_type, effective_from)
);

-- A client's id is the one teams and payroll use for them (chosen by the back office, or generated).
create table client (
    id            text primary key,
    name          text not null,
    address_line1 text not null,
    address_line2 text,
    city          text not null,
    postcode      text not null,
    email         text,
    created_at    timestamptz not null default now(),
    created_by    text not null
);

-- Who funds a client from which date: a change of funder is a new row from its date, the old one stays.
create table client_funding (
    id                          uuid primary key,
    client_id                   text not null references client (id),
    funder_id                   uuid not null references funder (id),
    valid_from                  date not null,
    valid_to                    date,
    package                     text not null check (package in ('COUNCIL_PACKAGE', 'CHC_PACKAGE', 'NHS_FUNDED', 'SELF_FUNDING', 'OTHER')),
    funder_reference            text,
    authorised_minutes_per_week integer check (authorised_minutes_per_week >= 0),
    created_at                  timestamptz not null default now(),
    created_by                  text not null,
    unique (client_id, valid_from),
    check (valid_to is null or valid_to >= valid_from)
);

-- What each care record would be charged against, or why it cannot be: the one place that answers
-- "which funder, contract and price apply on the day of the visit", used by the billing run and the statistics.
create view care_billing_basis as
select c.hours_entry_id, c.version, c.status, c.team, c.employee_id, c.client_id, c.care_type, c.care_date,
       c.start_time, c.minutes, c.planned_minutes, c.billed_version, c.billed_minutes, c.billed_amount,
       c.billed_invoice_id,
       f.funder_id, f.funder_reference, f.authorised_minutes_per_week,
       k.id as contract_id, r.hourly_rate, r.effective_from as rate_effective_from,
       case
           when cl.id is null then 'Unknown client ' || c.client_id
           when f.id is null then 'Client ' || c.client_id || ' has no funding on ' || c.care_date
           when k.id is null then 'The funder of client ' || c.client_id || ' has no contract on ' || c.care_date
           when r.hourly_rate is null then 'The contract has no price for ' || c.care_type || ' on ' || c.care_date
       end as unbillable_reason
from care_delivered c
left join client cl on cl.id = c.client_id
left join lateral (
    select * from client_funding cf
    where cf.client_id = c.client_id and cf.valid_from <= c.care_date
      and (cf.valid_to is null or c.care_date <= cf.valid_to)
    order by cf.valid_from desc limit 1) f on true
left join lateral (
    select * from contract ct
    where ct.funder_id = f.funder_id and ct.starts_on <= c.care_date
      and (ct.ends_on is null or c.care_date <= ct.ends_on)
    order by ct.starts_on desc limit 1) k on true
left join lateral (
    select * from contract_rate cr
    where cr.contract_id = k.id and cr.care_type = c.care_type and cr.effective_from <= c.care_date
    order by cr.effective_from desc limit 1) r on true;
