#!/usr/bin/env python3
"""End-to-end speed and memory, beside `wc -w` on the same text in the same run.

    python3 scripts/speed.py [--runs N] [--mb M] [--callgrind] [--against DIR]

Builds the release examples, writes the articles under `benches/texts/`
repeated to a document of about M MB (default 1) under `target/speed/`,
then, alternating the programs N times (default 7) and keeping each one's
fastest run:

- `wc -w` and `analyze --date 2025-06-05` on that document (JSON written to
  /dev/null): MB/s of each, wall clock and CPU time, and their ratio;
- `analyze` on an empty file: the fixed cost (lexicon compiled, process
  started), and peak memory (max RSS) of both runs: bytes of memory per
  input byte above the lexicon;
- `batch` on the articles as JSON Lines (the same bytes of text, one
  record per article), with one thread and with two: MB/s of text, the
  speed-up, and peak memory, also for ten times as many records; and two
  one-thread `batch` processes at once, the speed-up the machine itself
  gives at that moment (other users' work takes cores too).

MB = 10^6 bytes. The machine may be shared: read the ratios, which are
measured within one run. With `--callgrind`, it also counts the
instructions `analyze` executes (valgrind's callgrind, steady from run to
run) on the empty file and on the document: instructions per input byte.
With `--against DIR`, the `analyze` in DIR (another build's
`target/release/examples`, say of the commit a change started from) runs
alternately with this one on the same files, and both are printed: on a
shared machine, a comparison within one run is the one to trust.
"""

import glob
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "examples")
OUT = os.path.join(ROOT, "target", "speed")


def arg(name, default):
    if name in sys.argv:
        return type(default)(sys.argv[sys.argv.index(name) + 1])
    return default


