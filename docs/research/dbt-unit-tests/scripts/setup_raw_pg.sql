drop schema if exists raw cascade;
create schema raw;
create table raw.payments (id integer, customer_id integer, amount numeric(10,2));
insert into raw.payments values (100, 1, 12.75), (101, 3, 20.00);
