#!/bin/bash
# Recreates the fixture packages + bare git repos deterministically (fixed author/dates => fixed SHAs).
# Usage: BASE=/tmp/depsvec ./make_fixtures.sh    (default BASE=/tmp/depsvec; existing src/ git/ are replaced)
set -e
BASE=${BASE:-/tmp/depsvec}
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
export GIT_AUTHOR_DATE="2024-01-01T00:00:00Z" GIT_COMMITTER_DATE="2024-01-01T00:00:00Z"
cd "$BASE"; rm -rf src git; mkdir -p src git
mkproj() { # dir name
  mkdir -p "$1/macros"
  printf "name: '%s'\nversion: '1.0.0'\nconfig-version: 2\nmacro-paths: [\"macros\"]\n" "$2" > "$1/dbt_project.yml"
  printf "{%% macro %s_hello() %%}'hello from %s'{%% endmacro %%}\n" "$2" "$2" > "$1/macros/$2_hello.sql"
}
mkproj src/pkg_a_src pkg_a                      # local package
mkproj src/pkg_c_src pkg_c                      # local package reached transitively from pkg_b
mkproj src/pkg_b_src pkg_b                      # git package, tag v1.0 on c1, main at c2
printf "packages:\n  - local: ../src/pkg_c_src\n" > src/pkg_b_src/packages.yml
(cd src/pkg_b_src && git init -q -b main && git add -A && git commit -qm c1 && git tag v1.0 \
  && echo "{% macro pkg_b_v2() %}2{% endmacro %}" > macros/v2.sql && git add -A && git commit -qm c2)
mkproj src/pkg_e_src pkg_e                      # git package pinned by full sha of e1
(cd src/pkg_e_src && git init -q -b main && git add -A && git commit -qm e1 \
  && echo "{% macro pkg_e_v2() %}2{% endmacro %}" > macros/v2.sql && git add -A && git commit -qm e2)
mkdir -p src/mono_src && echo "# mono" > src/mono_src/README.md
mkproj src/mono_src/dbt/pkg_d_src pkg_d         # git monorepo, package in subdirectory dbt/pkg_d_src
(cd src/mono_src && git init -q -b main && git add -A && git commit -qm m1 && git tag v0.1)
mkdir -p src/pkg_g_src/macros src/pkg_g_src/inner/macros   # git pkg whose packages.yml has `local: inner`
printf "name: 'pkg_g'\nversion: '1.0.0'\nconfig-version: 2\n" > src/pkg_g_src/dbt_project.yml
printf "name: 'pkg_h'\nversion: '1.0.0'\nconfig-version: 2\n" > src/pkg_g_src/inner/dbt_project.yml
printf "packages:\n  - local: inner\n" > src/pkg_g_src/packages.yml
(cd src/pkg_g_src && git init -q -b main && git add -A && git commit -qm g1 && git tag v1.0)
mkdir -p src/rootdup_src/macros && printf "name: 'root_proj'\nversion: '1.0.0'\nconfig-version: 2\n" > src/rootdup_src/dbt_project.yml
for r in pkg_b pkg_e mono pkg_g; do git clone -q --bare src/${r}_src git/$r.git; done
git clone -q --bare src/pkg_b_src git/pkg_b_moving.git   # used by the "tag moved" experiment
mkdir -p cases && ln -sfn ../src cases/src
for r in pkg_b pkg_e mono pkg_g; do echo "$r: $(git -C git/$r.git rev-parse main) main; tags: $(git -C git/$r.git tag | tr '\n' ' ')"; done
