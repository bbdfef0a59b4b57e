-- Full onboarding (issue 5). Colleagues added before this migration keep nulls in the new columns; the API requires
-- them for every new colleague.
alter table employee add column email          varchar(254);
-- FPS Address: up to 4 lines of 35 characters and a UK postcode.
alter table employee add column address_line1  varchar(35);
alter table employee add column address_line2  varchar(35);
alter table employee add column address_line3  varchar(35);
alter table employee add column address_line4  varchar(35);
alter table employee add column postcode       varchar(8);
-- Where net pay goes (Bacs Standard 18: 6-digit sort code, 8-digit account, 18-character account name).
alter table employee add column sort_code      char(6) check (sort_code ~ '^[0-9]{6}$');
alter table employee add column account_number char(8) check (account_number ~ '^[0-9]{8}$');
alter table employee add column account_name   varchar(18);
-- HMRC starter checklist statement A, B or C (null: no checklist given), reported on the first FPS.
alter table employee add column starter_declaration char(1) check (starter_declaration in ('A', 'B', 'C'));
alter table employee add column pension_choice varchar(16) check (pension_choice in ('ENROLLED', 'OPTED_OUT'));
alter table employee add column pay_frequency  varchar(16) not null default 'MONTHLY';
-- The colleague's Keycloak login: CREATED, or PENDING while Keycloak could not be reached (see pending_login).
alter table employee add column login_status   varchar(16) check (login_status in ('CREATED', 'PENDING'));
alter table employee add column login_username varchar(255);
alter table employee add column login_user_id  varchar(64);
alter table employee add column leaving_recorded_by varchar(255);
alter table employee add column leaving_recorded_at timestamptz;

-- What the colleague is paid, from a date. A change is a new row; the run uses the row in force.
create table pay_agreement (
    id                    uuid          primary key,
    employee_id           uuid          not null references employee (id),
    effective_from        date          not null,
    kind                  varchar(16)   not null check (kind in ('SALARIED', 'HOURLY')),
    annual_salary         numeric(19,2),
    contracted_weekly_hours numeric(5,2),
    hourly_rate           numeric(19,2),
    created_by            varchar(255)  not null,
    created_at            timestamptz   not null default now(),
    constraint pay_agreement_shape check (
        (kind = 'SALARIED' and annual_salary > 0 and contracted_weekly_hours > 0 and hourly_rate is null)
        or (kind = 'HOURLY' and hourly_rate > 0 and annual_salary is null))
);
create index pay_agreement_by_employee on pay_agreement (employee_id, effective_from);

-- Tax code, basis, NI category and loan plans, each change kept with its effective date, its source (the starter
-- checklist, an HMRC coding notice, the back office) and who made it. The run uses the latest row in force.
create table tax_setting (
    id                 bigserial    primary key,
    employee_id        uuid         not null references employee (id),
    effective_from     date         not null,
    tax_code           varchar(10)  not null,
    non_cumulative     boolean      not null,
    ni_category        char(1)      not null,
    -- Comma-separated StudentLoanCalculator.Plan names, empty for none.
    student_loan_plans varchar(64)  not null default '',
    source             varchar(32)  not null,
    reason             text,
    changed_by         varchar(255) not null,
    changed_at         timestamptz  not null default now()
);
create index tax_setting_by_employee on tax_setting (employee_id, effective_from, id);

-- Logins still to create in Keycloak (it was unreachable when the colleague was added). A scheduled retry works
-- through them; a row is deleted only once the login exists, so none is lost.
create table pending_login (
    employee_id      uuid         primary key references employee (id),
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null default now(),
    last_error       text,
    created_at       timestamptz  not null default now()
);
