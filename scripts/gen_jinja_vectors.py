#!/usr/bin/env python3
"""Generate Jinja2 conformance vectors for flowc's template engine.

What this is for
----------------
flowc reimplements (in Swift) the Jinja2 dialect that dbt uses.  This script
renders a corpus of small templates with the *real* Python jinja2, configured
exactly as dbt configures it:

    jinja2.sandbox.SandboxedEnvironment(
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])

with every other option at its default (no trim_blocks, no lstrip_blocks,
keep_trailing_newline=False, jinja2.Undefined, autoescape off), and records
for every case either the rendered output or the raised error.  The result is
written to Tests/FlowcTemplateTests/Fixtures/jinja_vectors.json, which the
Swift test-suite replays against flowc's engine.

How to run (from the repository root)
-------------------------------------
    python3 -m venv /tmp/jv && /tmp/jv/bin/pip install jinja2==3.1.6 \
        && /tmp/jv/bin/python scripts/gen_jinja_vectors.py

Generated with jinja2 3.1.6 (MarkupSafe 3.x) on CPython 3.11.  Python's own
TypeError/ValueError messages can differ slightly between CPython versions;
regenerate with the same versions to get a byte-identical fixture.

Fixture format
--------------
    {"generator": "scripts/gen_jinja_vectors.py", "jinja2_version": "3.1.6",
     "cases": [
       {"id": "section-NNN", "template": "...", "context": {...}, "output": "..."},
       {"id": "section-NNN", "template": "...", "context": {...},
        "error": {"type": "TemplateSyntaxError", "message": "...", "line": 3}}
     ]}

`error.type` is the Python exception class name, `error.message` is the
jinja2 message (``exc.message`` for jinja2 errors, ``str(exc)`` otherwise) and
`error.line` is the exception's ``lineno`` attribute (syntax errors) or null.

Rules for the corpus: every case must be deterministic (no random, lipsum,
object reprs containing addresses, set iteration, clocks) and contexts must
be plain JSON; floats in contexts must be non-integral (2.5, never 2.0)
because the Swift side cannot distinguish 2.0 from 2 in JSON.
"""

import copy
import json
import os
import re
import sys

import jinja2
import jinja2.sandbox

EXPECTED_JINJA2_VERSION = "3.1.6"
OUT_PATH = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "Tests", "FlowcTemplateTests", "Fixtures", "jinja_vectors.json",
)


def make_env():
    return jinja2.sandbox.SandboxedEnvironment(
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"]
    )


# ---------------------------------------------------------------------------
# Shared contexts
# ---------------------------------------------------------------------------

USERS = [
    {"name": "alice", "age": 30, "city": "Paris", "active": True},
    {"name": "Bob", "age": 25, "city": "berlin", "active": False},
    {"name": "carol", "age": 35, "city": "Paris", "active": True},
    {"name": "dave", "age": 25, "city": None, "active": False},
]
NESTED = {
    "a": {"b": {"c": 42}},
    "items": 7,
    "l": [10, 20, 30],
    "s": "hello",
    "empty": {},
    "_private": "secret",
    "0": "zero-str",
}
TREE = [
    {"name": "root", "children": [
        {"name": "a", "children": [{"name": "a1", "children": []}]},
        {"name": "b", "children": []},
    ]},
    {"name": "top2", "children": []},
]
ROWS = [
    {"a": 2, "b": "x", "c": {"d": "p"}},
    {"a": 1, "b": "y", "c": {"d": "q"}},
    {"a": 2, "b": "a", "c": {"d": "p"}},
    {"a": 1, "b": "B", "c": {"d": "q"}},
]

# Each section: (name, [entry, ...]); an entry is a template string, or a
# (template, context) tuple.
SECTIONS = []


def section(name, entries):
    SECTIONS.append((name, entries))


# ---------------------------------------------------------------------------
# data / whitespace
# ---------------------------------------------------------------------------
section("data", [
    "",
    "hello",
    "hello\n",
    "hello\n\n",
    "\n",
    "\n\n",
    "\r\n",
    "a\r\nb",
    "a\r\nb\r\n",
    "a\rb\r",
    "héllo ☃ 日本",
    "line1\nline2\n  indented\n",
    "{{ 1 }}",
    "{{ 1 }}{{ 2 }}",
    "a {{ 'b' }} c",
    "{{1}}",
    "{{   'x'   }}",
    "a{# comment #}b",
    "a {# comment #} b",
    "a {#- comment -#} b",
    "a\n  {#- comment #}\nb",
    "{# multi\nline\ncomment #}x",
    "{# {{ x }} {% if %} #}ok",
    "{#- c #}  x",
    "a  {%- if true %}x{% endif %}",
    "a  {% if true -%}  \n  x{% endif %}",
    "{% if true -%}  \n  x  {%- endif %}|",
    "  {{- 'x' -}}  ",
    "a \n {{- 'x' }} \n b",
    "a {{ 'x' -}} \n\n b",
    "a {{- ' b ' -}} c",
    "a\n{% if true %}\nb\n{% endif %}\nc",
    "a\n{% if true %}b{% endif %}\nc\n",
    "a\n  {%+ if true %}b{% endif %}\nc",
    "a\n  {% if true +%}\nb{% endif %}\nc",
    "a\n{%- if true -%}\nb\n{%- endif -%}\nc",
    "{%- if true -%}\n  a  \n{%- endif -%}",
    "{% for i in [1, 2] %}\n{{ i }}\n{% endfor %}\n",
    "{%- for i in [1, 2, 3] -%}\n  {{ i }}\n{%- endfor %}",
    "{% for i in [1, 2, 3] -%}\n  {{ i }},\n{% endfor %}",
    "{%- set x = 1 -%}\n\n{{ x }}",
    "{% set x = 1 %}\n{{ x }}\n",
    "\t{%- if true %}x{% endif %}",
    "  \n  {%- if true %}x{% endif %}",
    "{{ 5 -}}   {{ 6 }}",
    "a {{-1}} b",
    "{{ 'a' }}\n",
    "{{ 'a' }}\n\n",
    "{% if true %}x{% endif %}\r\n",
    "{% raw %}{{ x }}{% endraw %}",
    "{% raw %}{% if %}{# c #}{% endraw %}",
    "{%raw%}{%endraw%}",
    "{%- raw -%}  {{ x }}  {%- endraw -%}",
    " a {% raw -%}  {{ b }}  {%- endraw %} c",
    "a  {%- raw %} b {% endraw -%}  c",
    "{% raw %}\n{{ x }}\n{% endraw %}\n",
    "{{ '}}' }}",
    "{{ \"{{\" }}",
    "{{ '{%' }}{{ '%}' }}",
    "{{ '{#' }}",
    "{{ \"}}\" ~ '{{' }}",
    "x {% if true %}{% endif %} y",
    "{% if true %}{% endif %}",
    "{%- if true -%}{%- endif -%}",
    "{% if false %}hidden{% endif %}\n",
    "  {% if true %}  x  {% endif %}  ",
])

# ---------------------------------------------------------------------------
# literals
# ---------------------------------------------------------------------------
section("literals", [
    "{{ 'a' }}",
    '{{ "a" }}',
    "{{ '' }}",
    r"{{ 'it\'s' }}",
    r'{{ "say \"hi\"" }}',
    "{{ \"it's\" }}",
    "{{ 'say \"hi\"' }}",
    r"{{ 'a\nb' }}",
    r"{{ 'a\tb' }}",
    r"{{ 'a\\b' }}",
    r"{{ '\u00e9' }}",
    r"{{ '\x41' }}",
    r"{{ '\101' }}",
    r"{{ 'a\qb' }}",
    r"{{ 'tab:\t|' | length }}",
    "{{ 'real\nnewline' }}",
    "{{ 'a' 'b' }}",
    "{{ 'a' \"b\" 'c' }}",
    "{{ 'é☃' }}",
    "{{ 42 }}",
    "{{ -42 }}",
    "{{ 0 }}",
    "{{ 1_000 }}",
    "{{ 1_000_000 + 1 }}",
    "{{ 0x1f }}",
    "{{ 0o17 }}",
    "{{ 0b101 }}",
    "{{ 007 }}",
    "{{ 00 }}",
    "{{ 1.5 }}",
    "{{ 1e3 }}",
    "{{ 1E3 }}",
    "{{ 1.5e3 }}",
    "{{ 2.5e-10 }}",
    "{{ .5 }}",
    "{{ 1. }}",
    "{{ 1.0 }}",
    "{{ 3.0 }}",
    "{{ -0.0 }}",
    "{{ 1_000.5 }}",
    "{{ 1e16 }}",
    "{{ 1e15 }}",
    "{{ 1e22 }}",
    "{{ 1e100 }}",
    "{{ 1e-5 }}",
    "{{ 1e-4 }}",
    "{{ 0.0001234 }}",
    "{{ 123456789.123 }}",
    "{{ 0.1 + 0.2 }}",
    "{{ 1 / 3 }}",
    "{{ 2 / 3 }}",
    "{{ 10 / 4 }}",
    "{{ 2 ** 0.5 }}",
    "{{ 1e308 * 10 }}",
    "{{ -1e308 * 10 }}",
    "{{ (1e308 * 10) - (1e308 * 10) }}",
    "{{ True }}|{{ true }}|{{ False }}|{{ false }}",
    "{{ None }}|{{ none }}",
    "{{ TRUE }}|{{ NONE }}",
    "{{ [1, 2] }}",
    "{{ [] }}",
    "{{ [1, [2, 3]] }}",
    "{{ ['a', \"b\"] }}",
    "{{ [1, 2,] }}",
    "{{ (1,) }}",
    "{{ () }}",
    "{{ (1, 2) }}",
    "{{ ((1, 2), (3,)) }}",
    "{{ (1) }}",
    "{{ {'a': 1} }}",
    "{{ {} }}",
    "{{ {'a': 1,} }}",
    "{{ {'a': [1, {'b': 2}]} }}",
    "{{ {1: 'x', 'y': 2.5} }}",
    "{{ {'b': 1, 'a': 2} }}",
    "{{ {'a': 1, 'a': 2} }}",
    "{{ {(1, 2): 'tuple-key'} }}",
])

# ---------------------------------------------------------------------------
# printing values
# ---------------------------------------------------------------------------
section("print", [
    "{{ [1, 'a', None, True, 1.5] }}",
    "{{ {'a': 'b', 'n': none, 't': true} }}",
    "{{ [none, true, false] }}",
    r"{{ ['it\'s'] }}",
    r"{{ ['say \"hi\"'] }}",
    r"{{ ['both \' and \"'] }}",
    "{{ ['é', '☃'] }}",
    r"{{ ['a\nb', 'tab\t'] }}",
    r"{{ ['back\\slash'] }}",
    "{{ [1.0, 2.5, 1e16] }}",
    "{{ [[]] }}|{{ [{}] }}",
    "{{ 10 ** 20 }}",
    "{{ 2 ** 64 }}",
    "{{ -2 ** 63 }}",
    "{{ range(3) }}",
    "{{ range(1, 10, 2) }}",
    "{{ {'a': 1}.items() }}",
    "{{ {'a': 1}.keys() }}",
    "{{ {'a': 1}.values() }}",
    "{{ 'abc'|list }}",
    ("{{ x }}", {"x": "string with 'quote'"}),
    ("{{ x }}", {"x": [1, "two", None, True, 2.5]}),
    ("{{ x }}", {"x": {"k": "v", "n": [1, 2], "m": {"z": None}}}),
    ("{{ x }}", {"x": {"b": 1, "a": 2}}),
    ("{{ x }}", {"x": 2.5}),
    ("{{ x }}", {"x": 1234567890123456789}),
    ("{{ x }}", {"x": -7}),
    ("{{ x }}", {"x": True}),
    ("{{ x }}", {"x": False}),
    ("{{ x }}", {"x": None}),
    ("{{ x }}", {"x": []}),
    ("{{ x }}", {"x": {}}),
    ("{{ x }}", {"x": "ünïcødé ☃"}),
    ("{{ x }}", {"x": ["ünï", "\u0001"]}),
    ("{{ x }}", {"x": "<b>&amp;</b>"}),
    ("{{ x }}", {"x": 0.1}),
    ("{{ x }}", {"x": 1e-07}),
    ("{{ x }}", {"x": 1.5e-20}),
    ("{{ x }}", {"x": 123.456}),
    ("{{ x }}{{ y }}", {"x": "a"}),
    ("{{ x.y }}", {"x": {"y": [1, {"z": "w"}]}}),
    "{% macro m() %}{% endmacro %}{{ m }}",
    "{{ namespace(a=1) }}",
    "{% for x in [1, 2] %}{{ loop }} {% endfor %}",
    "{{ dict(a=1, b='c') }}",
    "{{ 'x' ~ [1, 2] }}",
    "{{ [1, 2]|string }}",
    "{{ (1, 'a')|string }}",
])

