"""Reference renderer: reproduces dbt-core 1.11 unit-test diff rendering with daff.
Run with the dbt virtualenv's python (it ships daff 1.4.2).
Input rows are Python values as dbt gets them from agate (Decimal, bool, str, date, None)."""
import re, sys
from decimal import Decimal
import daff

ANSI = re.compile(r"\x1B(?:[@-Z\\-_]|\[[0-?]*[ -/]*[@-~])")

def sort_rows(header, rows):
    return [header] + sorted(rows, key=lambda x: [(e is None, e) for e in x])

def render(header, expected, actual):
    e = daff.PythonTableView(sort_rows(header, expected))
    a = daff.PythonTableView(sort_rows(header, actual))
    flags = daff.CompareFlags()
    flags.ordered = False
    align = daff.Coopy.compareTables(e, a, flags).align()
    diff = daff.TableDiff(align, flags)
    out = daff.PythonTableView([])
    diff.hilite(out)
    if not diff.hasDifference():
        return None
    out2 = daff.PythonTableView([])
    diff.hilite(out2)
    txt = daff.TerminalDiffRender().render(out2)
    return ANSI.sub("", txt)

def show(title, header, expected, actual):
    r = render(header, expected, actual)
    print("### " + title)
    print("hasDifference:", r is not None)
    if r is not None:
        print(repr(r))
        print(r)

if __name__ == "__main__":
    from decimal import Decimal as D
    import datetime
    # dbt's agate tables hold int for integer columns, Decimal for numeric/float, bool, str, date, None
    H = ["customer_id", "email", "is_valid_email", "order_count", "total_paid"]
    show("same data as err/p06_diff_value_types (compare with the real dbt output)", H,
         expected=[[1, "a@b.co", True, 0, D("10.0")], [2, None, False, 0, D("2.5")], [9, "zzz", True, 7, D("99.5")]],
         actual=[[1, "a@b.co", True, 0, D("10.00")], [2, None, False, 0, D("2.50")], [5, "five", False, 0, D("1.25")]])
    show("decimal scale differs (10 vs 10.00) -> counts as a difference", ["id", "amt"],
         expected=[[1, D("10")]], actual=[[1, D("10.00")]])
    H5 = ["a", "b", "c", "d", "e", "f", "g"]
    show("column elision: only last column differs", H5,
         expected=[[1, "x", "x", "x", "x", "x", "old"]], actual=[[1, "x", "x", "x", "x", "x", "new"]])
    show("column elision: middle column differs", H5,
         expected=[[1, "x", "x", "old", "x", "x", "x"]], actual=[[1, "x", "x", "new", "x", "x", "x"]])
    rows = [[i, "v%d" % i] for i in range(1, 11)]
    rows2 = [r[:] for r in rows]; rows2[6][1] = "CHANGED"
    show("row elision: one of 10 rows differs", ["id", "val"], expected=rows, actual=rows2)
    show("identical rows in different order -> no difference", ["id", "val"],
         expected=[[2, "b"], [1, "a"]], actual=[[1, "a"], [2, "b"]])
    show("duplicate row in actual", ["id", "val"], expected=[[1, "a"]], actual=[[1, "a"], [1, "a"]])
    show("null vs value", ["id", "val"], expected=[[1, None]], actual=[[1, "a"]])
    show("date and decimal", ["id", "d", "f"],
         expected=[[1, datetime.date(2024, 1, 1), D("1.5")]], actual=[[1, datetime.date(2024, 1, 2), D("1.50")]])
    show("all rows different (no alignment possible)", ["id", "val"],
         expected=[[1, "a"], [2, "b"]], actual=[[3, "c"]])
    H10 = list("abcdefghij")
    e = [[1] + ["x"] * 9]; a = [[1] + ["x"] * 9]; a[0][5] = "y"
    show("10 columns, change in column f (index 5)", H10, e, a)
    e = [[1] + ["x"] * 9, [2] + ["x"] * 9]; a = [[1] + ["x"] * 9, [2] + ["x"] * 9]; a[0][2] = "y"; a[1][8] = "z"
    show("two rows, changes in columns c and i", H10, e, a)
