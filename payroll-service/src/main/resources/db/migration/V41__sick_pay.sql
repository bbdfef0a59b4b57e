-- SSP through the run (issue 5). Qualifying days a week for the SSP daily rate: the days the colleague is due to
-- work, agreed with them; 5 unless their agreement says otherwise.
alter table pay_agreement add column ssp_qualifying_days smallint not null default 5
    check (ssp_qualifying_days between 1 and 7);
-- What a payslip's SSP accounted for: the linked PIW (by its first day), the qualifying days of it counted in this
-- period, of which waiting days and paid days, and the AWE and weekly rate used. Later periods continue from these.
alter table payslip add column ssp_detail jsonb;
create index hours_entry_sick_by_employee on hours_entry (employee_id, work_date) where activity = 'LEAVE_SICK';