# ---------------------------------------------------------------------------
# operators
# ---------------------------------------------------------------------------
section("ops", [
    "{{ 1 + 2 }}",
    "{{ 7 - 10 }}",
    "{{ 6 * 7 }}",
    "{{ 7 / 2 }}",
    "{{ 4 / 2 }}",
    "{{ 7 // 2 }}",
    "{{ -7 // 2 }}",
    "{{ 7 // -2 }}",
    "{{ 7 % 3 }}",
    "{{ -7 % 3 }}",
    "{{ 7 % -3 }}",
    "{{ 7.5 // 2 }}",
    "{{ -7.5 % 2 }}",
    "{{ 3 // 2.0 }}",
    "{{ 2 ** 10 }}",
    "{{ 2 ** -1 }}",
    "{{ 2 ** 100 }}",
    "{{ 1 + 1.5 }}",
    "{{ 3 * 1.1 }}",
    "{{ 1 - 0.9 }}",
    "{{ 100 * 1.1 }}",
    "{{ 0.1 * 3 }}",
    "{{ -10 / 4 }}",
    "{{ 10 / 3 }}",
    "{{ 1e3 * 1 }}",
    "{{ 2 + 3 * 4 }}",
    "{{ (2 + 3) * 4 }}",
    "{{ 10 - 2 - 3 }}",
    "{{ 100 / 10 / 5 }}",
    "{{ 2 * 3 % 4 }}",
    "{{ -2 ** 2 }}",
    "{{ 2 ** 3 ** 2 }}",
    "{{ 2 ** -2 ** 2 }}",
    ("{{ -x }}|{{ +x }}|{{ - -x }}", {"x": 3}),
    "{{ -(1 + 2) }}",
    "{{ +'a' }}",
    "{{ 'ab' * 3 }}",
    "{{ 3 * 'ab' }}",
    "{{ 'ab' * 0 }}|{{ 'ab' * -1 }}",
    "{{ [1] * 3 }}",
    "{{ [1] + [2, 3] }}",
    "{{ (1,) + (2,) }}",
    "{{ 'a' + 'b' }}",
    "{{ 1 ~ 2 }}",
    "{{ 1.5 ~ '' }}",
    "{{ none ~ 'x' }}",
    "{{ true ~ false }}",
    "{{ undefined_var ~ 'a' }}",
    "{{ 'a' ~ 1 + 2 }}",
    "{{ 1 + 2 ~ 3 }}",
    "{{ 2 * 'a' ~ 'b' }}",
    "{{ 'x' ~ 2 * 3 }}",
    "{{ 1 < 2 }}|{{ 2 <= 2 }}|{{ 3 > 4 }}|{{ 4 >= 4 }}",
    "{{ 1 < 2 < 3 }}",
    "{{ 3 > 2 > 1 }}",
    "{{ 1 < 3 > 2 }}",
    "{{ 1 < 2 > 3 }}",
    "{{ 1 == 1.0 }}",
    "{{ '1' == 1 }}",
    "{{ none == none }}",
    "{{ none == 0 }}",
    "{{ [1, 2] == [1, 2] }}",
    "{{ (1, 2) == [1, 2] }}",
    "{{ {'a': 1} == {'a': 1} }}",
    "{{ 'a' < 'b' }}|{{ 'abc' < 'abd' }}|{{ 'B' < 'a' }}",
    "{{ [1, 2] < [1, 3] }}",
    "{{ 1 != 2 }}|{{ 1 != 1 }}",
    "{{ true == 1 }}|{{ false == 0 }}|{{ true + 1 }}",
    "{{ 'b' in 'abc' }}|{{ 'x' not in 'abc' }}|{{ '' in 'abc' }}",
    "{{ 1 in [1, 2] }}|{{ 3 not in [1, 2] }}",
    "{{ 'a' in {'a': 1} }}|{{ 1 in {'a': 1} }}",
    "{{ 'ab' in ['abc'] }}",
    "{{ not 1 in [1] }}",
    "{{ not 1 == 2 }}",
    "{{ 0 or 'x' }}",
    "{{ '' and 1 }}|",
    "{{ [] or none }}",
    "{{ 1 and 2 }}",
    "{{ 0 and 2 }}",
    "{{ none or false }}",
    "{{ 'a' or 'b' }}",
    "{{ 1 and 0 or 3 }}",
    "{{ not '' }}|{{ not [] }}|{{ not 0.0 }}|{{ not {} }}|{{ not 'a' }}",
    "{{ not not 1 }}",
    "{{ false and undefined_thing.attr }}",
    "{{ true or undefined_thing.attr }}",
    "{{ none or undefined_thing }}|",
    "{{ 1 if true else 2 }}",
    "{{ 'a' if 0 else 'b' }}",
    "{{ 'a' if false }}|",
    "{{ ('a' if false)|default('d') }}",
    "{{ ('a' if false) ~ 'x' }}",
    "{{ 'a' if false else 'b' if true else 'c' }}",
    "{{ (1 if true else 2) + 1 }}",
    "{{ 1 + 1 if false else 5 }}",
    ("{{ 'yes' if x > 1 else 'no' }}", {"x": 3}),
    ("{{ x * 2 }}|{{ x + 1 }}|{{ x // 1 }}|{{ x % 1 }}", {"x": 2.5}),
    ("{{ x / y }}", {"x": 9, "y": 3}),
    ("{{ x == y }}", {"x": [1, 2], "y": [1, 2]}),
    "{{ 5 // 0 }}",
    "{{ 5 % 0 }}",
    "{{ 5.0 / 0 }}",
    "{{ 'a' + 1 }}",
    "{{ 1 + 'a' }}",
    "{{ 'a' - 'b' }}",
    "{{ 'a' < 1 }}",
    "{{ none < 1 }}",
    "{{ 1 in 'abc' }}",
    "{{ [1] + (2,) }}",
    "{{ {'a': 1} + {'b': 2} }}",
    "{{ none + 1 }}",
])

# ---------------------------------------------------------------------------
# attribute / item access
# ---------------------------------------------------------------------------
section("access", [
    ("{{ d.a.b.c }}", {"d": NESTED}),
    ("{{ d['a']['b']['c'] }}", {"d": NESTED}),
    ("{{ d.a['b'].c }}", {"d": NESTED}),
    ("{{ d.s }}|{{ d['s'] }}", {"d": NESTED}),
    ("{{ d.l[0] }}|{{ d.l[-1] }}|{{ d.l[1] }}", {"d": NESTED}),
    ("{{ d.l[10] }}|", {"d": NESTED}),
    ("{{ d.l.1 }}", {"d": NESTED}),
    ("{{ d.l.0 + d.l.2 }}", {"d": NESTED}),
    ("{{ d.s[1:3] }}", {"d": NESTED}),
    ("{{ d.s[::-1] }}|{{ d.s[::2] }}|{{ d.s[-1] }}|{{ d.s[-3:] }}", {"d": NESTED}),
    ("{{ d.l[1:] }}|{{ d.l[:2] }}|{{ d.l[::-1] }}|{{ d.l[1:3:1] }}", {"d": NESTED}),
    ("{{ d.l[5:] }}", {"d": NESTED}),
    ("{{ d.s[10] }}|", {"d": NESTED}),
    ("{{ d.missing }}|", {"d": NESTED}),
    ("{{ d['missing'] }}|", {"d": NESTED}),
    ("{{ d.missing is defined }}", {"d": NESTED}),
    ("{{ d.missing.deeper }}", {"d": NESTED}),
    ("{{ d.empty.x }}|", {"d": NESTED}),
    ("{{ d.get('s') }}|{{ d.get('x', 1) }}|{{ d.get('missing') }}", {"d": NESTED}),
    ("{{ d['items'] }}", {"d": NESTED}),
    ("{{ d.items is callable }}", {"d": NESTED}),
    ("{{ d.keys()|list }}", {"d": {"x": 1, "y": 2}}),
    ("{{ d.0 }}|{{ d['0'] }}", {"d": NESTED}),
    ("{{ d._private }}|{{ d['_private'] }}", {"d": NESTED}),
    "{{ (1, 2, 3)[1] }}",
    "{{ {'a': 1}['a'] }}",
    "{{ {1: 'one'}[1] }}",
    "{{ [1, 2, 3][0:2] }}",
    "{{ 'abc'[1] }}",
    "{{ 'abc'.upper() }}",
    "{{ 'abc'.upper is callable }}",
    ("{{ users[0].name }}|{{ users[1]['age'] }}", {"users": USERS}),
    ("{{ users[-1].city }}|", {"users": USERS}),
    ("{{ x[k] }}", {"x": {"a": 1, "b": 2}, "k": "b"}),
    ("{{ x[i] }}", {"x": ["p", "q"], "i": 1}),
    ("{{ x[i] }}|", {"x": ["p", "q"], "i": "1"}),
    ("{{ x[0] }}|", {"x": {"0": "zero"}}),
    ("{{ x.length }}|", {"x": [1, 2]}),
    ("{{ x.upper() }}", {"x": "hi"}),
    ("{{ x[1:] }}", {"x": "hello"}),
    ("{{ x[a:b] }}", {"x": [0, 1, 2, 3, 4], "a": 1, "b": 3}),
    ("{{ x[none:2] }}", {"x": [0, 1, 2, 3, 4]}),
    ("{{ x['a']['b'] }}", {"x": {"a": None}}),
    ("{{ x.a.b }}", {"x": {"a": None}}),
    "{{ none.attr }}",
    "{{ none['k'] }}",
    "{{ 42.attr }}|",
    "{{ (42).real }}",
    "{{ 'x'.nope }}|",
    "{{ [1, 2].nope }}|",
])

