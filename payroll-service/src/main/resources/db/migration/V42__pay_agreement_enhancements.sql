-- Enhancements of an hourly agreement (issue 5): extra pay for hours worked at night, at weekends and on bank
-- holidays, as percentages of the hourly rate. The night is 22:00–06:00 unless the agreement sets its own hours.
alter table pay_agreement add column night_enhancement_percent        numeric(5,2);
alter table pay_agreement add column weekend_enhancement_percent      numeric(5,2);
alter table pay_agreement add column bank_holiday_enhancement_percent numeric(5,2);
alter table pay_agreement add column night_start time;
alter table pay_agreement add column night_end   time;
-- Why an agreement was changed after onboarding (a pay award, new hours), shown in its history.
alter table pay_agreement add column reason text;
alter table pay_agreement add constraint pay_agreement_enhancements check (
    (night_enhancement_percent is null or (kind = 'HOURLY' and night_enhancement_percent > 0))
    and (weekend_enhancement_percent is null or (kind = 'HOURLY' and weekend_enhancement_percent > 0))
    and (bank_holiday_enhancement_percent is null or (kind = 'HOURLY' and bank_holiday_enhancement_percent > 0))
    and ((night_start is null) = (night_end is null)));
