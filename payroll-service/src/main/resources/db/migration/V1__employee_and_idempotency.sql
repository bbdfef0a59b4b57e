-- Employees of the organisation, each in one team. Teams onboard their own colleagues (no approval step).
-- Issue 5 extends this table (address, bank details, starter declaration, tax code, NI category, loan plans,
-- pay agreement, pension choice); those go in later migrations as new columns or child tables with
-- effective dates, so nothing here needs to change.
create table employee (
    id              uuid         primary key,
    team_code       varchar(64)  not null,
    -- FPS Name/Fore and Name/Sur: at most 35 characters each.
    given_name      varchar(35)  not null,
    family_name     varchar(35)  not null,
    date_of_birth   date         not null,
    -- Stored normalised: no spaces, upper case, e.g. AB123456C.
    ni_number       char(9)      not null,
    start_date      date         not null,
    leaving_date    date,
    created_by      varchar(255) not null,
    created_at      timestamptz  not null default now(),
    constraint employee_ni_number_format check (ni_number ~ '^[A-Z]{2}[0-9]{6}[A-D]$'),
    constraint employee_born_before_start check (date_of_birth < start_date),
    constraint employee_leaves_after_start check (leaving_date is null or leaving_date >= start_date)
);

create index employee_by_team on employee (team_code, family_name, given_name);
-- One current employment per NI number; a leaver may be hired again (a new row).
create unique index employee_current_ni_number on employee (ni_number) where leaving_date is null;

-- Idempotency-Key: the first answer to a create, replayed for the same key and body; another body is a 409.
-- Scoped by caller and endpoint so one caller's keys never reveal another's answers.
create table idempotency_key (
    scope           varchar(400) not null,
    idem_key        varchar(200) not null,
    request_hash    char(64)     not null,
    -- Filled in the same transaction that claims the key, so another reader never sees them empty.
    response_status integer,
    response_body   text,
    created_at      timestamptz  not null default now(),
    primary key (scope, idem_key)
);