# ---------------------------------------------------------------------------
# calls (builtins, globals, argument syntax)
# ---------------------------------------------------------------------------
section("calls", [
    "{{ range(3)|list }}",
    "{{ range(1, 4)|list }}",
    "{{ range(0, 10, 3)|list }}",
    "{{ range(5, 0, -2)|list }}",
    "{{ range(0)|list }}|{{ range(-3)|list }}",
    "{{ range(3)|length }}",
    "{{ range(*[1, 3])|list }}",
    "{{ range(3, 0, 0)|list }}",
    "{{ dict(a=1) }}",
    "{{ dict(a=1, b=2) }}",
    "{{ dict() }}",
    "{{ dict(**{'x': 1}, y=2) }}",
    "{% set j = joiner(', ') %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}",
    "{% set j = joiner() %}{{ j() }}|{{ j() }}|{{ j() }}",
    "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}|{{ c.current }}",
    "{% set c = cycler(1, 2, 3) %}{{ c.next() }}{% do c.reset() %}{{ c.next() }}{{ c.current }}",
    "{% set c = cycler() %}{{ c.next() }}",
    "{{ len([1]) }}",
    "{{ zip([1], [2]) }}",
    "{{ 'a-b-c'.split('-', 1) }}",
    "{{ 'a-b-c'.split(sep='-', maxsplit=1) }}",
    "{{ 'x'.center(5, *['*']) }}",
    "{{ '{a}{b}'.format(**{'a': 1, 'b': 2}) }}",
    "{{ 'x'|center(*[5]) }}|",
    "{{ ['a', 'b']|join(**{'d': '-'}) }}",
    "{{ 'abc'.upper() ~ 'd'.upper() }}",
    "{{ x() }}",
    "{{ 'abc'() }}",
    "{{ 42() }}",
    "{{ none() }}",
    ("{{ x.f() }}", {"x": {"f": 1}}),
    "{{ 'a'.upper(1) }}",
    "{{ range() }}",
    "{{ range(200000)|length }}",
    "{{ range(100000)|length }}",
    "{{ namespace(a=1, b=2).b }}",
    "{{ namespace({'a': 5}).a }}",
])

# ---------------------------------------------------------------------------
# macros and call blocks
# ---------------------------------------------------------------------------
section("macros", [
    "{% macro m() %}hi{% endmacro %}{{ m() }}",
    "{% macro m(a, b) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1, 2) }}",
    "{% macro m(a, b) %}{{ a }}-{{ b }}{% endmacro %}{{ m(b=1, a=2) }}",
    "{% macro m(a, b) %}{{ a }}-{{ b }}|{% endmacro %}{{ m(1) }}",
    "{% macro m(a, b=5) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1) }}|{{ m(1, 2) }}|{{ m(1, b=3) }}",
    "{% macro m(a, b=a) %}{{ a }}-{{ b }}{% endmacro %}{{ m(7) }}",
    "{% macro m(a=1, b=a * 2) %}{{ a }}-{{ b }}{% endmacro %}{{ m() }}|{{ m(5) }}",
    "{% macro m(a) %}{{ varargs }}{% endmacro %}{{ m(1, 2, 3) }}",
    "{% macro m(a) %}{{ varargs }}{% endmacro %}{{ m(1) }}",
    "{% macro m() %}{{ kwargs }}{% endmacro %}{{ m(x=1, y='z') }}",
    "{% macro m(a) %}{{ a }}{{ kwargs }}{{ varargs }}{% endmacro %}{{ m(1, 2, k=3) }}",
    "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(*[1, 2]) }}",
    "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(**{'a': 1, 'b': 2}) }}",
    "{% macro m(a, b, c) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1, *[2], **{'c': 3}) }}",
    "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}",
    "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, b=2) }}",
    "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, a=2) }}",
    "{% macro m() %}x{% endmacro %}{{ m(1) }}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}",
    "{% macro m() %}[{{ caller() }}]{% endmacro %}{% call m() %}body{% endcall %}",
    "{% macro m() %}[{{ caller() }}{{ caller() }}]{% endmacro %}{% call m() %}b{% endcall %}",
    "{% macro m(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(item) m([1, 2]) %}<{{ item }}>{% endcall %}",
    "{% macro m() %}{{ caller(1) }}{% endmacro %}{% call(x, y=2) m() %}{{ x }}{{ y }}{% endcall %}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{% call(x) m() %}{{ x }}{% endcall %}",
    "{% macro m() %}{{ caller(1, 2) }}{% endmacro %}{% call(x) m() %}{{ x }}{% endcall %}",
    "{% macro m(a) %}{{ a }}:{{ caller() }}{% endmacro %}{% call m('A') %}{{ 'inner'|upper }}{% endcall %}",
    "{% macro outer() %}{% macro inner() %}in{% endmacro %}[{{ inner() }}]{% endmacro %}{{ outer() }}",
    "{% macro outer() %}{% macro inner() %}in{% endmacro %}{% endmacro %}{{ outer() }}{{ inner() }}",
    "{% macro a() %}A{% endmacro %}{% macro b() %}{{ a() }}B{% endmacro %}{{ b() }}",
    "{% macro f(n) %}{% if n <= 1 %}1{% else %}{{ n * f(n - 1)|int }}{% endif %}{% endmacro %}{{ f(5) }}",
    "{% macro r(n) %}{{ n }}{% if n > 0 %},{{ r(n - 1) }}{% endif %}{% endmacro %}{{ r(3) }}",
    "{% macro m() %}42{% endmacro %}{{ m() + 1 }}",
    "{% macro m() %}42{% endmacro %}{{ m()|int + 1 }}",
    "{% macro m() %}42{% endmacro %}{{ m() ~ 1 }}",
    "{% macro m() %}  spaced  {% endmacro %}[{{ m() }}]",
    "{% macro m() %}\nline\n{% endmacro %}[{{ m() }}]",
    "{% macro m() -%}\n  line\n{%- endmacro %}[{{ m() }}]",
    "{{ m() }}{% macro m() %}x{% endmacro %}",
    "{% set v = 'top' %}{% macro m() %}{{ v }}{% endmacro %}{{ m() }}",
    "{% macro m() %}{{ v }}{% endmacro %}{% set v = 'later' %}{{ m() }}",
    "{% macro m() %}{{ v }}|{% endmacro %}{{ m() }}{% set v = 'later' %}",
    ("{% macro m() %}{{ v }}{% endmacro %}{{ m() }}", {"v": "ctx"}),
    "{% macro m() %}{% set v = 'inner' %}{{ v }}{% endmacro %}{% set v = 'outer' %}{{ m() }}{{ v }}",
    "{% macro m(v) %}{{ v }}{% endmacro %}{% set v = 'outer' %}{{ m('arg') }}{{ v }}",
    "{% macro m() %}{{ m.name }}{% endmacro %}{{ m() }}",
    "{% macro m(a, b=1) %}{% endmacro %}{{ m.name }}|{{ m.arguments }}",
    "{% macro m(a, b=1) %}{% endmacro %}{{ m.catch_kwargs }}|{{ m.catch_varargs }}|{{ m.caller }}",
    "{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m.catch_kwargs }}|{{ m.catch_varargs }}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{{ m.caller }}",
    "{% macro m(x) %}{{ x }}{% endmacro %}{{ ['a', 'b']|map('upper')|map('string')|join }}{{ m('!') }}",
    "{% macro m(x) %}<{{ x }}>{% endmacro %}{% for i in [1, 2] %}{{ m(i) }}{% endfor %}",
    "{% macro m() %}{% for i in [1, 2] %}{{ i }}{% endfor %}{% endmacro %}{{ m() }}{{ m() }}",
    "{% macro m(a) %}{% if a %}T{% else %}F{% endif %}{% endmacro %}{{ m(0) }}{{ m([1]) }}",
    "{% macro m() %}{% set l = [] %}{% do l.append(1) %}{{ l }}{% endmacro %}{{ m() }}{{ m() }}",
    "{% set m2 = 1 %}{% macro m() %}{{ m2 }}{% endmacro %}{% set m2 = 2 %}{{ m() }}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}{% call m() %}deep{% endcall %}{% endcall %}",
    "{% macro m() %}{{ caller()|upper }}{% endmacro %}{% call m() %}abc{% endcall %}",
    "{% macro m(a) %}{{ a }}{% endmacro %}{% set f = m %}{{ f('alias') }}",
])

# ---------------------------------------------------------------------------
# filters: strings
# ---------------------------------------------------------------------------
section("filters-str", [
    "{{ 'hello world'|capitalize }}|{{ 'hELLO'|capitalize }}|{{ ''|capitalize }}",
    "{{ 'hello world'|title }}",
    "{{ \"o'neil mc-donald hello_world 3rd\"|title }}",
    "{{ 'HELLO world'|lower }}|{{ 'hello World'|upper }}",
    "{{ 'abc'|center(9) }}|",
    "{{ 'abc'|center(8) }}|",
    "{{ 'abc'|center(2) }}|",
    "{{ 'ab'|center }}|",
    "{{ 'a b a'|replace('a', 'x') }}",
    "{{ 'aaaa'|replace('a', 'b', 2) }}",
    "{{ 'abc'|replace('', '-') }}",
    "{{ 'abc'|replace('z', 'y') }}",
    "{{ 'abc'|reverse }}",
    "{{ '  pad  '|trim }}|",
    "{{ 'xxpadxx'|trim('x') }}",
    "{{ '\n\t pad \n'|trim }}|",
    "{{ 'one two  three'|wordcount }}",
    "{{ ''|wordcount }}|{{ 'a-b c_d'|wordcount }}",
    "{{ 'Hello World'|truncate(5) }}",
    "{{ 'Hello World'|truncate(8) }}",
    "{{ 'Hello big World'|truncate(9) }}",
    "{{ 'Hello World'|truncate(5, true) }}",
    "{{ 'Hello World'|truncate(5, killwords=true, end='!') }}",
    "{{ 'Hello World'|truncate(11) }}",
    "{{ 'Hello World, how are you'|truncate(9, leeway=0) }}",
    "{{ 'Hello World'|truncate(9, false, '...', 0) }}",
    "{{ 'foo bar baz qux'|truncate(9) }}",
    "{{ 'abcdefghijklmnop'|truncate(10) }}",
    "{{ 'a b c d e f g'|wordwrap(5) }}",
    "{{ 'hello wonderful world'|wordwrap(10) }}",
    "{{ 'abcdefghij'|wordwrap(4) }}",
    "{{ 'abcdefghij'|wordwrap(4, false) }}",
    "{{ 'a b c'|wordwrap(1, wrapstring='|') }}",
    "{{ 'x\ny'|indent }}",
    "{{ 'x\ny\n\nz'|indent(2) }}",
    "{{ 'x\ny\n\nz'|indent(2, blank=true) }}",
    "{{ 'x\ny'|indent(2, first=true) }}",
    "{{ 'x\ny'|indent('>> ') }}",
    "{{ 'x\ny\n'|indent(1) }}|",
    "{{ ''|indent(2, true) }}|",
    "{{ '<b>bold</b>  and <i>it</i>'|striptags }}",
    "{{ 'a &amp; b &lt;x&gt;'|striptags }}",
    "{{ '<!-- c -->text\n\n more'|striptags }}",
    "{{ 'a b&c/d?e=f'|urlencode }}",
    "{{ {'a': 1, 'b': 'x y'}|urlencode }}",
    "{{ [('k', 'v'), ('q', 'a&b')]|urlencode }}",
    "{{ 'ü'|urlencode }}",
    "{{ {'class': 'x', 'id': 'y'}|xmlattr }}|",
    "{{ {'a': none, 'b': 'q\"t', 'c': 1}|xmlattr }}|",
    "{{ {'a': 1}|xmlattr(false) }}|",
    "{{ '<a href=\"x\">&\\'</a>'|e }}",
    "{{ '<b>'|escape }}",
    "{{ '<b>'|safe }}",
    "{{ ('<b>'|safe)|e }}",
    "{{ '<b>'|e ~ '<i>' }}",
    "{{ '<b>'|e|length }}",
    "{{ 'x'|e|upper }}",
    "{{ none|e }}|{{ 1|e }}",
    "{{ '%s-%s'|format(1, 2) }}",
    "{{ '%(a)s!'|format(a='x') }}",
    "{{ '%d items'|format(3) }}",
    "{{ '%s'|format }}",
    "{{ '%s %s'|format(1) }}",
    "{{ 1|string ~ 2|string }}",
    "{{ none|string }}|{{ true|string }}",
    "{{ 'Hello'|length }}|{{ 'Hello'|count }}",
    "{{ 'abc'|first }}|{{ 'abc'|last }}",
    "{{ ''|first }}|",
    "{{ 'ab cd'|list }}",
    "{{ '  Mixed Case  '|trim|lower|replace(' ', '_') }}",
    "{{ 'abc'|upper|reverse|lower }}",
])

