#!/usr/bin/env python3
"""Checks that a change leaves every analysis byte for byte as it was.

    python3 scripts/same_output.py record [DIR]   # before the change: keep the outputs
    python3 scripts/same_output.py check [DIR]    # after it: compare, byte for byte

DIR defaults to target/same-output. Both build the release examples
(`analyze`, `explain`, `batch`) and run them on:

- every `.txt` file under `tests/`, `examples/data/` and `benches/texts/`,
  through `analyze` and `explain` (no reference date, and 2025-06-05);
- the development articles (`../shared/corpus/dev/*.txt`, or
  `$DEMARCHE_SHARED/corpus/dev`) with `--date` from their gold files;
- the same articles rewritten to stress tokenizing and matching (upper and
  lower case, curly and straight quotation marks and apostrophes, accented
  letters, CRLF line breaks, one long line), and seeded random "news" built
  from their words, punctuation and odd characters;
- every sentence case of `tests/it/data/cases/*.txt` (with its `@date`) and
  every sentence of `tests/it/data/cue_sentences.txt`, all of the above
  too, as one JSON Lines stream through `batch` with one thread and with
  two (whose outputs must also be the same);
- one article with a user lexicon (`--lexicon`), and a document of about
  1 MB (the articles repeated), as `analyze` prints it.

`record` writes the outputs under DIR; `check` writes them under
DIR.new, compares every file with DIR's and lists those that differ
(exit status 1), or says how many were the same.
"""

import glob
import json
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("DEMARCHE_SHARED", os.path.join(ROOT, "..", "shared"))
BIN = os.path.join(ROOT, "target", "release", "examples")


def build():
    subprocess.run(
        ["cargo", "build", "--quiet", "--release",
         "--example", "analyze", "--example", "explain", "--example", "batch"],
        cwd=ROOT, check=True)


def cases():
    """(name, date, text) for every sentence case and cue sentence."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/it/data/cases/*.txt"))):
        stem = os.path.basename(path)[:-4]
        src = open(path, encoding="utf-8").read()
        for k, block in enumerate(src.split("\n## ")[1:]):
            body = block.split("\n", 1)[1] if "\n" in block else ""
            text = body.split("\n=>\n", 1)[0]
            date, lines = None, []
            for line in text.split("\n"):
                if line.startswith("@date "):
                    date = line[len("@date "):].strip()
                else:
                    lines.append(line)
            out.append((f"case-{stem}-{k}", date, "\n".join(lines).strip()))
    cue = os.path.join(ROOT, "tests/it/data/cue_sentences.txt")
    for k, line in enumerate(open(cue, encoding="utf-8").read().split("\n")):
        if line.startswith("#") or "\t" not in line:
            continue
        out.append((f"cue-{k}", None, line.split("\t", 1)[1]))
    return out


def dev_articles():
    """(name, date, text) for the development articles."""
    out = []
    for path in sorted(glob.glob(os.path.join(SHARED, "corpus/dev/*.txt"))):
        stem = os.path.basename(path)[:-4]
        gold = path[:-4] + ".gold.json"
        date = None
        if os.path.exists(gold):
            date = json.load(open(gold, encoding="utf-8")).get("reference_date")
        out.append((stem, date, open(path, encoding="utf-8").read()))
    return out


def variants(articles):
    """The articles rewritten to stress tokenizing and matching."""
    accents = str.maketrans({"e": "é", "a": "á", "o": "ö", "u": "ü", "c": "ç", "n": "ñ"})
    curly = str.maketrans({"'": "\u2019", '"': "\u201c"})
    straight = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    out = []
    for name, date, text in articles:
        out += [
            (f"{name}-upper", date, text.upper()),
            (f"{name}-lower", date, text.lower()),
            (f"{name}-curly", date, text.translate(curly)),
            (f"{name}-straight", date, text.translate(straight)),
            (f"{name}-accents", date, " ".join(
                w.translate(accents) if i % 3 == 0 else w
                for i, w in enumerate(text.split(" ")))),
            (f"{name}-crlf", date, text.replace("\n", "\r\n")),
            (f"{name}-oneline", date, " ".join(text.split())),
        ]
    return out


def random_news(articles, n=40):
    """Seeded random texts from the articles' words, punctuation and odd characters."""
    rng = random.Random(15)
    words = [w for _, _, t in articles for w in t.split()]
    odd = ["\u201c", "\u201d", "\u2019", "'", '"', "--", "\u2014", "(", ")", ",", ".", ";",
           ":", "?", "!", "\n", "\n\n", "U.S.", "Mr.", "n't", "'s", "3.5", "1,000",
           "\u00e9", "\u0130", "\u00df", "\u00ad", "\u2028", "\t", "\u0000", "\u05e9\u05dc\u05d5\u05dd",
           "\U0001F600", "Q:", "A:", "--", "@", "#"]
    out = []
    for k in range(n):
        parts = []
        for _ in range(rng.randint(5, 400)):
            r = rng.random()
            if r < 0.8:
                start = rng.randrange(len(words))
                parts.append(" ".join(words[start:start + rng.randint(1, 12)]))
            else:
                parts.append(rng.choice(odd))
        sep = rng.choice([" ", "", "\n"])
        out.append((f"random-{k}", rng.choice([None, "2025-06-05"]), sep.join(parts)))
    return out


