#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Print the README's CPU feature table from the "features" boots' transcripts.

Reads build/test-logs/<config>-features.log (written by tests/run.py) for the
GICv3 configurations entered at EL2/HYP and prints one markdown row per CPU
model: "works" where the feature was used at EL1/SVC without a trap,
"not present" where the ID registers say the CPU lacks it, FAILED otherwise.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))
import matrix  # noqa: E402

# The order of tests/guest/arch_features.h.
ORDER = ["FP/SIMD", "SVE", "SME", "PAuth", "MTE", "GICv3 sysregs", "timers+counters",
         "PMU cycles", "PMU events", "debug regs"]
LINE = re.compile(r"^feature: ([^:]+): (works|not present|FAILED) \((.*)\)$", re.M)


def main():
    logdir = sys.argv[1] if len(sys.argv) > 1 else "build/test-logs"
    rows, features = [], []
    for config, (arch, cpu, gic, el, _) in matrix.CONFIGS.items():
        if gic != 3 or el != 2:
            continue
        path = os.path.join(logdir, "%s-features.log" % config)
        if not os.path.exists(path):
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
    print("| arch | CPU model | " + " | ".join(features) + " |")
    print("| --- | --- |" + " --- |" * len(features))
    for arch, label, cells in rows:
        print("| %s | %s | %s |" % (arch, label, " | ".join(cells.get(f, "?") for f in features)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