# ---------------------------------------------------------------------------
# filters: numbers
# ---------------------------------------------------------------------------
section("filters-num", [
    "{{ -3|abs }}",
    "{{ (-3)|abs }}|{{ (-2.5)|abs }}|{{ 0|abs }}",
    "{{ x|abs }}",
    "{{ 'a'|abs }}",
    "{{ '42'|int }}|{{ '4.2'|int }}|{{ 'abc'|int }}|{{ ''|int }}",
    "{{ 'abc'|int(7) }}|{{ none|int }}|{{ 3.9|int }}|{{ -3.9|int }}",
    "{{ '0x1A'|int(base=16) }}|{{ '1A'|int(0, 16) }}|{{ '0b101'|int(0, 2) }}|{{ '101'|int(base=2) }}",
    "{{ ' 12 '|int }}|{{ '1_000'|int }}|{{ true|int }}",
    "{{ '1e3'|int }}",
    "{{ x|int }}",
    "{{ '3.5'|float }}|{{ 'abc'|float }}|{{ 'abc'|float(1.5) }}|{{ 3|float }}",
    "{{ '1e3'|float }}|{{ 'inf'|float }}|{{ none|float }}|{{ ' 2.5 '|float }}",
    "{{ x|float }}",
    "{{ 2.5|round }}|{{ 3.5|round }}|{{ 2.675|round(2) }}",
    "{{ 42|round }}|{{ 42.55|round(1) }}",
    "{{ 2.1|round(method='ceil') }}|{{ 2.9|round(method='floor') }}|{{ -2.5|round(method='ceil') }}",
    "{{ 1234.5678|round(-2) }}|{{ 1234.5678|round(2, 'floor') }}|{{ 1.2345|round(3, 'ceil') }}",
    "{{ 2.5|round(method='bogus') }}",
    "{{ 2.5|round|int }}",
    "{{ 'x'|round }}",
    "{{ 100|filesizeformat }}|{{ 1000|filesizeformat }}|{{ 1500|filesizeformat }}",
    "{{ 1|filesizeformat }}|{{ 0|filesizeformat }}|{{ 1000000|filesizeformat }}|{{ (2 ** 40)|filesizeformat }}",
    "{{ 2 ** 40|filesizeformat }}",
    "{{ 1024|filesizeformat(true) }}|{{ 1536|filesizeformat(binary=true) }}|{{ 1023|filesizeformat(true) }}",
    "{{ '2048'|filesizeformat }}",
    "{{ 1e30|filesizeformat }}",
    "{{ [1, 2, 3]|sum }}|{{ []|sum }}|{{ [1.5, 2]|sum }}",
    "{{ [1, 2]|sum(start=10) }}",
    ("{{ users|sum(attribute='age') }}", {"users": USERS}),
    ("{{ rows|sum('a', 100) }}", {"rows": ROWS}),
    "{{ ['a', 'b']|sum }}",
    "{{ [3, 1, 2]|max }}|{{ [3, 1, 2]|min }}|{{ []|max }}|",
    "{{ ['b', 'A', 'c']|max }}|{{ ['b', 'A', 'c']|min }}|{{ ['b', 'A', 'c']|max(case_sensitive=true) }}|{{ ['b', 'A', 'c']|min(true) }}",
    ("{{ users|max(attribute='age') }}", {"users": USERS}),
    ("{{ (users|min(attribute='age')).name }}|{{ (users|max(attribute='name')).name }}", {"users": USERS}),
    "{{ 'hello'|max }}",
    "{{ [1, 'a']|max }}",
])

# ---------------------------------------------------------------------------
# filters: sequences
# ---------------------------------------------------------------------------
section("filters-seq", [
    "{{ [1, 2, 3]|first }}|{{ [1, 2, 3]|last }}",
    "{{ []|first }}|{{ []|last }}|",
    "{{ range(3)|last }}",
    "{{ {'a': 1, 'b': 2}|first }}",
    "{{ [1, 2, 3]|length }}|{{ {'a': 1}|length }}|{{ []|count }}",
    "{{ [1, 2]|join }}|{{ [1, 2]|join(', ') }}|{{ []|join('-') }}",
    ("{{ users|join(', ', attribute='name') }}", {"users": USERS}),
    ("{{ users|join(attribute='city') }}", {"users": USERS}),
    "{{ ['a', none, 1.5, true]|join('|') }}",
    "{{ 'abc'|join('.') }}",
    "{{ [[1, 2], [3]]|join(',') }}",
    "{{ [1, 2, 3]|reverse|list }}",
    "{{ (1, 2)|reverse|list }}",
    "{{ [3, 1, 2]|sort }}|{{ [3, 1, 2]|sort(reverse=true) }}",
    "{{ ['b', 'A', 'c', 'a']|sort }}|{{ ['b', 'A', 'c', 'a']|sort(case_sensitive=true) }}",
    ("{{ users|sort(attribute='age')|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|sort(attribute='age', reverse=true)|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ rows|sort(attribute='a,b')|map(attribute='b')|join(',') }}", {"rows": ROWS}),
    ("{{ rows|sort(attribute='a, b', case_sensitive=true)|map(attribute='b')|join(',') }}", {"rows": ROWS}),
    ("{{ rows|sort(attribute='c.d')|map(attribute='b')|join(',') }}", {"rows": ROWS}),
    "{{ [1, 'a']|sort }}",
    "{{ [2, 1.5, 3]|sort }}",
    "{{ [[2, 'b'], [1, 'z'], [2, 'a']]|sort }}",
    "{{ 'cba'|sort|join }}",
    "{{ [1, 2, 2, 1, 3]|unique|list }}",
    "{{ ['a', 'A', 'b', 'a']|unique|list }}|{{ ['a', 'A', 'b']|unique(case_sensitive=true)|list }}",
    ("{{ users|unique(attribute='age')|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|unique(attribute='city')|map(attribute='name')|join(',') }}", {"users": USERS}),
    "{{ [1, 2, 3, 4, 5]|batch(2)|list }}",
    "{{ [1, 2, 3, 4, 5]|batch(2, 'x')|list }}",
    "{{ [1, 2, 3, 4]|batch(2, 0)|list }}",
    "{{ []|batch(3)|list }}",
    "{{ [1, 2, 3, 4, 5]|slice(2)|list }}",
    "{{ [1, 2, 3, 4, 5]|slice(3)|list }}",
    "{{ [1, 2, 3, 4, 5]|slice(3, 'x')|list }}",
    "{{ [1, 2]|slice(4)|list }}",
    "{{ [1, 2, 3]|list }}|{{ (1, 2)|list }}|{{ {'a': 1, 'b': 2}|list }}",
    "{{ none|list }}",
    "{{ 5|list }}",
    "{{ ['1', '2']|map('int')|list }}|{{ ['1', '2']|map('int')|sum }}",
    "{{ ['a', 'b']|map('upper')|list }}",
    "{{ ['a', 'b']|map('replace', 'a', 'z')|list }}",
    "{{ [1.234, 5.678]|map('round', 1)|list }}",
    "{{ ['x', 'y']|map('center', width=3)|list }}",
    ("{{ users|map(attribute='name')|list }}", {"users": USERS}),
    ("{{ users|map(attribute='city')|list }}", {"users": USERS}),
    ("{{ users|map(attribute='zip', default='n/a')|list }}", {"users": USERS}),
    ("{{ rows|map(attribute='c.d')|list }}", {"rows": ROWS}),
    "{{ [[1, 2], [3, 4]]|map(attribute=1)|list }}",
    "{{ [[1, 2], [3, 4]]|map(attribute='0')|list }}",
    "{{ [1, 2]|map('nosuchfilter')|list }}",
    "{{ [1, 2]|map|list }}",
    "{{ [1, 2, 3, 4]|select('odd')|list }}|{{ [1, 2, 3, 4]|reject('odd')|list }}",
    "{{ [0, 1, '', 'a', none, [], [0]]|select|list }}",
    "{{ [0, 1, '', 'a', none]|reject|list }}",
    "{{ [1, 2, 3, 4, 5]|select('>', 2)|list }}|{{ [1, 2, 3]|select('lessthan', 3)|list }}",
    "{{ [1, 2, 3, 6]|select('divisibleby', 3)|list }}",
    "{{ [1, 'a', none, 2.5]|select('number')|list }}|{{ [1, 'a', none]|reject('none')|list }}",
    "{{ ['a', 'B', 'c']|select('upper')|list }}",
    "{{ [1, 2, 3]|select('in', [2, 3, 4])|list }}",
    "{{ [1, 2, 3]|select('==', 2)|list }}|{{ [1, 2, 3]|select('ne', 2)|list }}",
    "{{ [1, 2]|select('nosuchtest')|list }}",
    ("{{ users|selectattr('active')|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|rejectattr('active')|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|selectattr('age', 'equalto', 25)|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|selectattr('age', '>', 28)|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|rejectattr('city', 'none')|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|selectattr('city', 'defined')|list|length }}", {"users": USERS}),
    ("{{ users|selectattr('zip', 'defined')|list|length }}", {"users": USERS}),
    ("{{ users|selectattr('zip')|list|length }}", {"users": USERS}),
    ("{{ users|selectattr('city', 'in', ['Paris'])|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|selectattr('name', 'lower')|map(attribute='name')|join(',') }}", {"users": USERS}),
    ("{{ users|groupby('city')|map(attribute='grouper')|list }}", {"users": [u for u in USERS if u["city"]]}),
    ("{% for g in users|groupby('age') %}{{ g.grouper }}:{{ g.list|map(attribute='name')|join(',') }};{% endfor %}", {"users": USERS}),
    ("{% for key, items in users|groupby('age') %}{{ key }}={{ items|length }};{% endfor %}", {"users": USERS}),
    ("{{ rows|groupby('a') }}", {"rows": ROWS}),
    ("{% for g in rows|groupby('c.d') %}{{ g.grouper }}:{{ g.list|map(attribute='b')|join }};{% endfor %}", {"rows": ROWS}),
    ("{% for g in users|groupby('zip', default='none') %}{{ g.grouper }}:{{ g.list|length }};{% endfor %}", {"users": USERS}),
    ("{% for g in [{'k': 'a'}, {'k': 'A'}, {'k': 'b'}]|groupby('k') %}{{ g.grouper }}{{ g.list|length }};{% endfor %}", {}),
    ("{% for g in [{'k': 'a'}, {'k': 'A'}, {'k': 'b'}]|groupby('k', case_sensitive=true) %}{{ g.grouper }}{{ g.list|length }};{% endfor %}", {}),
    ("{% for g in users|groupby('city') %}{{ g.grouper }};{% endfor %}", {"users": USERS}),
    "{{ [[1, 'x'], [0, 'y'], [1, 'z']]|groupby(0)|list }}",
    "{{ {'b': 1, 'a': 2, 'C': 0}|dictsort }}",
    "{{ {'b': 1, 'a': 2, 'C': 0}|dictsort(true) }}",
    "{{ {'b': 1, 'a': 2, 'C': 0}|dictsort(by='value') }}",
    "{{ {'b': 1, 'a': 2, 'C': 0}|dictsort(reverse=true) }}",
    "{{ {'b': 1, 'a': 2}|dictsort(false, 'bogus') }}",
    "{% for k, v in {'b': 1, 'a': 2}|dictsort %}{{ k }}={{ v }};{% endfor %}",
    "{{ {'a': 1, 'b': 2}|items|list }}",
    "{{ none|items|list }}|",
    "{{ [1]|items|list }}",
    "{{ {'a': 1}|attr('a') }}|{{ 'abc'|attr('upper') is callable }}",
    ("{{ d|attr('x') }}|{{ d|attr('_private') }}|{{ d|attr('__class__') }}|", {"d": {"x": 1, "_private": 2}}),
])