def measure(args, stdin_path=None, copies=1):
    """(wall seconds, cpu seconds, max RSS bytes) of one run, output discarded:
    the largest CPU time and peak memory when `copies` run at once."""
    stats = [os.path.join(OUT, f"time.{k}") for k in range(copies)]
    start = time.perf_counter()
    procs = []
    for out in stats:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        # GNU time, so that peak memory is the program's own, not this script's.
        procs.append(subprocess.Popen(["/usr/bin/time", "-o", out, "-f", "%U %S %M"] + args,
                                      stdin=stdin, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
        if stdin_path:
            stdin.close()
    for p in procs:
        if p.wait() != 0:
            sys.exit(f"speed: {args} failed with status {p.returncode}")
    wall = time.perf_counter() - start
    cpu, rss = 0.0, 0
    for out in stats:
        user, system, kb = open(out).read().split()[-3:]
        cpu, rss = max(cpu, float(user) + float(system)), max(rss, int(kb) * 1024)
    return wall, cpu, rss


def best(runs):
    """The fastest wall time, the least CPU time and the largest peak memory of several runs."""
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def instructions(args):
    out = os.path.join(OUT, "callgrind.out")
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + args,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip().replace(",", ""))
    sys.exit(f"speed: callgrind failed: {p.stderr[-500:]}")


def main():
    runs, mb = arg("--runs", 7), arg("--mb", 1.0)
    subprocess.run(["cargo", "build", "--quiet", "--release", "--example", "analyze",
                    "--example", "batch"], cwd=ROOT, check=True)
    os.makedirs(OUT, exist_ok=True)
    articles = [open(p, encoding="utf-8").read()
                for p in sorted(glob.glob(os.path.join(ROOT, "benches/texts/*.txt")))]
    dev9 = "".join(t.rstrip() + "\n\n" for t in articles)
    copies = max(1, round(mb * 1e6 / len(dev9.encode())))
    doc, empty = os.path.join(OUT, "news.txt"), os.path.join(OUT, "empty.txt")
    with open(doc, "w", encoding="utf-8") as f:
        f.write(dev9 * copies)
    open(empty, "w").close()
    size = os.path.getsize(doc)
    jsonl, jsonl10 = os.path.join(OUT, "news.jsonl"), os.path.join(OUT, "news10.jsonl")
    records = "".join(json.dumps({"id": f"a{k}-{i}", "date": "2025-06-05", "text": t}) + "\n"
                      for k in range(copies) for i, t in enumerate(articles))
    with open(jsonl, "w", encoding="utf-8") as f:
        f.write(records)
    with open(jsonl10, "w", encoding="utf-8") as f:
        f.write(records * 10)
    text_bytes = sum(len(t.encode()) for t in articles) * copies

    analyze, batch = os.path.join(BIN, "analyze"), os.path.join(BIN, "batch")
    against = arg("--against", "")
    other = os.path.join(against, "analyze") if against else None
    if other and not os.access(other, os.X_OK):
        sys.exit(f"speed: no analyze program in {against}")
    wc, an, an0, b1, b2, par, ot, ot0 = [], [], [], [], [], [], [], []
    for _ in range(runs):
        wc.append(measure(["wc", "-w", doc]))
        an.append(measure([analyze, "--date", "2025-06-05", doc]))
        an0.append(measure([analyze, empty]))
        if other:
            ot.append(measure([other, "--date", "2025-06-05", doc]))
            ot0.append(measure([other, empty]))
        b1.append(measure([batch, "--threads", "1"], jsonl))
        b2.append(measure([batch, "--threads", "2"], jsonl))
        par.append(measure([batch, "--threads", "1"], jsonl, copies=2))
    b10 = [measure([batch, "--threads", "2"], jsonl10) for _ in range(2)]
    wc, an, an0, b1, b2, b10, par = map(best, (wc, an, an0, b1, b2, b10, par))

    mbs = lambda n, s: n / s / 1e6
    print(f"input: {size:,} bytes ({copies} copies of the {len(articles)} articles in benches/texts);"
          f" best of {runs}; LC_ALL={os.environ.get('LC_ALL', '')!r} LANG={os.environ.get('LANG', '')!r}")
    print(f"{'':22} {'wall s':>8} {'cpu s':>8} {'MB/s':>8} {'MB/s cpu':>9} {'max RSS':>9}")
    for name, (w, c, m), n in [("wc -w", wc, size), ("analyze", an, size),
                               ("analyze (empty file)", an0, 0),
                               ("batch --threads 1", b1, text_bytes),
                               ("batch --threads 2", b2, text_bytes),
                               ("batch 2, 10x records", b10, 10 * text_bytes)]:
        rate = f"{mbs(n, w):8.1f} {mbs(n, c) if c > 0 else float('inf'):9.1f}" if n else f"{'-':>8} {'-':>9}"
        print(f"{name:22} {w:8.3f} {c:8.3f} {rate} {m / 1e6:7.1f}MB")
    print(f"analyze / wc -w (wall): 1/{an[0] / wc[0]:.1f} "
          f"(goal: 1/10 or 30 MB/s; analyze {mbs(size, an[0]):.1f} MB/s)")
    print(f"analyze without its fixed cost: {mbs(size, max(an[0] - an0[0], 1e-9)):.1f} MB/s wall,"
          f" {mbs(size, max(an[1] - an0[1], 1e-9)):.1f} MB/s cpu")
    print(f"memory above the lexicon: {(an[2] - an0[2]) / size:.1f} bytes per input byte"
          f" ({(an[2] - an0[2]) / 1e6:.1f} MB; lexicon and process {an0[2] / 1e6:.1f} MB)")
    print(f"batch: 2 threads / 1 thread = {b1[0] / b2[0]:.2f}x (wall), where two one-thread"
          f" processes at once get {2 * b1[0] / par[0]:.2f}x (what the machine gives now);"
          f" 10x records: {b10[2] / 1e6:.1f} MB against {b2[2] / 1e6:.1f} MB")
    if other:
        ot, ot0 = best(ot), best(ot0)
        print(f"against {other}: {ot[0]:.3f} s ({mbs(size, ot[0]):.1f} MB/s, 1/{ot[0] / wc[0]:.1f} of wc -w),"
              f" empty file {ot0[0]:.3f} s, {(ot[2] - ot0[2]) / size:.1f} bytes per input byte;"
              f" this build takes {an[0] / ot[0]:.2f}x its time")
    if "--callgrind" in sys.argv:
        i0 = instructions([analyze, empty])
        i1 = instructions([analyze, "--date", "2025-06-05", doc])
        print(f"instructions: {i0:,} fixed (empty file), {i1:,} on the document:"
              f" {(i1 - i0) / size:.0f} per input byte above the fixed cost, {i1 / size:.0f} in all")


if __name__ == "__main__":
    main()
