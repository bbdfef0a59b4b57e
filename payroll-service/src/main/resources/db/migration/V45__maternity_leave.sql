-- Maternity leave and SMP (issue 5): the back office records the expected week of childbirth (its Sunday), the first
-- day of the maternity pay period, and the last day of leave (52 weeks unless she returns earlier). Runs pay SMP for
-- the MPP's weeks that end in their period, and no salary for the days of leave.
create table maternity_leave (
    id                      uuid          primary key,
    employee_id             uuid          not null references employee (id),
    expected_week           date          not null,
    pay_period_start        date          not null,
    last_day                date          not null,
    -- Given by the back office when her paydays before the qualifying week are not in this payroll.
    average_weekly_earnings numeric(19,2),
    created_by              varchar(255)  not null,
    created_at              timestamptz   not null default now(),
    constraint maternity_leave_ordered check (last_day >= pay_period_start)
);
create index maternity_leave_by_employee on maternity_leave (employee_id, pay_period_start);
