-- Counted once when a run starts: the view behind it is too heavy to scan on every progress poll.
alter table billing_run add column unbillable_records integer;
