# Independent re-implementation of dbt 1.11 package-lock sha1_hash (no dbt import), for packages.yml
# WITHOUT Jinja (rendered == unrendered). Usage: python recipe_hash.py <project_dir>
import sys, os, json, yaml
from hashlib import sha1
root = sys.argv[1]
def load(p):
    p = os.path.join(root, p)
    return (yaml.safe_load(open(p)) or {}) if os.path.exists(p) else {}
pk, dep = load("packages.yml"), load("dependencies.yml")
entries = dep["packages"] if "packages" in dep else pk.get("packages", [])
def spec(e):
    raw = dict(e)
    if "local" in e:
        d = {"local": e["local"], "name": e.get("name"), "unrendered": raw}
    elif "tarball" in e:
        d = {"tarball": e["tarball"], "name": e["name"], "unrendered": raw}
    elif "git" in e:
        d = {"git": e["git"], "revision": e.get("revision"), "warn-unpinned": e.get("warn-unpinned"),
             "subdirectory": e.get("subdirectory"), "unrendered": raw, "name": e.get("name")}
    elif "package" in e:
        d = {"package": e["package"], "version": e["version"], "install_prerelease": e.get("install_prerelease", False),
             "unrendered": raw, "name": e.get("name")}
    else:
        raise SystemExit("unsupported entry %r" % e)
    if d.get("name", 0) is None: del d["name"]          # Package.__post_serialize__: drop name only when None
    return json.dumps(d, sort_keys=True)                 # default separators (', ', ': '), ensure_ascii=True
lines = sorted(spec(e) for e in entries)                # Python str order == byte order (all ASCII)
print(sha1("\n".join(lines).encode("utf-8")).hexdigest())
