-- What the FPS reports per period besides the payslip totals: NI-able pay and the loan plan deducted.
alter table payslip add column niable_pay numeric(19,2);
alter table payslip add column student_loan_plan varchar(16);
