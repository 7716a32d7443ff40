#!/usr/bin/env bash
# Regenerates the dbt outputs of Tests/FlowcCompileTests/Fixtures/packages: a root project with
# a package installed under dbt_packages/pkgx. dbt Core compiles a copy of it with the sqlite
# adapter; the compiled SQL goes to expected_compiled/ and, for every node, source and disabled
# node, the identity and config fields flowc must reproduce go to expected_nodes.json. Needs
# python3 and a virtualenv with dbt-sqlite:
#   python3 -m venv /tmp/dbtsqlite && /tmp/dbtsqlite/bin/pip install dbt-sqlite==1.10.0
# Run from the repository root.
set -euo pipefail
DBT=${DBT:-/tmp/dbtsqlite/bin/dbt}
OUT=Tests/FlowcCompileTests/Fixtures/packages
WORK=$(mktemp -d)
mkdir -p "$WORK/p"
(cd "$OUT" && cp -r dbt_project.yml profiles.yml models seeds dbt_packages "$WORK/p/")
(cd "$WORK/p" && "$DBT" compile --profiles-dir . > /dev/null)
rm -rf "$OUT/expected_compiled"
cp -r "$WORK/p/target/compiled" "$OUT/expected_compiled"
python3 - "$WORK/p" > "$OUT/expected_nodes.json" <<'PY'
import json, sys
root = sys.argv[1]
m = json.load(open(root + "/target/manifest.json"))
out = {}
def fields(n):
    c = n.get("config", {})
    f = {k: n.get(k) for k in ["package_name", "path", "original_file_path", "fqn", "schema", "alias",
                               "patch_path", "tags", "compiled_path"] if k in n}
    f["materialized"] = c.get("materialized")
    f["enabled"] = c.get("enabled")
    f["meta"] = c.get("meta")
    if "depends_on" in n:
        f["depends_on_nodes"] = sorted(n["depends_on"].get("nodes", []))
    if "root_path" in n:
        f["root_path"] = n["root_path"][len(root) + 1:] if n["root_path"] != root else ""
    return f
for uid, n in m["nodes"].items():
    out[uid] = fields(n)
for uid, ns in m["disabled"].items():
    out[uid] = fields(ns[0])
for uid, s in m["sources"].items():
    out[uid] = {k: s.get(k) for k in ["package_name", "path", "original_file_path", "fqn", "schema", "identifier",
                                      "source_description"]}
print(json.dumps(out, indent=1, sort_keys=True))
PY
"$DBT" --version | head -2 | tr -d '\n' > "$OUT/DBT_VERSION" || true
rm -rf "$WORK"
echo "wrote $OUT ($(find "$OUT/expected_compiled" -name '*.sql' | wc -l) compiled files, $(grep -c '": {' "$OUT/expected_nodes.json") nodes)"
