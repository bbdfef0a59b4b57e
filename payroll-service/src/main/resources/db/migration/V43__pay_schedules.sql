-- Pay schedules (issue 5): a colleague's agreement says how often they are paid; a run pays one schedule's period.
alter table pay_agreement add column pay_frequency varchar(16) not null default 'MONTHLY'
    check (pay_frequency in ('MONTHLY', 'WEEKLY', 'FORTNIGHTLY', 'FOUR_WEEKLY'));
update pay_agreement a set pay_frequency = e.pay_frequency
from employee e where e.id = a.employee_id and e.pay_frequency in ('WEEKLY', 'FORTNIGHTLY', 'FOUR_WEEKLY');

-- A run's period is named by its schedule: 2026-04 (monthly), 2026-27-W05 (tax week 5), 2026-27-2W03, 2026-27-4W02.
-- The names differ between schedules, so the unique index on period still allows one live run per period.
alter table payroll_run alter column period type varchar(16);
alter table payroll_run add column pay_frequency varchar(16) not null default 'MONTHLY'
    check (pay_frequency in ('MONTHLY', 'WEEKLY', 'FORTNIGHTLY', 'FOUR_WEEKLY'));
-- The pay date's tax week, and the tax period the engine calculates in the run's frequency (the tax month for monthly
-- pay, the tax week for weekly, ⌈week / 2⌉ or ⌈week / 4⌉ for 2- and 4-weekly). tax_month stays the pay date's month.
alter table payroll_run add column tax_week integer check (tax_week between 1 and 53);
alter table payroll_run add column tax_period integer;
update payroll_run set tax_period = tax_month where tax_period is null;
alter table payroll_run alter column tax_period set not null;
