#!/usr/bin/env python3
"""The house-keeping figures of issue 14 for src/parse, outside tests:

    python3 scripts/parse_metrics.py [N]

- the N longest functions (lines from `fn` to its closing brace), and how
  many are over 150 lines;
- string-array literals: every `[` followed by a string literal, and those
  with two strings or more (`["a", "b", ...]`, lists of words);
- the files that extend `Doc` (`impl Doc<'_>` or `impl<'a> Doc<'a>`).

Code after a file's first `#[cfg(test)]` is left out.
"""

import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sources():
    for path in sorted(glob.glob(os.path.join(ROOT, "src/parse/*.rs"))):
        text = open(path, encoding="utf-8").read()
        cut = text.find("#[cfg(test)]")
        yield os.path.relpath(path, ROOT), text if cut < 0 else text[:cut]


def functions(path, text):
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"\s*(pub(\([^)]*\))?\s+)?(const\s+)?fn\s+(\w+)", line)
        if not m:
            continue
        depth, started = 0, False
        for j in range(i, len(lines)):
            depth += lines[j].count("{") - lines[j].count("}")
            started = started or "{" in lines[j]
            if started and depth <= 0:
                yield j - i + 1, path, m.group(4), i + 1
                break
            if not started and lines[j].rstrip().endswith(";"):
                break


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    fns, every, multi, extend = [], 0, 0, []
    for path, text in sources():
        fns.extend(functions(path, text))
        every += len(re.findall(r'\[\s*"', text))
        multi += len(re.findall(r'\[\s*"[^"]*"\s*,\s*"', text))
        if re.search(r"^impl(<'a>)? Doc<'(_|a)> \{", text, re.M):
            extend.append(path)
    fns.sort(reverse=True)
    for length, path, name, line in fns[:n]:
        print(f"{length:5} lines  {path}:{line}  {name}")
    print(f"functions over 150 lines: {sum(1 for f in fns if f[0] > 150)}")
    print(f"string-array literals: {every}, of two strings or more: {multi}")
    print(f"files extending Doc: {len(extend)} ({', '.join(extend)})")


if __name__ == "__main__":
    main()
