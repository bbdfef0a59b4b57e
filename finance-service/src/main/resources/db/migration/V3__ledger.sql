-- The ledger: journals (append-only), accounting periods (calendar months) and balances per
-- account x team x month, kept up to date as journals are posted so statements never scan history.

create table accounting_period (
    month       date         primary key check (extract(day from month) = 1),
    status      varchar(12)  not null default 'OPEN' check (status in ('OPEN', 'SOFT_CLOSED', 'HARD_LOCKED')),
    changed_at  timestamptz  not null default now(),
    changed_by  varchar(200)
);

-- Who closed, reopened or locked a period and why: the audit trail the issue asks for.
create table period_event (
    id          bigserial    primary key,
    month       date         not null references accounting_period (month),
    action      varchar(12)  not null check (action in ('CLOSE', 'REOPEN', 'LOCK')),
    from_status varchar(12)  not null,
    to_status   varchar(12)  not null,
    by_user     varchar(200) not null,
    reason      varchar(1000),
    at          timestamptz  not null default now()
);

-- Numbers come from a sequence: unique and increasing, but a rolled-back posting leaves a gap
-- (accountants are told so in the README; the id, not the number, is the journal's identity).
create sequence journal_number_seq;

create table journal (
    id                  uuid         primary key,
    number              bigint       not null unique,
    date                date         not null,
    description         varchar(500) not null,
    source              varchar(20)  not null check (source in ('billing', 'payroll', 'procurement', 'manual', 'reversal')),
    source_document_id  varchar(200) not null,
    -- SHA-256 of the normalised request: a replay with an equal body returns the first journal,
    -- a different body under the same source document id is refused.
    request_fingerprint varchar(64)  not null,
    reverses_journal_id uuid         references journal (id),
    posted_by           varchar(200) not null,
    posted_at           timestamptz  not null default now(),
    constraint one_journal_per_source_document unique (source, source_document_id)
);

create table journal_line (
    journal_id  uuid          not null references journal (id),
    line_no     integer       not null,
    date        date          not null, -- the journal's date, copied so aged reports and part-month scans need no join
    account     varchar(10)   not null references account (code),
    debit       numeric(19,2) not null default 0,
    credit      numeric(19,2) not null default 0,
    team        varchar(100),
    payer_type  varchar(100),
    supplier    varchar(200),
    employee    varchar(200),
    funder      varchar(200),
    primary key (journal_id, line_no),
    constraint one_side_positive check (debit >= 0 and credit >= 0 and ((debit > 0) <> (credit > 0)))
);
create index journal_line_account_date on journal_line (account, date);
create index journal_date on journal (date);

-- Derived data, rebuilt or updated on posting; not part of the append-only record.
-- team '' stands for lines that belong to no team (e.g. the bank account).
create table balance (
    account  varchar(10)   not null references account (code),
    team     varchar(100)  not null default '',
    month    date          not null,
    debit    numeric(19,2) not null default 0,
    credit   numeric(19,2) not null default 0,
    primary key (account, team, month)
);
create index balance_month on balance (month);

-- Append-only, enforced by the database itself: even the service's own user cannot change or
-- remove a posted journal. A correction is a reversal journal plus a new one.
create function refuse_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % on % is not allowed (post a reversal instead)', tg_op, tg_table_name
        using errcode = 'P0001';
end
$$;

create trigger journal_append_only before update or delete on journal
    for each row execute function refuse_ledger_change();
create trigger journal_no_truncate before truncate on journal
    for each statement execute function refuse_ledger_change();
create trigger journal_line_append_only before update or delete on journal_line
    for each row execute function refuse_ledger_change();
create trigger journal_line_no_truncate before truncate on journal_line
    for each statement execute function refuse_ledger_change();
create trigger period_event_append_only before update or delete on period_event
    for each row execute function refuse_ledger_change();