# ---------------------------------------------------------------------------
# filters: misc (default, tojson, pprint, chaining, unknown)
# ---------------------------------------------------------------------------
section("filters-misc", [
    "{{ missing|default('x') }}",
    "{{ missing|d('x') }}",
    "{{ none|default('x') }}|{{ ''|default('x') }}|{{ 0|default('x') }}|{{ false|default('x') }}",
    "{{ none|default('x', true) }}|{{ ''|default('x', true) }}|{{ 0|default('x', boolean=true) }}|{{ []|d('x', true) }}",
    "{{ missing|default }}|",
    "{{ missing|default(none) }}",
    "{{ 'v'|default('x') }}",
    ("{{ d.missing|default('fallback') }}", {"d": {}}),
    "{{ missing.attr|default('x') }}",
    ("{{ v|default('x') }}", {"v": None}),
    "{{ {'b': 1, 'a': [1, 'x', none, true, 2.5]}|tojson }}",
    "{{ \"<a href='x'>&</a>\"|tojson }}",
    "{{ 'é☃'|tojson }}",
    "{{ {'a': {'b': [1, 2]}}|tojson(indent=2) }}",
    "{{ [1, 2]|tojson(2) }}",
    "{{ none|tojson }}|{{ true|tojson }}|{{ 1.5|tojson }}|{{ 'x'|tojson }}",
    "{{ (1, 2)|tojson }}",
    "{{ {1: 'a'}|tojson }}",
    "{{ missing|tojson }}",
    "{{ '\n\t\\\\'|tojson }}",
    "{{ [1, 2]|pprint }}",
    "{{ {'b': 1, 'a': 'x'}|pprint }}",
    "{{ 'str'|pprint }}|{{ none|pprint }}",
    "{{ ('a', 1)|pprint }}",
    "{{ [1, 2, 3]|map('string')|map('upper')|join('+') }}",
    "{{ 'a,b,c'.split(',')|reverse|join|upper }}",
    "{{ x|nosuchfilter }}",
    "{% if false %}{{ x|nosuchfilter }}{% endif %}ok",
    "{{ x|nosuchfilter if false else 'ok' }}",
    "{% filter nosuchfilter %}x{% endfilter %}",
    "{{ 'abc'|upper() }}",
    "{{ 'abc' | upper }}",
    "{{ 'abc'|center(width=7, ) }}|",
    "{{ -1|abs }}|{{ -(1|abs) }}",
    "{{ 1 + 2|string }}",
    "{{ (1 + 2)|string ~ 'x' }}",
    "{{ [3, 2, 1]|sort|first }}",
    "{{ 'a'|length + 1 }}",
])

# ---------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------
section("tests", [
    "{{ x is defined }}|{{ x is undefined }}",
    ("{{ x is defined }}|{{ x is undefined }}", {"x": None}),
    "{{ none is none }}|{{ 0 is none }}|{{ x is none }}",
    "{{ true is boolean }}|{{ 1 is boolean }}|{{ none is boolean }}",
    "{{ true is true }}|{{ 1 is true }}|{{ false is false }}|{{ 0 is false }}",
    "{{ 1 is number }}|{{ 1.5 is number }}|{{ true is number }}|{{ '1' is number }}",
    "{{ 1 is integer }}|{{ 1.0 is integer }}|{{ true is integer }}",
    "{{ 1.0 is float }}|{{ 1 is float }}",
    "{{ 'a' is string }}|{{ 1 is string }}|{{ none is string }}",
    "{{ {} is mapping }}|{{ [] is mapping }}|{{ 'a' is mapping }}",
    "{{ [] is iterable }}|{{ 'a' is iterable }}|{{ {} is iterable }}|{{ 1 is iterable }}|{{ x is iterable }}",
    "{{ [] is sequence }}|{{ 'a' is sequence }}|{{ {} is sequence }}|{{ 1 is sequence }}",
    "{{ range is callable }}|{{ 'a' is callable }}|{{ 'a'.upper is callable }}",
    "{% macro m() %}{% endmacro %}{{ m is callable }}",
    "{{ none is sameas none }}|{{ 1 is sameas 1 }}|{{ true is sameas 1 }}",
    ("{{ a is sameas b }}|{{ a is sameas a }}", {"a": [1], "b": [1]}),
    "{{ 9 is divisibleby 3 }}|{{ 10 is divisibleby(3) }}|{{ 0 is divisibleby 5 }}",
    "{{ 9 is divisibleby 0 }}",
    "{{ 2 is even }}|{{ 3 is even }}|{{ 3 is odd }}|{{ -1 is odd }}",
    "{{ 2.5 is odd }}",
    "{{ 1 is eq 1 }}|{{ 1 is equalto 2 }}|{{ 1 is ne 2 }}|{{ 'a' is eq 'a' }}",
    "{{ 1 is lt 2 }}|{{ 1 is lessthan 1 }}|{{ 1 is le 1 }}",
    "{{ 2 is gt 1 }}|{{ 2 is greaterthan 2 }}|{{ 2 is ge 2 }}",
    "{{ 2 is in [1, 2] }}|{{ 'b' is in 'abc' }}|{{ 'z' is in {'z': 1} }}",
    "{{ 'abc' is lower }}|{{ 'aBc' is lower }}|{{ 'ABC' is upper }}|{{ '123' is upper }}",
    "{{ 'upper' is filter }}|{{ 'nope' is filter }}|{{ 'defined' is test }}|{{ 'nope' is test }}",
    "{{ 1 is not none }}|{{ x is not defined }}|{{ 2 is not even }}",
    "{{ not x is defined }}",
    "{{ not 1 is none }}",
    "{{ 1 is number and 2 is number }}",
    "{{ 3 is divisibleby 3 or false }}",
    "{{ 2 is lt(3) }}",
    "{{ 1 is == 1 }}",
    "{{ 1 is nosuchtest }}",
    "{% if false %}{{ 1 is nosuchtest }}{% endif %}ok",
    "{{ x is defined and x.y }}",
    ("{{ x.y is defined }}|{{ x.z is defined }}|{{ x.y.z is defined }}", {"x": {"y": 1}}),
    "{{ x.y is defined }}",
    ("{% if x is mapping %}map{% elif x is sequence %}seq{% endif %}", {"x": [1]}),
    ("{% if x is string %}str{% elif x is sequence %}seq{% endif %}", {"x": "ab"}),
    "{{ (1 is defined)|string|upper }}",
    "{{ 'a' is escaped }}|{{ 'a'|e is escaped }}",
    "{{ 1 is true is false }}",
])

# ---------------------------------------------------------------------------
# python methods on str
# ---------------------------------------------------------------------------
section("methods-str", [
    "{{ 'Hello'.upper() }}|{{ 'Hello'.lower() }}",
    "{{ '  x  '.strip() }}|{{ '  x  '.lstrip() }}|{{ '  x  '.rstrip() }}|",
    "{{ 'xxaxx'.strip('x') }}|{{ 'xyaxy'.lstrip('xy') }}|{{ 'axyx'.rstrip('xy') }}",
    "{{ 'a b  c'.split() }}",
    "{{ 'a,b,,c'.split(',') }}",
    "{{ 'a,b,c'.split(',', 1) }}|{{ 'a,b,c'.rsplit(',', 1) }}",
    "{{ ''.split() }}|{{ ''.split(',') }}",
    "{{ ' a b '.split(none, 1) }}",
    "{{ 'aaa'.replace('a', 'b') }}|{{ 'aaa'.replace('a', 'b', 1) }}",
    "{{ 'abc'.startswith('ab') }}|{{ 'abc'.endswith('bc') }}|{{ 'abc'.startswith(('x', 'a')) }}",
    "{{ 'abc'.endswith(['c']) }}",
    "{{ 'abc'.startswith('b', 1) }}",
    "{{ '{} and {}'.format(1, 'b') }}",
    "{{ '{0}{1}{0}'.format('a', 'b') }}",
    "{{ '{name}!'.format(name='x') }}",
    "{{ '{:>10}|'.format('r') }}|{{ '{:<5}|'.format('l') }}|{{ '{:^7}|'.format('c') }}",
    "{{ '{:.2f}'.format(3.14159) }}|{{ '{:05d}'.format(42) }}|{{ '{:,}'.format(1234567) }}",
    "{{ '{!r}'.format('q') }}|{{ '{!s}'.format(none) }}",
    "{{ '{0[0]}-{1[k]}'.format([9], {'k': 'v'}) }}",
    "{{ '{:x}|{:o}|{:b}|{:e}|{:%}'.format(255, 8, 5, 12345.678, 0.25) }}",
    "{{ '{:*^9}'.format('mid') }}|{{ '{:+d}'.format(5) }}",
    "{{ '{0.__class__}'.format(1) }}",
    "{{ '{}'.format() }}",
    "{{ '{a}'.format(b=1) }}",
    "{{ ', '.join(['a', 'b']) }}|{{ ''.join('xyz') }}",
    "{{ '-'.join([1, 2]) }}",
    "{{ 'hello'.find('l') }}|{{ 'hello'.rfind('l') }}|{{ 'hello'.find('z') }}|{{ 'hello'.index('e') }}",
    "{{ 'hello'.index('z') }}",
    "{{ 'banana'.count('a') }}|{{ 'banana'.count('an') }}",
    "{{ 'hello world'.title() }}|{{ 'hELLO wORLD'.capitalize() }}|{{ 'AbC'.swapcase() }}|{{ 'Straße'.casefold() }}",
    "{{ '123'.isdigit() }}|{{ '12a'.isdigit() }}|{{ 'abc'.isalpha() }}|{{ 'ab1'.isalnum() }}|{{ ' \t'.isspace() }}|{{ ''.isdigit() }}",
    "{{ 'ABC'.isupper() }}|{{ 'abc'.islower() }}|{{ 'Abc'.istitle() }}",
    "{{ '42'.zfill(5) }}|{{ '-42'.zfill(5) }}",
    "{{ 'ab'.ljust(5) }}|{{ 'ab'.rjust(5, '*') }}|{{ 'ab'.center(6, '-') }}",
    "{{ 'a\nb\r\nc'.splitlines() }}",
    "{{ 'k=v=w'.partition('=') }}|{{ 'k=v=w'.rpartition('=') }}|{{ 'kv'.partition('=') }}",
    "{{ 'abc'.encode('utf-8') }}",
    "{{ 'a\tb'.expandtabs(4) }}",
    "{{ 'prefix_name'.removeprefix('prefix_') }}|{{ 'file.sql'.removesuffix('.sql') }}",
    "{{ 'x'.nosuchmethod() }}",
    "{{ '%s' % 'x' }}",
    "{{ '%s' % none }}|{{ '%s' % [1, 'a'] }}",
    "{{ '%d items' % 3 }}|{{ '%d' % 3.9 }}",
    "{{ '%5.2f|' % 3.14159 }}|{{ '%.3f' % 2 }}|{{ '%f' % 1.5 }}",
    "{{ '%-5s|' % 'a' }}|{{ '%5s|' % 'a' }}",
    "{{ '%s and %s' % ('a', 'b') }}",
    "{{ '%s and %s' % ['a', 'b'] }}",
    "{{ '%(name)s is %(age)d' % {'name': 'x', 'age': 3} }}",
    "{{ '100%%' % () }}|{{ '%s%%' % 5 }}",
    "{{ '%r' % 'q' }}|{{ '%r' % 1 }}",
    "{{ '%x' % 255 }}|{{ '%X' % 255 }}|{{ '%o' % 8 }}|{{ '%e' % 12345.678 }}|{{ '%g' % 0.00001 }}",
    "{{ '%05d' % 42 }}|{{ '%+d' % 5 }}|{{ '%+d' % -5 }}|{{ '% d' % 5 }}",
    "{{ '%s %s' % ('a',) }}",
    "{{ '%d' % 'a' }}",
    "{{ '%c' % 65 }}",
    ("{{ '%s=%s' % (k, v) }}", {"k": "a", "v": 2.5}),
    ("{{ '%.1f%%' % (x * 100) }}", {"x": 0.125}),
])

