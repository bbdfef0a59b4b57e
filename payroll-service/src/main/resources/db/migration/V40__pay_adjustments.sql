-- One-off pay adjustments (issue 5): payments and deductions the back office records for a colleague and a pay
-- period, with HMRC's tax and NI treatment. The run of that period pays them; a void keeps the row.
create table pay_adjustment (
    id              uuid          primary key,
    employee_id     uuid          not null references employee (id),
    -- The pay period it is paid in, as payroll_run.period names it (YYYY-MM for monthly pay).
    period          varchar(16)   not null,
    type            varchar(32)   not null,
    kind            varchar(16)   not null check (kind in ('PAYMENT', 'DEDUCTION')),
    amount          numeric(19,2) not null check (amount > 0),
    taxable         boolean       not null,
    niable          boolean       not null,
    reason          text          not null,
    -- An earlier, already paid period this corrects (shown on the payslip), if any.
    corrects_period varchar(16),
    created_by      varchar(255)  not null,
    created_at      timestamptz   not null,
    voided_by       varchar(255),
    voided_at       timestamptz,
    void_reason     text
);
create index pay_adjustment_by_period on pay_adjustment (period, employee_id);
create index pay_adjustment_by_employee on pay_adjustment (employee_id);

-- What a payslip adds to net pay without tax or NI (reimbursed expenses: FPS NonTaxOrNICPmt), and what it deducts
-- from net pay (FPS DednsFromNetPay).
alter table payslip add column not_taxed_payments     numeric(19,2) not null default 0;
alter table payslip add column deductions_from_net_pay numeric(19,2) not null default 0;
