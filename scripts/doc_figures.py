#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The benchmark figures of docs/: generated, never copied by hand.

`make bench` measures (scripts/bench.py, build/bench.json) and then runs
`doc_figures.py --update build/bench.json`: the figures are kept in
docs/figures/bench.json and each table of docs/BENCHMARKS.md between
`<!-- bench:NAME begin -->` and `<!-- bench:NAME end -->` is rendered
from them. `make test` runs `--check` (every block is what the committed
figures render: no hand edit) and `--compare FRESH.json` (every committed
figure is what a fresh run of this build gives: exactly for the counts
that depend only on the code, within TOLERANCE for those that also move
with the size of the device tree and images, e.g. with the version
string's length, and for the Linux boots' stop lag).
"""
import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIGURES = os.path.join("docs", "figures", "bench.json")
DOCS = [os.path.join("docs", "BENCHMARKS.md"), os.path.join("docs", "CONFORMANCE.md")]
ARCHS = ("arm64", "arm")

# Block name -> which figures (by name) it shows, in the order bench.py wrote them.
BLOCKS = [
    ("calls", r"^(stub\.(set|reset|err|bad|soft_restart)\.|floor\.|client\.|overhead\.)"),
    ("boot", r"^shim\."),
    ("cpus", r"^cpu\."),
    ("kexec", r"^kexec\."),
    ("linux", r"^linux\."),
    ("sizes", r"^(stub\.(resident|per_cpu|stack|slow_stack|spare)|cpu_entry\.|resident\.|size\.)"),
    ("hyp", r"^hyp\.(?!stage2\.)"),
    ("stage2", r"^hyp\.stage2\."),
    # Linux's own stub and the sample hypervisor under Linux (abi_check bench=1, count=1).
    ("linux_stub", r"^linux_(stub|hyp)\."),
]
# Figures that are not pure functions of the code: (pattern, relative
# tolerance). The shim's boot prints the version and puts it in the
# device tree, so its figures (and everything that includes the boot, or
# reads, edits and copies that tree: the kexec loader's fixed part) move
# with the version string's length, about a thousand instructions a
# character; the Linux boots are stopped a little after their line (the
# spread), and Linux itself varies a little from run to run.
TOLERANCE = [
    (r"^shim\.per_cpu\.", 0.03),
    (r"^shim\.", 0.02),
    (r"^kexec\.(loader\.|fixed$|request_plan$)", 0.01),
    (r"^linux\..*spread$", None),  # a lag, not a count: not compared
    (r"^linux\.hypstub_to_hvc$", 0.02),
    (r"^linux\.(hypstub_pct|added_pct)$", 0.1),
    (r"^linux\.", 0.01),
    # insmod/rmmod under Linux: the module's own work around the calls varies a little.
    (r"^linux_hyp\.", 0.05),
]
BEGIN = re.compile(r"<!-- bench:(\w+) begin -->\n")


def block_of(name):
    found = [b for b, pat in BLOCKS if re.search(pat, name)]
    return found[0] if len(found) == 1 else None


def fmt(v):
    if isinstance(v, int) and abs(v) >= 10000:
        return "{:,}".format(v).replace(",", "\u202f")  # narrow no-break space
    return str(v)


def verdict(v, budget):
    op, limit = budget
    ok = v <= limit if op == "<=" else v < limit
    return "met" if ok else "NOT met"


def render(records, block):
    """The markdown table of one block."""
    rows = [r for r in records if block_of(r["name"]) == block]
    cols = []
    for arch in ARCHS:
        for r in rows:
            if r["arch"] == arch and (arch, r["cpu"]) not in cols:
                cols.append((arch, r["cpu"]))
    names = []
    for r in rows:
        if r["name"] not in names:
            names.append(r["name"])
    by = {(r["name"], r["arch"], r["cpu"]): r for r in rows}
    budgets = any(r.get("budget") for r in rows)
    out = ["| measurement | unit | " + " | ".join("%s %s" % c for c in cols)
           + (" | budget |" if budgets else " |"),
           "| --- | --- |" + " ---: |" * len(cols) + (" --- |" if budgets else "")]
    for n in names:
        first = next(r for r in rows if r["name"] == n)
        cells = []
        verdicts = []
        for a, c in cols:
            r = by.get((n, a, c))
            cells.append("-" if r is None else fmt(r["value"]))
            if r is not None and r.get("budget"):
                verdicts.append(verdict(r["value"], r["budget"]))
        line = "| %s | %s | %s |" % (first["label"], first["unit"], " | ".join(cells))
        if budgets:
            b = first.get("budget")
            line += " %s |" % ("%s %s: %s" % (b[0], b[1], "/".join(sorted(set(verdicts))))
                               if b else "")
        out.append(line)
    return "\n".join(out) + "\n"


def load(path):
    with open(path) as f:
        return json.load(f)


def rewrite(text, records, path):
    """The document with each generated block rendered anew; unknown blocks are errors."""
    out, pos, errors = [], 0, []
    for m in BEGIN.finditer(text):
        name = m.group(1)
        end = "<!-- bench:%s end -->" % name
        stop = text.find(end, m.end())
        if stop < 0:
            errors.append("%s: block %s has no end marker" % (path, name))
            continue
        if name not in dict(BLOCKS):
            errors.append("%s: unknown block %s" % (path, name))
        out.append(text[pos:m.end()])
        out.append(render(records, name) if name in dict(BLOCKS) else text[m.end():stop])
        pos = stop
    out.append(text[pos:])
    return "".join(out), errors


def problems_static(records):
    """Every figure has its block, every block is in a document, no document edited by hand."""
    problems = []
    for r in records:
        if block_of(r["name"]) is None:
            problems.append("figure %s belongs to no block (scripts/doc_figures.py BLOCKS)"
                            % r["name"])
    seen = set()
    for doc in DOCS:
        path = os.path.join(ROOT, doc)
        text = open(path).read()
        seen.update(BEGIN.findall(text))
        fresh, errors = rewrite(text, records, doc)
        problems += errors
        if fresh != text:
            old, new = text.splitlines(), fresh.splitlines()
            diff = [(o, n) for o, n in zip(old, new) if o != n][:3]
            problems.append("%s: generated tables differ from %s (edited by hand?): %s" % (
                doc, FIGURES, "; ".join("%r became %r" % d for d in diff) or
                "lines added or removed"))
    for name, _ in BLOCKS:
        if name not in seen:
            problems.append("block %s is in no document" % name)
    return problems


def compare(committed, fresh, skipped_ok):
    """Committed figures against a fresh run's: (problems, notes)."""
    problems, notes = [], []
    now = {(r["name"], r["arch"], r["cpu"]): r["value"] for r in fresh}
    missing_linux = 0
    for r in committed:
        key = (r["name"], r["arch"], r["cpu"])
        tol = next((t for pat, t in TOLERANCE if re.search(pat, r["name"])), 0)
        if key not in now:
            if skipped_ok and r["name"].startswith(("linux.", "kexec.loader.linux",
                                                    "kexec.linux.")):
                missing_linux += 1
                continue
            problems.append("%s (%s/%s): committed %s, not in the fresh run" % (
                r["name"], r["arch"], r["cpu"], r["value"]))
            continue
        if tol is None:
            continue
        v = now[key]
        if tol == 0 and v != r["value"]:
            problems.append("%s (%s/%s): committed %s, this build gives %s" % (
                r["name"], r["arch"], r["cpu"], r["value"], v))
        elif tol and abs(v - r["value"]) > tol * abs(r["value"]):
            problems.append("%s (%s/%s): committed %s, this build gives %s (more than %g%% off)"
                            % (r["name"], r["arch"], r["cpu"], r["value"], v, tol * 100))
    keys = {(r["name"], r["arch"], r["cpu"]) for r in committed}
    for k in sorted(set(now) - keys):
        problems.append("%s (%s/%s): a new figure, not in %s" % (k + (FIGURES,)))
    if missing_linux:
        notes.append("SKIPPED: %d figures of the Linux boots not compared (no Debian kernel "
                     "in this run)" % missing_linux)
    return problems, notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--update", metavar="BENCH_JSON",
                   help="keep these figures in docs/figures/ and render the documents' blocks")
    g.add_argument("--check", action="store_true",
                   help="the documents' blocks are what the committed figures render")
    g.add_argument("--compare", metavar="BENCH_JSON",
                   help="the committed figures are what this fresh run gives")
    ap.add_argument("--linux-skipped", action="store_true",
                    help="with --compare: the fresh run had no Debian kernel")
    args = ap.parse_args()
    figures = os.path.join(ROOT, FIGURES)
    if args.update:
        records = load(args.update)
        archs = {r["arch"] for r in records}
        linux = {r["arch"] for r in records if r["name"].startswith("linux.")}
        if archs != set(ARCHS) or linux != set(ARCHS):
            sys.exit("doc_figures: %s is a partial run (architectures %s, Linux boots on %s): "
                     "docs/ not updated; run `make bench` with both architectures and a "
                     "Debian kernel" % (args.update, sorted(archs), sorted(linux) or "none"))
        problems = [p for p in problems_static(records) if "differ from" not in p
                    and "in no document" not in p]
        if problems:
            sys.exit("doc_figures: " + "\n".join(problems))
        os.makedirs(os.path.dirname(figures), exist_ok=True)
        with open(figures, "w") as f:
            json.dump(records, f, indent=1)
            f.write("\n")
        for doc in DOCS:
            path = os.path.join(ROOT, doc)
            text, errors = rewrite(open(path).read(), records, doc)
            if errors:
                sys.exit("doc_figures: " + "\n".join(errors))
            with open(path, "w") as f:
                f.write(text)
        print("doc_figures: %d figures written to %s and %s" % (
            len(records), FIGURES, ", ".join(DOCS)))
        return 0
    committed = load(figures)
    if args.check:
        problems, notes = problems_static(committed), []
    else:
        problems, notes = compare(committed, load(args.compare), args.linux_skipped)
    for n in notes:
        print(n)
    for p in problems:
        print("doc_figures: " + p)
    if problems and args.compare:
        print("doc_figures: the code no longer gives the documented figures: run `make bench` "
              "and commit docs/figures/bench.json and docs/BENCHMARKS.md")
    print("doc_figures: %s, %d figures: %s" % ("check" if args.check else "compare",
                                                len(committed),
                                                "%d problems" % len(problems) if problems
                                                else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
