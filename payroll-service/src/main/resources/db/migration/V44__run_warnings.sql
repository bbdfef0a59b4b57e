-- What a run warns the back office about without stopping (issue 5): e.g. an hourly rate below the minimum wage
-- for the colleague's age. Written with the payslip; a rolled-back run loses them with its payslips.
create table payroll_run_warning (
    run_id       uuid         not null references payroll_run (id),
    employee_id  uuid         not null references employee (id),
    code         varchar(40)  not null,
    message      text         not null,
    primary key (run_id, employee_id, code)
);
