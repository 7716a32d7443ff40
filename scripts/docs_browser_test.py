#!/usr/bin/env python3
"""End-to-end test of the docs site in a real headless Chromium (Debian's `chromium` package).

Opens target/docs/index.html from the file system at #!/selftest?model=M&column=C&expect=...,
where the page's own self-test (Sources/FlowcDocs/Site/selftest.js) opens the model's page,
waits for its SQL, opens the column's lineage in the graph, checks the expected upstream
columns, searches, and checks that nothing reached the console as an error. Chromium's
--dump-dom prints the page after it settles; this script reads the verdict from it, also fails
on uncaught errors in Chromium's console log, and saves screenshots. Python's stdlib only.

    scripts/docs_browser_test.py --site target/docs --model fct_payments --column amount_gold \
        --expect stg_stripe__payments.amount_gold --screenshots target/docs-screenshots

Exit status 0 when the site passes, 1 when it is broken, 2 when Chromium is missing.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse


def find_chromium(explicit):
    for name in [explicit] if explicit else ["chromium", "chromium-browser", "google-chrome", "chrome"]:
        path = shutil.which(name) if name else None
        if path:
            return path
    return None


def run_chromium(chromium, args, url, timeout):
    """Runs headless Chromium on url with a throwaway profile; returns (stdout, stderr, seconds)."""
    with tempfile.TemporaryDirectory(prefix="flowc-chromium-") as profile:
        cmd = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--no-default-browser-check", "--disable-extensions",
               "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile] + args + [url]
        started = time.monotonic()
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.stdout, p.stderr, time.monotonic() - started


def console_errors(stderr):
    """Uncaught exceptions and console.error lines from Chromium's log."""
    out = []
    for line in stderr.splitlines():
        if "CONSOLE" in line and ("Uncaught" in line or ":ERROR:CONSOLE" in line or "console.error" in line):
            out.append(line.strip())
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", default="target/docs", help="the generated site folder (default: target/docs)")
    ap.add_argument("--index", default="index.html",
                    help="the page in it to open (static_index.html: the one-file site of `docs generate --static`)")
    ap.add_argument("--model", default="fct_payments")
    ap.add_argument("--column", default="amount_gold")
    ap.add_argument("--expect", default="stg_stripe__payments.amount_gold",
                    help="comma-separated node.column names that must be upstream of model.column")
    ap.add_argument("--screenshots", default="", help="folder for PNG screenshots (none when empty)")
    ap.add_argument("--chromium", default="", help="the browser binary (default: chromium on PATH)")
    ap.add_argument("--budget-ms", type=int, default=20000, help="virtual time Chromium gives the page to settle")
    ap.add_argument("--timeout", type=int, default=180, help="seconds before a Chromium run is abandoned")
    ap.add_argument("--selections", default="", metavar="FLOWC",
                    help="also check that the site's selection syntax selects what `FLOWC ls` does for a set of selections")
    ap.add_argument("--target", default="", help="the profile target `flowc ls` and `flowc docs serve` use (default: the profile's)")
    ap.add_argument("--http", default="", metavar="FLOWC",
                    help="also run the self-test over HTTP, served by `FLOWC docs serve --port 0` from the site's project")
    ap.add_argument("--measure", type=int, default=0, metavar="N",
                    help="also open the overview N times in real time (no virtual time) and report the time to first render")
    args = ap.parse_args()

    chromium = find_chromium(args.chromium)
    if not chromium:
        print("docs browser test: no chromium on PATH (apt-get install -y chromium)", file=sys.stderr)
        return 2
    index = os.path.abspath(os.path.join(args.site, args.index))
    if not os.path.isfile(index):
        print(f"docs browser test: {index} does not exist; run `flowc docs generate` first", file=sys.stderr)
        return 1
    base = "file://" + urllib.parse.quote(index)
    q = urllib.parse.urlencode({"model": args.model, "column": args.column, "expect": args.expect}, quote_via=urllib.parse.quote)
    specs = []
    if args.selections:
        specs = [s.replace("MODEL", args.model) for s in SELECTIONS]
        q += "&sel=" + urllib.parse.quote(";".join(specs))

    dom, log, seconds = run_chromium(chromium, ["--virtual-time-budget=%d" % args.budget_ms, "--dump-dom"],
                                     base + "#!/selftest?" + q, args.timeout)
    # the last one: the element the self-test appends (static_index.html also holds the
    # self-test's own source inline, which names the element)
    found = re.findall(r'<pre id="selftest">(SELFTEST (?:PASS|FAIL)\n.*?)</pre>', dom, re.S)
    verdict = html.unescape(found[-1]) if found else ""
    print(verdict or "no self-test result in the page (did a script fail to load or throw?)")
    print(f"chromium: {seconds:.2f}s for the self-test run (wall time, including browser start)")
    errors = console_errors(log)
    for e in errors:
        print("console:", e)
    ok = verdict.startswith("SELFTEST PASS") and not errors
    if specs:
        ok = compare_selections(args, specs, verdict) and ok

    if args.http:
        ok = self_test_over_http(chromium, args, q) and ok

    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
        lineage = urllib.parse.urlencode({"select": "+" + args.model + "+", "column": args.column}, quote_via=urllib.parse.quote)
        shots = [("overview", "#!/overview"), ("model", "#!/model/" + urllib.parse.quote(find_id(dom, args.model) or "")),
                 ("lineage", "#!/graph?" + lineage + "&focus=" + urllib.parse.quote(find_id(dom, args.model) or ""))]
        for name, frag in shots:
            path = os.path.abspath(os.path.join(args.screenshots, f"docs-{name}.png"))
            _, shot_log, _ = run_chromium(chromium, ["--window-size=1400,860", "--hide-scrollbars",
                                                     "--virtual-time-budget=5000", "--screenshot=" + path],
                                          base + frag, args.timeout)
            saved = os.path.isfile(path) and os.path.getsize(path) > 0
            print(f"screenshot {'saved' if saved else 'MISSING'}: {path}")
            for e in console_errors(shot_log):
                print("console:", e)
                ok = False
            ok = ok and saved
    if args.measure:
        measure(chromium, base, args, find_id(dom, args.model))
    print("docs browser test:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


# Selections the site must resolve as `flowc ls` does (MODEL: the --model argument).
SELECTIONS = ["+MODEL+", "MODEL", "2+MODEL", "MODEL+1", "@MODEL", "tag:*", "resource_type:seed", "resource_type:source",
              "*_*", "config.materialized:table", "config.materialized:view,tag:*", "source:*+", "+exposure:*",
              "path:models", "MODEL +MODEL"]


def compare_selections(args, specs, verdict):
    """Compares each `select SPEC => names` line of the self-test with `flowc ls`. The site's graph,
    like dbt's docs, shows no data tests or unit tests, so `flowc ls` leaves them out here."""
    project = os.path.dirname(os.path.dirname(os.path.abspath(args.site)))
    page = {}
    for line in verdict.splitlines():
        if line.startswith("select ") and " => " in line:
            spec, names = line[len("select "):].split(" => ", 1)
            page[spec] = sorted(names.split())
    ok = True
    for spec in specs:
        cmd = [args.selections, "ls", "-q", "-s", spec, "--exclude", "resource_type:test resource_type:unit_test", "--output", "name"]
        if args.target:
            cmd += ["--target", args.target]
        p = subprocess.run(cmd, cwd=project, capture_output=True, text=True, timeout=args.timeout)
        if p.returncode != 0:
            print(f"selection: `flowc ls -s {spec}` failed ({p.returncode}): {p.stderr.strip()[:300]}")
            return False
        want = sorted(p.stdout.split())
        got = page.get(spec) or []
        same = got == want
        ok = ok and same
        if same:
            print(f"selection same: {spec} ({len(want)} nodes)")
        else:
            only_ls, only_site = sorted(set(want) - set(got)), sorted(set(got) - set(want))
            print(f"selection DIFFERS: {spec}: flowc ls {len(want)} nodes, site {len(got)}; only in flowc ls: "
                  f"{' '.join(only_ls[:10])}{' …' if len(only_ls) > 10 else ''}; only in the site: "
                  f"{' '.join(only_site[:10])}{' …' if len(only_site) > 10 else ''}")
    return ok


def self_test_over_http(chromium, args, query):
    """Starts `flowc docs serve --port 0` (the site must be <project>/target/docs), runs the
    self-test against the URL it prints, and stops that server."""
    site = os.path.abspath(args.site)
    project = os.path.dirname(os.path.dirname(site))
    target = os.path.basename(os.path.dirname(site))
    server = subprocess.Popen([args.http, "docs", "serve", "--port", "0", "--project-dir", project, "--target-path", target],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = server.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not m:
            print("http: the server printed no URL:", line.strip())
            return False
        dom, log, seconds = run_chromium(chromium, ["--virtual-time-budget=%d" % args.budget_ms, "--dump-dom"],
                                         m.group(0) + "#!/selftest?" + query, args.timeout)
        verdict = re.search(r'<pre id="selftest">(SELFTEST \w+)', dom)
        errors = console_errors(log)
        print(f"http: {m.group(0)} self-test {verdict.group(1) if verdict else 'missing'} ({seconds:.2f}s)")
        for e in errors:
            print("console:", e)
        return bool(verdict) and verdict.group(1) == "SELFTEST PASS" and not errors
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure(chromium, base, args, model_id):
    """Time to first render (navigation start to the first page drawn, as the page measures it)
    over N real-time loads of three pages, and the site's size on disk."""
    lineage = urllib.parse.urlencode({"select": args.model, "focus": model_id, "column": args.column},
                                     quote_via=urllib.parse.quote)
    pages = [("overview", "#!/overview"), ("model page", "#!/model/" + urllib.parse.quote(model_id)),
             ("graph with column lineage", "#!/graph?" + lineage)]
    for label, frag in pages:
        firsts, parsed, done, walls = [], [], [], []
        for _ in range(args.measure):
            # --dump-dom waits for the load event, which scripts inserted before it (the SQL
            # chunk, lineage.js) delay, so their pages are complete in the dump.
            dom, _, seconds = run_chromium(chromium, ["--dump-dom"], base + frag, args.timeout)
            for key, into in (("first-render", firsts), ("data-parsed", parsed), ("sql-shown", done), ("graph-drawn", done)):
                m = re.search(r'data-%s-ms="(\d+)"' % key, dom)
                if m:
                    into.append(int(m.group(1)))
            walls.append(seconds)
        firsts.sort()
        parsed.sort()
        done.sort()
        walls.sort()
        if firsts:
            print(f"measure: {label}: first render {firsts[len(firsts) // 2]} ms median of {len(firsts)} loads "
                  f"(min {firsts[0]}, max {firsts[-1]}; data.js parsed at {parsed[len(parsed) // 2] if parsed else '?'} ms"
                  + (f"; SQL or graph drawn at {done[len(done) // 2]} ms" if done else "") + f"); chromium run {walls[len(walls) // 2]:.2f}s median incl. browser start")
        else:
            print(f"measure: {label}: the page reported no first render time")
    size = files = 0
    data_js = os.path.getsize(os.path.join(args.site, "data.js"))
    for dirpath, _, names in os.walk(args.site):
        for n in names:
            size += os.path.getsize(os.path.join(dirpath, n))
            files += 1
    print(f"measure: site {size / 1e6:.1f} MB in {files} files, data.js {data_js / 1e6:.1f} MB")


def find_id(dom, model):
    """The unique_id of a model named `model`, from the ids the page links to."""
    m = re.search(r'#!/model/(model\.[^"#?]*?\.' + re.escape(model) + r')"', dom)
    return urllib.parse.unquote(m.group(1)) if m else "model." + model


if __name__ == "__main__":
    sys.exit(main())
