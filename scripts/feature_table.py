#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The CPU feature table of docs/HARDENING.md, from the "features" boots' transcripts.

Reads build/test-logs/<config>-features.log (written by tests/run.py) for the
GICv3 configurations entered at EL2/HYP and renders one markdown row per CPU
model: "yes" where the feature was used at EL1/SVC without a trap, "no"
where the ID registers say the CPU lacks it, FAILED otherwise.

  feature_table.py [LOGDIR]              print the table
  feature_table.py --update DOC [LOGDIR] write it between DOC's markers
  feature_table.py --check DOC [LOGDIR]  DOC's table is what the logs say
                                         (exit 2 when a configuration's log is
                                         missing: nothing to check against)
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))
import matrix  # noqa: E402

# The order of tests/guest/arch_features.h.
ORDER = ["FP/SIMD", "SVE", "SME", "PAuth", "MTE", "GICv3 sysregs", "timers+counters",
         "PMU cycles", "PMU events", "debug regs"]
LINE = re.compile(r"^feature: ([^:]+): (works|not present|FAILED) \((.*)\)$", re.M)


BEGIN, END = "<!-- features begin -->\n", "<!-- features end -->"


def table(logdir):
    """The markdown table, and the configurations whose log is missing."""
    rows, features, missing = [], [], []
    for config, (arch, cpu, gic, el, _) in matrix.CONFIGS.items():
        if gic != 3 or el != 2 or "features" not in matrix.groups_for(config):
            continue
        path = os.path.join(logdir, "%s-features.log" % config)
        if not os.path.exists(path):
            missing.append(config)
            continue
        text = open(path, errors="replace").read()
        cells = {}
        for name, verdict, why in LINE.findall(text):
            if name not in features:
                features.append(name)
            if verdict == "works":
                m = re.search(r"VL (\d+) bits", why) or re.search(r"MTE (\d)", why)
                cells[name] = "yes" + (" (%s)" % (m.group(0)) if m else "")
            else:
                cells[name] = "no" if verdict == "not present" else "**FAILED**"
        label = cpu + (" (" + " ".join(matrix.CONFIG_EXTRA[config][1::2]) + ")"
                       if config in matrix.CONFIG_EXTRA else "")
        rows.append((arch, label, cells))
    features.sort(key=lambda f: ORDER.index(f) if f in ORDER else len(ORDER))
    out = ["| arch | CPU model | " + " | ".join(features) + " |",
           "| --- | --- |" + " --- |" * len(features)]
    for arch, label, cells in rows:
        out.append("| %s | %s | %s |" % (arch, label,
                                         " | ".join(cells.get(f, "?") for f in features)))
    return "\n".join(out) + "\n", missing


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("logdir", nargs="?", default="build/test-logs")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--update", metavar="DOC")
    g.add_argument("--check", metavar="DOC")
    args = ap.parse_args()
    text, missing = table(args.logdir)
    doc = args.update or args.check
    if not doc:
        sys.stdout.write(text)
        return 0
    if missing:
        print("feature_table: no features log for %s in %s: run the matrix first" % (
            ", ".join(missing), args.logdir))
        return 2
    with open(doc) as f:
        old = f.read()
    if BEGIN not in old or END not in old:
        print("feature_table: %s has no %s...%s markers" % (doc, BEGIN.strip(), END))
        return 1
    head, rest = old.split(BEGIN, 1)
    new = head + BEGIN + text + END + rest.split(END, 1)[1]
    if args.update:
        with open(doc, "w") as f:
            f.write(new)
        print("feature_table: %s updated" % doc)
        return 0
    if new != old:
        print("feature_table: the CPU feature table of %s is not what the logs of this run say:"
              % doc)
        print(text)
        print("run `python3 scripts/feature_table.py --update %s` and commit it" % doc)
        return 1
    print("feature_table: %s matches the logs of %d configurations" % (doc, len(text.splitlines()) - 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