# ---------------------------------------------------------------------------
# python methods on list / dict
# ---------------------------------------------------------------------------
section("methods-coll", [
    "{% set l = [1] %}{% do l.append(2) %}{{ l }}",
    "{% set l = [1] %}{{ l.append(2) }}|{{ l }}",
    "{% set l = [1] %}{% do l.extend([2, 3]) %}{{ l }}",
    "{% set l = [1, 2, 3] %}{{ l.pop() }}|{{ l }}",
    "{% set l = [1, 2, 3] %}{{ l.pop(0) }}|{{ l }}",
    "{% set l = [] %}{{ l.pop() }}",
    "{% set l = [1, 3] %}{% do l.insert(1, 2) %}{{ l }}",
    "{% set l = [1, 2, 1] %}{% do l.remove(1) %}{{ l }}",
    "{% set l = [1, 2] %}{% do l.remove(5) %}{{ l }}",
    "{{ [1, 2, 3].index(2) }}|{{ [1, 2, 1].count(1) }}",
    "{{ [1, 2].index(5) }}",
    "{% set l = [3, 1, 2] %}{% do l.sort() %}{{ l }}",
    "{% set l = [3, 1, 2] %}{% do l.sort(reverse=true) %}{{ l }}",
    "{% set l = [1, 2, 3] %}{% do l.reverse() %}{{ l }}",
    "{% set l = [1, 2] %}{% set m = l.copy() %}{% do m.append(3) %}{{ l }}{{ m }}",
    "{% set l = [1, 2] %}{% do l.clear() %}{{ l }}",
    ("{% do xs.append(3) %}{{ xs }}", {"xs": [1, 2]}),
    "{% set l = [1] %}{% set m = l %}{% do m.append(2) %}{{ l }}",
    "{% set d = {'a': 1, 'b': 2} %}{{ d.items()|list }}|{{ d.keys()|list }}|{{ d.values()|list }}",
    "{% set d = {'a': 1} %}{{ d.get('a') }}|{{ d.get('z') }}|{{ d.get('z', 'dflt') }}",
    "{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{{ d }}",
    "{% set d = {'a': 1} %}{% do d.update(b=2, a=0) %}{{ d }}",
    "{% set d = {'a': 1, 'b': 2} %}{{ d.pop('a') }}|{{ d }}|{{ d.pop('z', 'none') }}",
    "{% set d = {'a': 1} %}{{ d.pop('z') }}",
    "{% set d = {'a': 1} %}{{ d.setdefault('a', 5) }}|{{ d.setdefault('b', 6) }}|{{ d }}",
    "{% set d = {'a': 1} %}{% set e = d.copy() %}{% do e.update({'x': 0}) %}{{ d }}|{{ e }}",
    "{% set d = {} %}{% do d.update({'k': [1]}) %}{% do d['k'].append(2) %}{{ d }}",
    "{% set d = {'a': 1} %}{% set d2 = dict(d, b=2) %}{{ d2 }}",
    "{% set d = {'b': 1, 'a': 2} %}{% for k in d %}{{ k }}{% endfor %}",
    "{% set d = {'a': 1} %}{{ 'a' in d.keys() }}|{{ 1 in d.values() }}",
    "{% set d = {'a': 1} %}{% do d.__setitem__('b', 2) %}{{ d }}",
    ("{% do cfg.update({'new': true}) %}{{ cfg }}", {"cfg": {"old": 1}}),
    "{{ {'a': 1}.items()|map('list')|list }}",
    "{% set t = (1, 2) %}{{ t.count(1) }}|{{ t.index(2) }}",
])

# ---------------------------------------------------------------------------
# if / elif / else
# ---------------------------------------------------------------------------
section("stmt-if", [
    "{% if true %}a{% endif %}",
    "{% if false %}a{% else %}b{% endif %}",
    "{% if false %}a{% elif true %}b{% else %}c{% endif %}",
    "{% if false %}a{% elif false %}b{% elif 1 %}c{% else %}d{% endif %}",
    ("{% if x > 5 %}big{% elif x > 2 %}mid{% else %}small{% endif %}", {"x": 3}),
    ("{% if x and (y or not z) %}yes{% else %}no{% endif %}", {"x": 1, "y": 0, "z": 0}),
    ("{% if x %}{% if y %}xy{% else %}x{% endif %}{% else %}-{% endif %}", {"x": True, "y": False}),
    "{% if [] %}t{% else %}f{% endif %}|{% if [0] %}t{% else %}f{% endif %}|{% if {} %}t{% else %}f{% endif %}",
    "{% if '0' %}t{% else %}f{% endif %}|{% if 0.0 %}t{% else %}f{% endif %}|{% if none %}t{% else %}f{% endif %}",
    "{% if missing %}t{% else %}f{% endif %}",
    "{% if missing.attr %}t{% else %}f{% endif %}",
    "{% if 'a' in 'abc' and 1 < 2 %}ok{% endif %}",
    "{% if not false %}ok{% endif %}",
    "{% if (1, 2) %}t{% endif %}",
    ("{% if users|selectattr('active')|list %}some{% endif %}", {"users": USERS}),
    "{% if true %}{% elif undefined_call() %}{% endif %}ok",
    "{% if 1 == 1 %}\n  yes\n{% endif %}",
])

# ---------------------------------------------------------------------------
# for loops
# ---------------------------------------------------------------------------
section("stmt-for", [
    "{% for x in [1, 2, 3] %}{{ x }}{% endfor %}",
    "{% for x in [] %}{{ x }}{% else %}empty{% endfor %}",
    "{% for x in [1] %}{{ x }}{% else %}empty{% endfor %}",
    "{% for x in missing %}{{ x }}{% else %}none{% endfor %}",
    "{% for x in none %}{{ x }}{% endfor %}",
    "{% for x in 5 %}{{ x }}{% endfor %}",
    "{% for c in 'abc' %}{{ c }}-{% endfor %}",
    "{% for k in {'b': 1, 'a': 2} %}{{ k }}{% endfor %}",
    "{% for k, v in {'b': 1, 'a': 2}.items() %}{{ k }}={{ v }};{% endfor %}",
    "{% for a, b in [[1, 2], [3, 4]] %}{{ a }}{{ b }};{% endfor %}",
    "{% for a, b in [[1, 2, 3]] %}{{ a }}{% endfor %}",
    "{% for (a, b), c in [((1, 2), 3)] %}{{ a }}{{ b }}{{ c }}{% endfor %}",
    "{% for x in [1, 2, 3] %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }} {% endfor %}",
    "{% for x in [1, 2, 3] %}{{ loop.first }}-{{ loop.last }}-{{ loop.length }} {% endfor %}",
    "{% for x in 'abc' %}{{ loop.cycle('odd', 'even') }} {% endfor %}",
    "{% for x in [1, 2, 3] %}{{ loop.previtem }}|{{ loop.nextitem }};{% endfor %}",
    "{% for x in [1, 2, 3] %}{{ loop.previtem is defined }}{% endfor %}",
    "{% for x in [1, 1, 2, 2, 1] %}{% if loop.changed(x) %}{{ x }}{% endif %}{% endfor %}",
    "{% for x in [1, 2] %}{{ loop.depth }}{{ loop.depth0 }}{% endfor %}",
    "{% for x in range(4) %}{{ loop.revindex }}{% endfor %}",
    "{% for x in [1, 2, 3, 4] if x is even %}{{ loop.index }}:{{ x }}/{{ loop.length }} {% endfor %}",
    "{% for x in [1, 2, 3] if x > 5 %}{{ x }}{% else %}none{% endfor %}",
    "{% for x in [1, 2, 3, 4] if x is odd %}{{ loop.last }}{% endfor %}",
    ("{% for item in tree recursive %}{{ item.name }}{% if item.children %}[{{ loop(item.children) }}]{% endif %}{% endfor %}", {"tree": TREE}),
    ("{% for item in tree recursive %}{{ loop.depth }}{{ item.name }} {{ loop(item.children) }}{% endfor %}", {"tree": TREE}),
    ("{% for item in tree recursive %}{{ loop.depth0 }}:{{ loop.index }};{{ loop(item.children) }}{% endfor %}", {"tree": TREE}),
    "{% for x in [1, 2] recursive %}{{ x }}{% endfor %}",
    "{% for a in [1, 2] %}{% for b in 'xy' %}{{ a }}{{ b }} {% endfor %}{% endfor %}",
    "{% for a in [1, 2] %}{% set outer = loop %}{% for b in [1, 2] %}{{ outer.index }}.{{ loop.index }} {% endfor %}{% endfor %}",
    "{% for a in [1, 2] %}{% for b in [1, 2] %}{{ loop.index }}{% endfor %}{{ loop.index }}|{% endfor %}",
    "{% for i in range(10) %}{% if i > 3 %}{% break %}{% endif %}{{ i }}{% endfor %}",
    "{% for i in range(6) %}{% if i is odd %}{% continue %}{% endif %}{{ i }}{% endfor %}",
    "{% for i in [1, 2] %}{% break %}{% else %}else{% endfor %}done",
    "{% for i in [1, 2] %}{{ i }}{% if i == 2 %}{% break %}{% endif %}{% else %}else{% endfor %}",
    "{% for i in [1, 2] %}{% continue %}{% else %}else{% endfor %}",
    "{% for i in [1, 2] %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% else %}else{% endfor %}",
    "{% for i in [1, 2, 3] %}{% if loop.index == 2 %}{% continue %}{% endif %}{{ loop.index }}{% endfor %}",
    "{% for a in [1, 2] %}{% for b in [1, 2] %}{% break %}{% endfor %}{{ a }}{% endfor %}",
    "{% for x in [1, 2] %}{% endfor %}{{ x }}|",
    "{% set x = 'before' %}{% for x in [1, 2] %}{% endfor %}{{ x }}",
    "{{ loop.index }}",
    "{% for x in [1] %}{{ loop.nosuch }}|{% endfor %}",
    "{% for x in [1, 2] %}{{ x }}{% set x = x * 10 %}{{ x }} {% endfor %}",
    "{% for x in [3, 1, 2]|sort %}{{ x }}{% endfor %}",
    "{% for x in range(3)|reverse %}{{ x }}{% endfor %}",
    "{% for x in [1, 2, 3][1:] %}{{ x }}{% endfor %}",
    "{% for k, v in {'a': 1}|dictsort %}{{ k }}{{ v }}{% endfor %}",
    ("{% for u in users %}{{ u.name }}{{ ', ' if not loop.last }}{% endfor %}", {"users": USERS}),
    ("{% for u in users %}{{ u.name }}{% if not loop.last %},{% endif %}{% endfor %}", {"users": USERS}),
    "{% for x in [1, 2, 3] %}{{ loop.cycle(*['a', 'b']) }}{% endfor %}",
    "{% for x in [1, 2] %}{{ loop.cycle() }}{% endfor %}",
    "{% for x in [1, 2] %}{{ loop.changed() }}{% endfor %}",
    ("{% for x in xs %}{% do xs.append(0) if xs|length < 4 %}{{ x }}{% endfor %}", {"xs": [1, 2]}),
    "{% for x in (1, 2) %}{{ x }}{% endfor %}",
    "{% for i in range(3) %}{% for j in range(i) %}{{ j }}{% endfor %};{% endfor %}",
])