def run(args, stdin=None):
    p = subprocess.run(args, input=stdin, capture_output=True)
    return p.stdout + b"\n--- stderr ---\n" + p.stderr + f"\n--- status {p.returncode} ---\n".encode()


def produce(out):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    tmp = os.path.join(out, "_inputs")
    os.makedirs(tmp)

    def save(name, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)

    analyze, explain, batch = (os.path.join(BIN, x) for x in ("analyze", "explain", "batch"))
    files = sorted(
        glob.glob(os.path.join(ROOT, "tests/**/*.txt"), recursive=True)
        + glob.glob(os.path.join(ROOT, "examples/data/*.txt"))
        + glob.glob(os.path.join(ROOT, "benches/texts/*.txt")))
    for path in files:
        rel = os.path.relpath(path, ROOT).replace("/", "_")
        save(f"file-{rel}.json", run([analyze, path]))
        save(f"file-{rel}.dated.json", run([analyze, "--date", "2025-06-05", path]))
        save(f"file-{rel}.explain", run([explain, "--date", "2025-06-05", path]))

    articles = dev_articles()
    if not articles:
        sys.exit(f"same_output: no articles under {SHARED}/corpus/dev")
    records = cases() + articles + variants(articles) + random_news(articles)
    for name, date, text in articles + variants(articles) + random_news(articles):
        path = os.path.join(tmp, name + ".txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        dated = ["--date", date] if date else []
        save(f"text-{name}.json", run([analyze] + dated + [path]))
        if not name.startswith("random-"):
            save(f"text-{name}.explain", run([explain] + dated + [path]))

    lexicon = os.path.join(tmp, "extra.tsv")
    with open(lexicon, "w", encoding="utf-8") as f:
        f.write("#! table: stances\nsupport\ttip~ its hat to\t051\tobj\tspeech\n"
                "condemnation\tslam~ the door on\t111\tobj\t-\n")
    user = os.path.join(tmp, "user.txt")
    with open(user, "w", encoding="utf-8") as f:
        f.write("Chile tipped its hat to Peru on Monday, the foreign ministry said. "
                "Bolivia slammed the door on Chile, its president said.\n")
    save("lexicon.json", run([analyze, "--lexicon", lexicon, user]))

    big = os.path.join(tmp, "big.txt")
    dev9 = "".join(t.rstrip() + "\n\n" for _, _, t in articles)
    with open(big, "w", encoding="utf-8") as f:
        f.write(dev9 * (1_000_000 // len(dev9.encode()) + 1))
    save("big.json", run([analyze, "--date", "2025-06-05", big]))

    lines = "".join(
        json.dumps({"id": name, "date": date, "text": text}) + "\n"
        for name, date, text in records).encode()
    one = run([batch, "--threads", "1"], lines)
    two = run([batch, "--threads", "2"], lines)
    save("batch.jsonl", one)
    if one != two:
        save("batch-2-threads-differ.jsonl", two)
    shutil.rmtree(tmp)
    return len(records)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in ("record", "check"):
        sys.exit(__doc__)
    base = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "same-output")
    build()
    if mode == "record":
        n = produce(base)
        print(f"same_output: recorded {len(os.listdir(base))} outputs ({n} batch records) in {base}")
        return
    if not os.path.isdir(base):
        sys.exit(f"same_output: nothing recorded in {base} (run `record` first)")
    new = base + ".new"
    produce(new)
    old_names, new_names = set(os.listdir(base)), set(os.listdir(new))
    differ = sorted(n for n in old_names & new_names
                    if open(os.path.join(base, n), "rb").read() != open(os.path.join(new, n), "rb").read())
    missing, extra = sorted(old_names - new_names), sorted(new_names - old_names)
    for n in differ:
        print(f"differs: {n}")
    for n in missing:
        print(f"missing: {n}")
    for n in extra:
        print(f"new: {n}")
    if differ or missing or extra:
        sys.exit(1)
    print(f"same_output: all {len(old_names)} outputs byte for byte the same as in {base}")


if __name__ == "__main__":
    main()
