-- Who pays for care. A funder is never deleted: invoices keep pointing at it.
create table funder (
    id                   uuid primary key,
    legal_name           text not null,
    type                 text not null check (type in ('NHS_ICB', 'NHS_CHC', 'LOCAL_AUTHORITY', 'SELF_FUNDER', 'OTHER')),
    address_line1        text not null,
    address_line2        text,
    city                 text not null,
    postcode             text not null,
    country_code         char(2) not null default 'GB',
    -- PEPPOL participant id as scheme:id (e.g. 0088:5012345678900); null when the funder takes email or a portal.
    peppol_participant_id text,
    email                text,
    portal_url           text,
    payment_terms_days   integer not null check (payment_terms_days between 0 and 365),
    -- References the funder rejects an invoice without, e.g. {PURCHASE_ORDER_NUMBER, CLIENT_REFERENCE}.
    required_references  text[] not null default '{}',
    created_at           timestamptz not null default now(),
    created_by           text not null
);
create index funder_name on funder (lower(legal_name));

-- Care delivered, as payroll-service passes it on from the hours a team submitted. One row per hours entry;
-- an amendment (higher version) replaces the row, the superseded versions stay in care_delivered_version.
create table care_delivered (
    hours_entry_id   uuid primary key,
    version          integer not null,
    status           text not null check (status in ('ACTIVE', 'VOID')),
    team             text not null,
    employee_id      text not null,
    client_id        text not null,
    care_type        text not null,
    care_date        date not null,
    start_time       time not null,
    minutes          integer not null check (minutes >= 0),
    planned_minutes  integer check (planned_minutes >= 0),
    received_at      timestamptz not null default now(),
    -- What has been charged for this entry so far; differs from (version, status) when an amendment or void
    -- of billed care still has to be credited in the next run.
    billed_version   integer,
    billed_minutes   integer,
    billed_amount    numeric(19, 2),
    billed_invoice_id uuid
);
create index care_delivered_team_date on care_delivered (team, care_date);
create index care_delivered_to_bill on care_delivered (care_date) where billed_version is distinct from version;

create table care_delivered_version (
    hours_entry_id uuid not null,
    version        integer not null,
    payload        jsonb not null,
    received_at    timestamptz not null default now(),
    primary key (hours_entry_id, version)
);
