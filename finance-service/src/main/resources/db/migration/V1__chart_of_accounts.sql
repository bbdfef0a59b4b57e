-- The chart of accounts: loaded from chart-of-accounts-uk-care.csv by V2 (a Java migration),
-- extended by finance users through the API. An account with postings is closed, never deleted.
create table account (
    code              varchar(10)  primary key,
    name              varchar(200) not null,
    type              varchar(20)  not null check (type in ('ASSET','LIABILITY','EQUITY','INCOME','EXPENSE')),
    normal_balance    varchar(2)   not null check (normal_balance in ('DR','CR')),
    statutory_line    varchar(200),
    sofa_line         varchar(200),
    cash_flow_class   varchar(60),
    default_vat       varchar(20),
    notes             varchar(500),
    open              boolean      not null default true,
    created_at        timestamptz  not null default now()
);
