#!/usr/bin/env python3
"""The Python jinja2 half of `flowc-bench template`.

Runs the same workload as the Swift benchmark on a corpus written by
`flowc-bench template --write-corpus DIR` (DIR/macros/*.sql, DIR/models/*.sql),
with jinja2 configured the way dbt configures it:

    jinja2.sandbox.SandboxedEnvironment(
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])

Measures
  parse:        every file compiled (env.from_string) --repeat times; MB/s
  parse+render: compile every file once, turn the macro files into modules sharing
                one namespace (so macros can call macros of other files, as in dbt),
                render every model; best of --repeat runs
Writes each model's rendered text (first run) to DIR/out/<model>.sql for the
Swift side to compare, and prints one JSON object with the timings to stdout.

Usage: python3 scripts/bench_jinja2.py DIR [--repeat K]
"""
import argparse
import json
import os
import sys
import time

import jinja2
import jinja2.runtime
import jinja2.sandbox


# The host functions the models call; the Swift side defines the same (HostFunctions.swift).
def config(*args, **kwargs):
    return ""


def ref(*args):
    return '"analytics"."%s"' % args[-1]


def source(source_name, table_name):
    return '"raw_%s"."%s"' % (source_name, table_name)


def is_incremental():
    return False


def var(name, default=None):
    return default


def host_globals():
    return {
        "config": config,
        "ref": ref,
        "source": source,
        "is_incremental": is_incremental,
        "var": var,
        "target": {"name": "dev", "schema": "analytics", "type": "postgres", "threads": 4},
    }


def this_for(model_name):
    return '"analytics"."%s"' % model_name


def make_env():
    return jinja2.sandbox.SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])


def read_dir(path):
    files = []
    for name in sorted(os.listdir(path)):
        if name.endswith(".sql"):
            with open(os.path.join(path, name), encoding="utf-8", newline="") as f:
                files.append((name, f.read()))
    return files


def render_all(packages, models, keep):
    """One parse+render run. Returns {model: text} when keep, else {} and a list of errors."""
    env = make_env()
    namespace = dict(env.globals)
    namespace.update(host_globals())
    for _, src in packages:
        # shared=True makes `namespace` the module's live parent scope, so a macro finds
        # macros of files loaded after its own (dbt puts all macros in one namespace).
        module = env.from_string(src).make_module(vars=namespace, shared=True)
        for key, value in vars(module).items():
            if isinstance(value, jinja2.runtime.Macro):
                namespace[key] = value
    macros = {k: v for k, v in namespace.items() if isinstance(v, jinja2.runtime.Macro)}
    compiled = [(name, env.from_string(src)) for name, src in models]
    outputs, errors = {}, []
    for name, template in compiled:
        stem = name[:-4]
        context = host_globals()
        context.update(macros)
        context["this"] = this_for(stem)
        try:
            text = template.render(context)
        except Exception as exc:  # report and go on, as the Swift side does
            errors.append("%s: %s: %s" % (name, type(exc).__name__, exc))
            continue
        if keep:
            outputs[name] = text
    return outputs, errors, len(macros)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-outputs", action="store_true", help="do not write DIR/out/")
    args = parser.parse_args()
    repeat = max(1, args.repeat)

    packages = read_dir(os.path.join(args.dir, "macros"))
    models = read_dir(os.path.join(args.dir, "models"))
    files = packages + models
    total_bytes = sum(len(src.encode("utf-8")) for _, src in files)

    env = make_env()
    start = time.perf_counter()
    for _ in range(repeat):
        for _, src in files:
            env.from_string(src)
    parse_seconds = time.perf_counter() - start

    runs = []
    outputs, errors, macro_count = {}, [], 0
    for i in range(repeat):
        start = time.perf_counter()
        out, errs, macro_count = render_all(packages, models, keep=(i == 0))
        runs.append(time.perf_counter() - start)
        if i == 0:
            outputs, errors = out, errs

    if not args.no_outputs:
        out_dir = os.path.join(args.dir, "out")
        os.makedirs(out_dir, exist_ok=True)
        for name, text in outputs.items():
            with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)

    json.dump({
        "jinja2_version": jinja2.__version__,
        "python_version": sys.version.split()[0],
        "files": len(files),
        "bytes": total_bytes,
        "macros": macro_count,
        "repeat": repeat,
        "parse_seconds": parse_seconds,
        "parse_mb_per_s": total_bytes * repeat / parse_seconds / 1e6,
        "render_seconds": min(runs),
        "render_runs": runs,
        "rendered": len(outputs),
        "errors": len(errors),
        "first_errors": errors[:3],
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
