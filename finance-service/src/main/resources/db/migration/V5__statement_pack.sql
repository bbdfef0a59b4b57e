-- The month-end close stores the month's statement pack for download. A rerun after a reopen
-- replaces it: the pack is derived from the ledger, the ledger itself is never changed.
create table statement_pack (
    month        date         not null,
    format       varchar(10)  not null check (format in ('pdf', 'xlsx')),
    content      bytea        not null,
    created_at   timestamptz  not null default now(),
    primary key (month, format)
);
