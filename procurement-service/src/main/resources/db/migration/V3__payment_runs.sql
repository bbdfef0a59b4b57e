-- A payment run pays every open payable due by its payment date in one Bacs file.
create table payment_run (
    id            uuid primary key,
    payment_date  date not null,
    payable_count integer not null,
    total         numeric(19,2) not null,
    bacs_file     text not null,
    created_by    text not null,
    created_at    timestamptz not null
);
alter table payable add column payment_run_id uuid references payment_run;
