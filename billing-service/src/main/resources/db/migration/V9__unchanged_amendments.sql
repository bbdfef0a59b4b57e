-- An amendment that does not change what is charged (another employee, another start time, the same minutes,
-- client, care type, day and price) keeps the charge that stands: the run records it as KEEP (on no document), and
-- issuing takes the new version out of care_to_bill instead of crediting and charging the same amount again.
alter table run_item drop constraint run_item_kind_check;
alter table run_item add constraint run_item_kind_check check (kind in ('CHARGE', 'CREDIT', 'KEEP'));
