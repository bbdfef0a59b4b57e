-- A payroll run pays one monthly pay period. At most one run per period is live (not rolled back): starting a
-- second one is refused, so a period is never paid twice. Finalising writes paid_period (hours then refuse it).
create table payroll_run (
    id               uuid         primary key,
    period           char(7)      not null,            -- YYYY-MM, the calendar month paid
    period_start     date         not null,
    period_end       date         not null,
    pay_date         date         not null,
    tax_year         varchar(7)   not null,            -- e.g. 2026-27, from the pay date
    tax_month        integer      not null check (tax_month between 1 and 12),
    status           varchar(16)  not null check (status in ('STARTING','RUNNING','COMPLETED','FAILED','FINALISED','ROLLED_BACK')),
    employees_total  integer,
    job_execution_id bigint,
    failure          text,
    requested_by     varchar(255) not null,
    requested_at     timestamptz  not null default now(),
    finished_at      timestamptz,
    finalised_by     varchar(255),
    finalised_at     timestamptz
);
create unique index payroll_run_one_live_per_period on payroll_run (period) where status <> 'ROLLED_BACK';

-- One payslip per employee per run (the key makes a restarted chunk write nothing twice). Amounts numeric(19,2).
create table payslip (
    run_id             uuid          not null references payroll_run (id),
    employee_id        uuid          not null references employee (id),
    team_code          varchar(64)   not null,
    tax_code           varchar(10)   not null,
    non_cumulative     boolean       not null,
    ni_category        char(1)       not null,
    paid_minutes       integer,
    gross_pay          numeric(19,2) not null,
    taxable_pay        numeric(19,2) not null,
    tax                numeric(19,2) not null,
    employee_ni        numeric(19,2) not null,
    employer_ni        numeric(19,2) not null,
    student_loan       numeric(19,2) not null,
    postgraduate_loan  numeric(19,2) not null,
    pension_employee   numeric(19,2) not null,
    pension_employer   numeric(19,2) not null,
    net_pay            numeric(19,2) not null,
    -- The engine's lines and year to date after this period (PayslipCalculator.Result), for payslips and the FPS.
    lines              jsonb         not null,
    year_to_date       jsonb         not null,
    primary key (run_id, employee_id)
);
create index payslip_by_employee on payslip (employee_id);
