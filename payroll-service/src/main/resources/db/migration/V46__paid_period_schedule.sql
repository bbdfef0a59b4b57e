-- A finalised weekly run pays weekly colleagues only, so only their hours in that week are closed; a monthly
-- colleague's hours in the same days stay open until the monthly run is finalised (and the other way round).
alter table paid_period add column pay_frequency varchar(16) not null default 'MONTHLY'
    check (pay_frequency in ('MONTHLY', 'WEEKLY', 'FORTNIGHTLY', 'FOUR_WEEKLY'));
update paid_period p set pay_frequency = r.pay_frequency
from payroll_run r
where r.status = 'FINALISED' and r.period_start = p.period_start and r.period_end = p.period_end;