# ---------------------------------------------------------------------------
# set / scoping / namespace / with
# ---------------------------------------------------------------------------
section("stmt-set", [
    "{% set x = 1 %}{{ x }}",
    "{% set x = 1 %}{% set x = x + 1 %}{{ x }}",
    "{% set a, b = 1, 2 %}{{ a }}{{ b }}",
    "{% set a, b = [3, 4] %}{{ a }}{{ b }}",
    "{% set a, b = 'xy' %}{{ a }}{{ b }}",
    "{% set a, b = [1] %}{{ a }}",
    "{% set a, b = 1 %}{{ a }}",
    "{% set (a, b) = (5, 6) %}{{ a }}{{ b }}",
    "{% set x %}block {{ 1 + 1 }}{% endset %}[{{ x }}]",
    "{% set x %}\n  lines\n{% endset %}[{{ x }}]",
    "{% set x | upper %}abc{% endset %}{{ x }}",
    "{% set x | upper | replace('B', '-') %}abc{% endset %}{{ x }}",
    "{% set x %}{% endset %}[{{ x }}]",
    "{% set x %}<b>{% endset %}{{ x|length }}",
    "{% set x = [1, 2] %}{% do x.append(3) %}{{ x }}",
    "{% set x = 1 %}{% for i in [1, 2] %}{% set x = i %}{% endfor %}{{ x }}",
    "{% set x = 1 %}{% for i in [1, 2] %}{% set x = i %}{{ x }}{% endfor %}{{ x }}",
    "{% if true %}{% set x = 2 %}{% endif %}{{ x }}",
    "{% set x = 1 %}{% if false %}{% set x = 2 %}{% endif %}{{ x }}",
    "{% for i in [1, 2, 3] %}{% if i == 1 %}{% set y = 'a' %}{% endif %}[{{ y }}]{% endfor %}",
    "{% set y = 'outer' %}{% for i in [1, 2, 3] %}{% if i == 1 %}{% set y = 'a' %}{% endif %}[{{ y }}]{% endfor %}",
    "{% set x = 0 %}{% for i in [1, 2] %}{{ x }}{% set x = i %}{{ x }};{% endfor %}",
    "{% for i in [1, 2] %}{{ x }}|{% set x = i %}{% endfor %}",
    "{% set total = 0 %}{% for i in [1, 2, 3] %}{% set total = total + i %}{% endfor %}{{ total }}",
    "{% set total = 0 %}{% for i in [1, 2, 3] %}{% set total = total + i %}{{ total }},{% endfor %}",
    "{% set ns = namespace(total=0) %}{% for i in [1, 2, 3] %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}",
    "{% set ns = namespace() %}{% set ns.x = 'v' %}{{ ns.x }}|{{ ns.missing }}|",
    "{% set ns = namespace(a=1, b=[]) %}{% do ns.b.append(ns.a) %}{{ ns.b }}",
    "{% set ns = namespace(found=false) %}{% for x in [1, 5, 2] %}{% if x > 3 %}{% set ns.found = x %}{% endif %}{% endfor %}{{ ns.found }}",
    "{% set ns = namespace(x=1) %}{% macro m() %}{% set ns.x = 2 %}{% endmacro %}{{ m() }}{{ ns.x }}",
    "{% set d = {} %}{% set d.x = 1 %}{{ d }}",
    "{% set ns = namespace() %}{{ ns.missing.deeper }}",
    "{% set ns = namespace(a=1) %}{{ ns.a is defined }}|{{ ns.b is defined }}",
    "{% set ns = namespace(a=1) %}{{ ns['a'] }}",
    "{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}|{{ a }}|",
    "{% with %}{% set x = 1 %}{{ x }}{% endwith %}|{{ x }}|",
    "{% set x = 'o' %}{% with x = 'i' %}{{ x }}{% endwith %}{{ x }}",
    "{% with a = 1, b = a + 1 %}{{ b }}{% endwith %}",
    "{% set a = 10 %}{% with a = 1, b = a + 1 %}{{ b }}{% endwith %}",
    "{% for i in [1] %}{% set x = 'inner' %}{% endfor %}{{ x }}|",
    "{% set x = 'top' %}{% for i in [1] %}{{ x }}{% endfor %}",
    ("{% for i in [1] %}{{ x }}{% set x = 'loc' %}{{ x }}{% endfor %}{{ x }}", {"x": "ctx"}),
    ("{% set x = 'tpl' %}{{ x }}", {"x": "ctx"}),
    ("{{ x }}{% set x = 'tpl' %}{{ x }}", {"x": "ctx"}),
    ("{% if x %}{% set x = x + 1 %}{% endif %}{{ x }}", {"x": 1}),
    "{% set l = [] %}{% for i in [1, 2] %}{% do l.append(i) %}{% endfor %}{{ l }}",
    "{% set x = [1] %}{% set y = x + [2] %}{{ x }}{{ y }}",
    "{% set x = 1 %}{% filter upper %}{% set x = 2 %}{{ x }}{% endfilter %}{{ x }}",
    "{% set x = 'a' %}{% set x = x ~ 'b' %}{% set x = x ~ 'c' %}{{ x }}",
    "{% set x = y = 1 %}{{ x }}",
    "{% set x.y = 1 %}",
    "{% set ns = namespace(a=1, a2=2) %}{% set ns.a, ns.a2 = 5, 6 %}{{ ns.a }}{{ ns.a2 }}",
    "{% for i in [1, 2] %}{% set ns = namespace(c=i) %}{{ ns.c }}{% endfor %}",
    "{% set loop = 5 %}{{ loop }}",
    "{% set range = 'shadow' %}{{ range }}",
    "{% set true = 1 %}{{ true }}",
    "{% set none = 1 %}",
])

# ---------------------------------------------------------------------------
# misc statements: do, filter blocks, call blocks, comments
# ---------------------------------------------------------------------------
section("stmt-misc", [
    "{% do 1 + 1 %}x",
    "{% do [1].append(2) %}x",
    "{% do undefined_fn() %}",
    "{% do missing %}ok",
    "{% do missing.attr %}",
    "{% filter upper %}abc{{ 'def' }}{% endfilter %}",
    "{% filter upper|replace('A', 'x') %}abc{% endfilter %}",
    "{% filter center(9) %}abc{% endfilter %}|",
    "{% filter upper %}{% filter replace('a', 'b') %}aa{% endfilter %}c{% endfilter %}",
    "{% filter trim %}  \n x \n {% endfilter %}|",
    "{% filter indent(2) %}a\nb{% endfilter %}",
    "{% filter truncate(5, true, '') %}abcdefgh{% endfilter %}",
    "{% filter replace('\n', ' ') %}a\nb\nc{% endfilter %}",
    "{% for i in [1, 2] %}{% filter upper %}x{{ i }}{% endfilter %}{% endfor %}",
    "{% filter length %}abc{% endfilter %}",
    "a{# inline #}b{#\n multi #}c",
    "{% for i in [1, 2] %}{# c #}{{ i }}{% endfor %}",
    "{% macro m(x) %}[{{ x }}|{{ caller(x * 2) }}]{% endmacro %}{% call(y) m(3) %}{{ y }}{% endcall %}",
    "{% macro list(items) %}<ul>{% for i in items %}<li>{{ caller(i) }}</li>{% endfor %}</ul>{% endmacro %}{% call(i) list(['a', 'b']) %}{{ i|upper }}{% endcall %}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{% set v = 'outer' %}{% call m() %}{{ v }}{% endcall %}",
    "{% macro m() %}{% set v = 'macro' %}{{ caller() }}{% endmacro %}{% set v = 'outer' %}{% call m() %}{{ v }}{% endcall %}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{% for i in [1, 2] %}{% call m() %}{{ i }}{{ loop.index }}{% endcall %}{% endfor %}",
    "{% macro m() %}{{ kwargs }}{% endmacro %}{% call m(a=1) %}{% endcall %}",
    "{% macro m(a) %}{{ a }}{% endmacro %}{% call m() %}{% endcall %}|",
])

# ---------------------------------------------------------------------------
# undefined behaviour (default jinja2.Undefined)
# ---------------------------------------------------------------------------
section("undefined", [
    "[{{ u }}]",
    "{{ u.attr }}",
    "{{ u['k'] }}",
    "{{ u is defined }}|{{ u is undefined }}",
    "{% if u %}t{% else %}f{% endif %}",
    "{% for x in u %}{{ x }}{% endfor %}[]",
    "{{ u|default('x') }}",
    "{{ u|length }}",
    "{{ u|upper }}|",
    "{{ u|lower }}|",
    "{{ u|string }}|",
    "{{ u|list }}",
    "{{ u|join(',') }}|",
    "{{ u|first }}",
    "{{ u|int }}|{{ u|float }}",
    "{{ u|trim }}",
    "{{ u|replace('a', 'b') }}|",
    "{{ u|tojson }}",
    "{{ u|e }}|",
    "{{ u|sum }}",
    "{{ u|sort }}",
    "{{ u|count }}",
    "{{ u|abs }}",
    "{{ u|round }}",
    "{{ u|capitalize }}|",
    "{{ u|title }}|",
    "{{ u|map('upper')|list }}",
    "{{ u|select|list }}",
    "{{ u|dictsort }}",
    "{{ u|items|list }}",
    "{{ u|reverse|list }}",
    "{{ u|safe }}|",
    "{{ u|wordcount }}",
    "{{ u ~ 'x' }}",
    "{{ 'x' ~ u ~ 'y' }}",
    "{{ u + 1 }}",
    "{{ 1 + u }}",
    "{{ u * 2 }}",
    "{{ u == u }}|{{ u == none }}|{{ u != 1 }}",
    "{{ u < 1 }}",
    "{{ 'a' in u }}",
    "{{ u in [1] }}",
    "{{ u() }}",
    "{{ u.method() }}",
    "{{ -u }}",
    "{{ not u }}",
    "{{ u and 1 }}|{{ u or 1 }}",
    "{{ u is none }}",
    "{{ [u] }}",
    "{{ u[0] }}",
    "{{ u|length > 0 }}",
    "{{ u.attr is defined }}",
    "{{ (u.attr) is defined }}",
    "{{ u|attr('x') }}",
    ("{{ d.missing }}|{{ d['missing'] }}|", {"d": {"a": 1}}),
    ("{{ d.missing.attr }}", {"d": {"a": 1}}),
    ("{{ d.missing|default('dft') }}", {"d": {"a": 1}}),
    ("{{ d.a.missing }}|", {"d": {"a": 1}}),
    ("{{ l[5] }}|{{ l[5] is defined }}", {"l": [1]}),
    ("{{ l[5].x }}", {"l": [1]}),
    "{% set x = u %}{{ x is defined }}",
    "{% set x = u %}{{ x.y }}",
    "{% macro m(a) %}{{ a is defined }}{% endmacro %}{{ m() }}",
    "{{ dict(a=u) }}",
    "{{ '%s' % u }}",
    "{{ u.__class__ }}|",
    "{{ u|string|length }}",
    "{% for x in u %}{% else %}empty{% endfor %}",
    "{{ u|batch(2)|list }}",
    "{{ u.attr|default('z') }}",
])

