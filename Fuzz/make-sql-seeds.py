#!/usr/bin/env python3
"""Builds Fuzz/seeds-sql/, the seed corpus of the FuzzSQL target: the distinct "sql" fields of
Tests/FlowcLineageTests/Fixtures/lineage_vectors.json, plus one or two compiled files of each
kind of model and test from a generated benchmark project (at most 300 files in all).

usage: python3 Fuzz/make-sql-seeds.py [COMPILED_DIR]

COMPILED_DIR is a project's target/compiled; without it the script generates a 200-model
project with /work/shared/bench/gen_project.py (or $GEN_PROJECT) in a temporary directory and
compiles it with .build/debug/flowc (or $FLOWC).
"""
import hashlib, json, os, re, shutil, subprocess, sys, tempfile

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
OUT = os.path.join(FUZZ, "seeds-sql")
LIMIT = 300
PER_KIND = 2


def compiled_dir(tmp):
    gen = os.environ.get("GEN_PROJECT", "/work/shared/bench/gen_project.py")
    flowc = os.environ.get("FLOWC", os.path.join(ROOT, ".build", "debug", "flowc"))
    project = os.path.join(tmp, "project")
    subprocess.run([sys.executable, gen, "200", "--out", project], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([flowc, "compile", "--target", "sqlite", "-q"], cwd=project, check=True)
    return os.path.join(project, "target", "compiled")


def main():
    seeds = {}  # name -> text
    with open(os.path.join(ROOT, "Tests", "FlowcLineageTests", "Fixtures", "lineage_vectors.json")) as f:
        cases = json.load(f)["cases"]
    seen = set()
    for case in cases:
        if case["sql"] in seen:
            continue
        seen.add(case["sql"])
        seeds["vec_" + re.sub(r"[^A-Za-z0-9_]", "_", case["name"]) + ".sql"] = case["sql"]

    with tempfile.TemporaryDirectory() as tmp:
        root = sys.argv[1] if len(sys.argv) > 1 else compiled_dir(tmp)
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".sql"))
        per_kind = {}
        for path in files:
            # int_orders_filtered_0049.sql -> int_orders_filtered; tests by their first word.
            name = os.path.basename(path)
            is_test = os.path.basename(os.path.dirname(path)).endswith(".yml") or "/tests" in path
            kind = name.split("_")[0] if is_test else re.sub(r"_\d+\.sql$", "", name)
            if per_kind.get(kind, 0) >= PER_KIND:
                continue
            per_kind[kind] = per_kind.get(kind, 0) + 1
            with open(path) as f:
                seeds["model_" + name] = f.read()

    # The vectors first (small, varied), then compiled files up to the limit.
    names = sorted(seeds, key=lambda n: (not n.startswith("vec_"), n))[:LIMIT]
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    for name in names:
        with open(os.path.join(OUT, name), "w") as f:
            f.write(seeds[name])
    print(f"{len(names)} seeds in {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
