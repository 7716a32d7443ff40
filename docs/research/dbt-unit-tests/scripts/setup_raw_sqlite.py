# creates the source table raw.payments for the dbt-sqlite profile (schema "raw" = raw.db)
import sqlite3, sys
w = sys.argv[1] if len(sys.argv) > 1 else "/tmp/unitvec"
c = sqlite3.connect(f"{w}/sqlite/raw.db")
c.execute("drop table if exists payments")
c.execute("create table payments (id integer, customer_id integer, amount numeric)")
c.execute("insert into payments values (100,1,12.75),(101,3,20)")
c.commit()
