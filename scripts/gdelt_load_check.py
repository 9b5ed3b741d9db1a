#!/usr/bin/env python3
"""Check that the GDELT-style table the `export` example writes loads where
GDELT data loads: Python's csv module and DuckDB's read_csv.

    python3 scripts/gdelt_load_check.py            # from the repository's root
    python3 scripts/gdelt_load_check.py --keep DIR # keep the table and inputs in DIR

It builds the `export` example (debug, as `cargo test` does), writes one
GDELT-style table from the articles in benches/texts (dated 2025-06-05) and
from a hand-made analysis whose names and source hold tabs, line breaks,
commas and double quotation marks, and then checks that:

- Python's csv module reads it with the `excel-tab` dialect (quotation
  marks honoured) and with QUOTE_NONE (ignored) into the same rows, each of
  17 fields under the GDELT 2.0 column names, with values of GDELT's types;
- DuckDB's read_csv reads it, with GDELT's column types given (as GDELT's
  own schema does: EventCode and its kin are text, with leading zeros) and
  with quoting on or off, into the same rows as Python, row for row;
- DuckDB's sniffer, given nothing, finds the tab, the header, 17 columns
  and GDELT's types (integers widened to BIGINT; EventCode stays text
  because the table holds codes with a leading zero, such as 036).

DuckDB comes from PyPI: if `import duckdb` fails, the script makes a
virtual environment under target/gdelt-check-venv, installs duckdb there
(pip, one wheel) and runs itself inside it. Exit status 0 when every check
passes; the last line says how many passed and failed.
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "gdelt-check-venv")
COLUMNS = ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
           "Actor1Code", "Actor1Name", "Actor1CountryCode",
           "Actor2Code", "Actor2Name", "Actor2CountryCode",
           "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "SOURCEURL"]
# GDELT 2.0's types for these columns.
TYPES = {"GlobalEventID": "BIGINT", "Day": "INTEGER", "MonthYear": "INTEGER", "Year": "INTEGER",
         "FractionDate": "DOUBLE", "QuadClass": "INTEGER", "GoldsteinScale": "DOUBLE"}
DUCK_TYPES = {c: TYPES.get(c, "VARCHAR") for c in COLUMNS}


def ensure_duckdb():
    """Imports duckdb, installing it into a virtual environment first if need be."""
    try:
        import duckdb  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("GDELT_CHECK_IN_VENV"):
        raise SystemExit("FAIL: duckdb is not importable even in " + VENV)
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        print(f"gdelt_load_check: making {VENV} for duckdb", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    if subprocess.run([python, "-c", "import duckdb"], stderr=subprocess.DEVNULL).returncode != 0:
        print("gdelt_load_check: pip install duckdb", file=sys.stderr)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "duckdb"],
                       check=True)
    env = dict(os.environ, GDELT_CHECK_IN_VENV="1")
    raise SystemExit(subprocess.run([python, os.path.abspath(__file__)] + sys.argv[1:], env=env).returncode)


def hostile_analysis():
    """An analysis, as JSON, whose names, ids and source need care in a table."""
    text = 'A said, "B"\twill strike back.'
    return {
        "documents": [{"id": 'doc,1\t"x"', "title": None, "date": "2025-06-05",
                       "source": 'https://x.org/a?q="1"\tb\nc', "len": len(text.encode())}],
        "actors": {
            'a"1': {"id": 'a"1', "name": 'The "A", Inc.\r\nline two\ttabbed', "kind": "other",
                    "country": "AAA"},
            "b,2": {"id": "b,2", "name": 'B; and "b"', "kind": "armed_group", "country": "BGROUP"},
        },
        "statements": [{
            "document": 'doc,1\t"x"', "speaker": 'a"1', "reported_by": ["b,2"], "span": [0, len(text)],
            "text": text, "date": "2025-06-04",
            "stances": [{"kind": "retaliation", "holder": 'a"1', "target": "b,2",
                         "cue": {"text": "strike back", "span": [17, 28]}, "cameo": "138"},
                        {"kind": "denial", "holder": "b,2", "target": None,
                         "cue": {"text": "will", "span": [12, 16]}, "cameo": "016"}],
        }],
        "events": [],
    }


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
            print(f"ok    {what}")
        else:
            self.failed += 1
            print(f"FAIL  {what}")
        return ok


def typed(row):
    """A row's values as GDELT's types (None for an empty field)."""
    out = []
    for name, value in zip(COLUMNS, row):
        kind = TYPES.get(name)
        if value == "":
            out.append(None)
        elif kind in ("BIGINT", "INTEGER"):
            out.append(int(value))
        elif kind == "DOUBLE":
            out.append(float(value))
        else:
            out.append(value)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep", metavar="DIR", help="write the table and inputs to DIR and keep them")
    ap.add_argument("--no-build", action="store_true", help="use target/debug/examples/export as it is")
    args = ap.parse_args()
    ensure_duckdb()
    import duckdb

    if not args.no_build:
        subprocess.run(["cargo", "build", "--quiet", "--example", "export"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "debug", "examples", "export")
    tmp = args.keep or tempfile.mkdtemp(prefix="gdelt-check-")
    os.makedirs(tmp, exist_ok=True)
    hostile = os.path.join(tmp, "hostile.json")
    with open(hostile, "w", encoding="utf-8") as f:
        json.dump(hostile_analysis(), f)
    texts = sorted(os.path.join(ROOT, "benches", "texts", n)
                   for n in os.listdir(os.path.join(ROOT, "benches", "texts")) if n.endswith(".txt"))
    table = os.path.join(tmp, "events.tsv")
    with open(table, "wb") as out:
        run = subprocess.run([exe, "--format", "gdelt", "--date", "2025-06-05", *texts, hostile],
                             stdout=out, stderr=subprocess.PIPE)
    c = Checks()
    c.check(run.returncode == 0, f"export wrote {table} ({run.stderr.decode().strip()})")
    raw = open(table, encoding="utf-8", newline="").read()
    lines = raw.split("\n")
    c.check(lines[-1] == "" and "\r" not in raw and '"' not in raw,
            "lines end in LF; no CR and no quotation mark anywhere")

    # Python's csv module, quoting honoured and ignored.
    quoted = list(csv.reader(io.StringIO(raw, newline=""), dialect="excel-tab"))
    plain = list(csv.reader(io.StringIO(raw, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
    c.check(quoted == plain, f"csv excel-tab and QUOTE_NONE read the same {len(quoted)} rows")
    c.check(quoted[0] == COLUMNS, "the header row is GDELT 2.0's column names")
    body = quoted[1:]
    c.check(len(body) > 100 and all(len(r) == len(COLUMNS) for r in body),
            f"every one of {len(body)} rows has {len(COLUMNS)} fields")
    try:
        values = [typed(r) for r in body]
        c.check(True, "every numeric field parses as GDELT's type (BIGINT, INTEGER, DOUBLE)")
    except ValueError as e:
        values = []
        c.check(False, f"a numeric field does not parse: {e}")
    c.check(all(v[11] and len(v[11]) >= 2 and v[11].isdigit() and v[13] == v[11][:2] for v in values),
            "EventCode is digits with its leading zero; EventRootCode is its first two")
    c.check(len({v[0] for v in values}) == len(values), "GlobalEventIDs are unique")
    names = [r for r in body if r[6].startswith("The 'A'")]
    c.check(len(names) == 1 and names[0][6] == "The 'A', Inc.  line two tabbed"
            and names[0][16] == "https://x.org/a?q=%221%22%09b%0Ac" and names[0][10] == "",
            "the hostile names and source arrive cleaned, in their columns")

    # DuckDB, with GDELT's types, quoting on and off.
    con = duckdb.connect()
    columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in DUCK_TYPES.items()) + "}"
    path = table.replace("'", "''")
    duck = {}
    for quote in ["'\"'", "''"]:
        sql = (f"SELECT * FROM read_csv('{path}', delim='\\t', header=true, quote={quote}, "
               f"columns={columns})")
        try:
            duck[quote] = con.execute(sql).fetchall()
            described = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {sql}").fetchall()]
            c.check(described == [(n, DUCK_TYPES[n]) for n in COLUMNS],
                    f"DuckDB read_csv (quote={quote}) gives {len(described)} columns of GDELT's types")
        except duckdb.Error as e:
            c.check(False, f"DuckDB read_csv (quote={quote}) fails: {e}")
    for quote, rows in duck.items():
        c.check([list(r) for r in rows] == values,
                f"DuckDB (quote={quote}) reads the same {len(rows)} rows as Python, value for value")

    # DuckDB's sniffer, told nothing.
    try:
        delimiter = con.execute(f"SELECT Delimiter FROM sniff_csv('{path}')").fetchall()[0][0]
        columns_found = [(r[0], r[1]) for r in
                         con.execute(f"DESCRIBE SELECT * FROM read_csv('{path}')").fetchall()]
        c.check(delimiter == "\t" and [n for n, _ in columns_found] == COLUMNS,
                f"DuckDB's sniffer finds the tab, the header and {len(columns_found)} columns")
        # With codes like 036 in the table, even the sniffer keeps them text;
        # a table of codes without a leading zero would need the types given.
        widened = {"INTEGER": "BIGINT"}
        c.check(columns_found == [(n, widened.get(DUCK_TYPES[n], DUCK_TYPES[n])) for n in COLUMNS],
                "... and GDELT's types (integers as BIGINT), EventCode as text")
    except duckdb.Error as e:
        c.check(False, f"DuckDB's sniffer fails: {e}")

    if not args.keep:
        for name in os.listdir(tmp):
            os.remove(os.path.join(tmp, name))
        os.rmdir(tmp)
    print(f"gdelt_load_check: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
