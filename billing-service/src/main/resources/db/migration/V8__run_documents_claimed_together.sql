-- A run claims the care of all its invoices in one statement before it issues them (one hash join over the run's
-- items instead of an index probe per visit and document: measured ~2 s against ~5 s of PostgreSQL CPU per million
-- visits). A claimed document's care is out of care_to_bill until the document is issued; if it is held (REJECTED)
-- its care goes back, and if its run fails and is never restarted, the next run gives it back (released) and that
-- run will not issue it.
alter table run_document add column claimed  boolean not null default false,
                         add column released boolean not null default false;
