-- Budgets per team x account x month, uploaded as CSV. Plans, not ledger entries: a new upload
-- replaces the amount, and who uploaded it last is kept.
create table budget (
    team         varchar(100)  not null,
    account      varchar(10)   not null references account (code),
    month        date          not null check (extract(day from month) = 1),
    amount       numeric(19,2) not null,
    uploaded_by  varchar(200)  not null,
    uploaded_at  timestamptz   not null default now(),
    primary key (team, account, month)
);