# ---------------------------------------------------------------------------
# sandbox
# ---------------------------------------------------------------------------
section("sandbox", [
    "{{ ''.__class__ }}|",
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__ is defined }}",
    "{{ [].__len__ }}|",
    "{{ ''.__class__.mro() }}",
    ("{{ d._private }}|{{ d['_private'] }}|{{ d.__class__ }}|", {"d": {"_private": "p"}}),
    ("{{ d['__class__'] }}|", {"d": {"x": 1}}),
    ("{{ d.x._y }}|", {"d": {"x": {"_y": 3}}}),
    "{{ range(200000)|list|length }}",
    "{{ range(100001)|length }}",
    "{{ range(0, 200000, 2)|length }}",
    "{% for i in range(200000) %}{% endfor %}",
    "{{ '{0.__class__}'.format(1) }}",
    "{{ '{0._x}'.format(1) }}",
    "{{ '{0}'.format('ok') }}",
    "{{ 'abc'|attr('__class__') }}|",
    "{{ cycler.__init__ }}|",
    "{{ namespace()._Namespace__attrs }}|",
    "{% set l = [] %}{% do l.append(1) %}{{ l }}",
    "{{ [1, 2].pop() }}",
    "{{ {'a': 1}.update({'b': 2}) }}",
    "{{ 'x'.__add__('y') }}",
    "{{ (1).__add__(2) }}",
    "{{ 'ab'.mro }}|",
    "{{ ''.__doc__ }}|",
    "{{ range.__name__ }}|",
])

# ---------------------------------------------------------------------------
# error cases (syntax and runtime), many multi-line for line numbers
# ---------------------------------------------------------------------------
section("errors", [
    "{% if true %}x",
    "line1\nline2\n{% if true %}\nx\n",
    "{% for x in [1] %}x",
    "{% endfor %}",
    "a\nb\n{% endif %}",
    "{% elif true %}",
    "{% else %}",
    "{% foo %}",
    "line1\n{% foo bar %}",
    "{% if true %}{% endfor %}{% endif %}",
    "{% for x in [1] %}\n{% endif %}\n{% endfor %}",
    "{{ 1",
    "a\n{{ x",
    "{{ 'abc }}",
    "{{ \"abc }}",
    "{# unclosed comment",
    "x\ny\n{# unclosed",
    "{% raw %}no end",
    "{{ 1 + }}",
    "{{ }}",
    "{{ ( }}",
    "{{ (1 + 2 }}",
    "{{ [1, 2 }}",
    "{{ {'a': 1 }}",
    "{{ 1 + 2) }}",
    "{{ [1, 2]] }}",
    "{{ 'a' 1 }}",
    "ok\nok\n{{ x +* 2 }}",
    "{% if %}{% endif %}",
    "{% for %}{% endfor %}",
    "{% for x %}{% endfor %}",
    "{% for x in %}{% endfor %}",
    "{% for 1 in [1] %}{% endfor %}",
    "{% macro %}{% endmacro %}",
    "{% macro m( %}{% endmacro %}",
    "{% macro m(a=1, b) %}{% endmacro %}",
    "{% macro m() %}x",
    "{% set 1 = 2 %}",
    "{% set x %}",
    "{% set x = %}",
    "{% set x = 1 2 %}",
    "{{ a.1 }}",
    "{{ a. }}",
    "{{ a.b. }}",
    "{{ 1 | }}",
    "{{ x is }}",
    "{% break %}",
    "{% continue %}",
    "{% for x in [1] %}{% macro m() %}{% break %}{% endmacro %}{% endfor %}",
    "{% if true %}{% else %}{% else %}{% endif %}",
    "{% if true %}{% else %}{% elif true %}{% endif %}",
    "{% call m() %}",
    "{% call m() %}{% endcall %}",
    "{% filter %}{% endfilter %}",
    "{% with %}",
    "{% endraw %}",
    "{% endset %}",
    "{% extends 'base.html' %}",
    "{% include 'x.html' %}",
    "{% import 'x.html' as x %}",
    "{% block b %}x{% endblock %}",
    "{% block b %}x{% endblock %}{% block b %}y{% endblock %}",
    "{% autoescape true %}{{ '<' }}{% endautoescape %}",
    "{% trans %}x{% endtrans %}",
    "a\nb\nc\n{{ 1 // 0 }}",
    "{{ 10 / 0 }}",
    "{{ 1.5 // 0 }}",
    "line\n{{ 'a' + 1 }}",
    "{{ [1, 2].index(9) }}",
    "{{ 'abc'|int('x') }}",
    "{{ 1|join }}",
    "{{ 1|length }}",
    "{{ 1|first }}",
    "{{ none|length }}",
    "{{ none|upper }}",
    "{{ none|join }}",
    "{{ 1|upper }}",
    "{{ 5|batch(2)|list }}",
    "{{ [1]|map(attribute='x')|list }}",
    "{{ [{'a': 1}]|sum(attribute='b') }}",
    "{{ 'a'|center('x') }}",
    "{{ 'abc'|truncate('x') }}",
    "{{ [1, 2]|slice(0)|list }}",
    "{{ [1, 2]|batch(0)|list }}",
    "{% macro m(a) %}{% endmacro %}\n\n{{ m(b=1) }}",
    "{{ x.y.z }}",
    "{{ 'abc'.nope() }}",
    "{{ {'a': 1}['a']['b']['c'] }}",
    "{% set a, b, c = [1, 2] %}",
    "{% for a, b in [1, 2] %}{% endfor %}",
    "{{ [1, 2]|groupby('x')|list }}",
    "{{ {'a': 1}|dictsort(by='nope') }}",
    "{{ 'x'|indent(width=none) }}",
    "{{ {}|xmlattr }}|",
    "{{ {'a b': 1}|xmlattr }}",
    "{{ 1 if }}",
    "{{ 1 if true else }}",
    "{% if true %}\n{% for x in [1] %}\n{% endif %}",
    "{% raw %}{% raw %}{% endraw %}",
    "{{ 'abc'[1:2:0] }}",
    "{{ x|default('a', 'b', 'c') }}",
    "{{ namespace(1, 2) }}",
    "{{ dict(1) }}",
    "a\n\n{{ x|nosuchfilter }}",
    "{% if true %}\n\n{{ 1 is nosuchtest }}\n{% endif %}",
    "{% for x in [1] %}\n  {{ x }}\n  {% set y = %}\n{% endfor %}",
    "\n\n{{ 'unclosed\n\n }}",
    "{% macro m() %}\n{% endmacro %}\n{% endmacro %}",
    "a\n{% raw %}\nb",
    "a\n{{ 1 }}\n{{ [1, 2 }}",
    "{% set x = {\n'a': 1,\n'b' 2 } %}",
    "{% if x\n== %}{% endif %}",
    "{{\n1 +\n}}",
    "x\r\ny\r\n{% endif %}",
    "{% filter upper %}\n\n{% endfor %}",
    "{% for x in [1] %}\n{% else %}\n{% else %}\n{% endfor %}",
    "{{ x }}\n{# ok #}\n{% foo %}",
    "{% if true %}\n{% elif %}\n{% endif %}",
    "{% macro m(a, a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}",
    "{% with a %}{% endwith %}",
    "{% call %}{% endcall %}",
    "{{ x|default(1, }}",
    "{% set x = 1 %}\n{% set y = x +\n%}",
    "{{ 1 }}\n{{ 2 }}\n{{ 3 }}\n{{ 4 }}\n{{ 5 ) }}",
    "{% raw %}\n{{ x }}\n{% endraw %}\n{% endraw %}",
    "{% if true %}{% if false %}\n{% endif %}",
    "{# a\nb\nc #}\n{{ 1 + }}",
    "{% for x in [1, 2] %}\n{{ loop.index }}\n{% break %}\n{% endfor %}{% continue %}",
])


# ---------------------------------------------------------------------------
# machinery
# ---------------------------------------------------------------------------

ADDRESS_RE = re.compile(r"0x[0-9a-fA-F]{6,}")


def check_context(value, path="context"):
    """Contexts must be plain JSON; floats must be non-integral."""
    if value is None or isinstance(value, (bool, str)):
        return
    if isinstance(value, int):
        return
    if isinstance(value, float):
        if value == int(value):
            raise ValueError(f"{path}: integral float {value!r} not allowed")
        return
    if isinstance(value, list):
        for i, v in enumerate(value):
            check_context(v, f"{path}[{i}]")
        return
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise ValueError(f"{path}: non-string key {k!r}")
            check_context(v, f"{path}.{k}")
        return
    raise ValueError(f"{path}: unsupported type {type(value).__name__}")


def run_case(template, context):
    env = make_env()
    ctx = copy.deepcopy(context)  # templates may mutate (do/append)
    try:
        tmpl = env.from_string(template)
        return {"output": tmpl.render(ctx)}
    except Exception as exc:  # record whatever jinja2 does
        if isinstance(exc, jinja2.TemplateError) and exc.message is not None:
            message = exc.message
        else:
            message = str(exc)
        # Only jinja2's own errors carry a template line; Python-level
        # exceptions (including SyntaxError raised while compiling the
        # generated code, whose lineno refers to that code) get null.
        line = None
        if isinstance(exc, jinja2.TemplateError):
            lineno = getattr(exc, "lineno", None)
            if isinstance(lineno, int):
                line = lineno
        return {"error": {"type": type(exc).__name__, "message": message,
                          "line": line}}


def build():
    if jinja2.__version__ != EXPECTED_JINJA2_VERSION:
        print(f"warning: jinja2 {jinja2.__version__} != "
              f"{EXPECTED_JINJA2_VERSION}", file=sys.stderr)
    cases = []
    seen_ids = set()
    seen_sections = set()
    counts = []
    for name, entries in SECTIONS:
        if name in seen_sections:
            raise SystemExit(f"duplicate section {name}")
        seen_sections.add(name)
        n = 0
        for entry in entries:
            if isinstance(entry, tuple):
                template, context = entry
            else:
                template, context = entry, {}
            check_context(context)
            n += 1
            case_id = f"{name}-{n:03d}"
            assert case_id not in seen_ids
            seen_ids.add(case_id)
            result = run_case(template, context)
            # determinism guard: no object addresses in outputs/messages
            blob = json.dumps(result, ensure_ascii=False)
            if ADDRESS_RE.search(blob):
                raise SystemExit(f"{case_id}: non-deterministic result {blob}")
            # twice, to be sure
            if run_case(template, context) != result:
                raise SystemExit(f"{case_id}: result differs between runs")
            case = {"id": case_id, "template": template,
                    "context": context}
            case.update(result)
            cases.append(case)
        counts.append((name, n))
    return cases, counts


def main():
    cases, counts = build()
    doc = {
        "generator": "scripts/gen_jinja_vectors.py",
        "jinja2_version": jinja2.__version__,
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False, sort_keys=False)
        fh.write("\n")
    errors = sum(1 for c in cases if "error" in c)
    for name, n in counts:
        print(f"{name:14s} {n:4d}")
    print(f"{'total':14s} {len(cases):4d}  ({errors} error cases)")
    print(f"wrote {os.path.relpath(OUT_PATH)}")


if __name__ == "__main__":
    main()
