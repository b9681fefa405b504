#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Static checks of the documentation and the version (part of `make test`).

  docs_check.py            the README is at most README_MAX lines, and every
                           link from README.md, CHANGELOG.md and docs/*.md to
                           a file of this tree (and to a heading in it) is alive
  docs_check.py --version  scripts/version.sh gives the VERSION file's number
                           behind `git describe` in this checkout, and the
                           number alone in a copy without git
Prints each problem; exit code 1 when there is one.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README_MAX = 250
# Files another branch of the same issue writes: a link to one is reported,
# not failed, until the file exists (then it is checked like any other).
PENDING = {"docs/SDK.md": "the SDK half of issue 18 writes it"}
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading):
    """The anchor GitHub gives a heading."""
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def anchors(path):
    text = open(path).read()
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.M)}


def check_links(docs):
    problems, notes = [], []
    for doc in docs:
        text = open(os.path.join(ROOT, doc)).read()
        text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks hold no links
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue  # a URL: not this tree's
            path, _, anchor = target.partition("#")
            rel = os.path.normpath(os.path.join(os.path.dirname(doc), path)) if path else doc
            full = os.path.join(ROOT, rel)
            if not os.path.exists(full):
                if rel in PENDING:
                    notes.append("%s links %s, not in this tree yet (%s)" % (
                        doc, rel, PENDING[rel]))
                else:
                    problems.append("%s: dead link %s (no %s)" % (doc, target, rel))
                continue
            if anchor and rel.endswith(".md") and anchor not in anchors(full):
                problems.append("%s: dead link %s (no heading #%s in %s)" % (
                    doc, target, anchor, rel))
    return problems, notes


def check_readme():
    with open(os.path.join(ROOT, "README.md")) as f:
        n = len(f.read().splitlines())
    if n > README_MAX:
        return ["README.md has %d lines, at most %d: move the detail into docs/" % (
            n, README_MAX)]
    print("README.md: %d lines (at most %d)" % (n, README_MAX))
    return []


def check_version():
    problems = []
    script = os.path.join(ROOT, "scripts", "version.sh")
    number = open(os.path.join(ROOT, "VERSION")).read().strip()
    got = subprocess.run([script], capture_output=True, text=True).stdout.strip()
    described = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty",
                                "--match", "v[0-9]*"], capture_output=True, text=True)
    if described.returncode == 0:
        d = described.stdout.strip()
        want = d[1:] if d.startswith("v") else "%s-g%s" % (number, d)
        if got != want:
            problems.append("version.sh in git: %r, expected %r (git describe: %r)" % (
                got, want, d))
        else:
            print("version in git: %s" % got)
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "scripts"))
        shutil.copy(script, os.path.join(tmp, "scripts"))
        shutil.copy(os.path.join(ROOT, "VERSION"), tmp)
        # A tree with no .git, even inside a checkout: GIT_CEILING_DIRECTORIES
        # keeps git from finding a parent's.
        env = dict(os.environ, GIT_CEILING_DIRECTORIES=tmp)
        alone = subprocess.run([os.path.join(tmp, "scripts", "version.sh")], capture_output=True,
                               text=True, env=env).stdout.strip()
        if alone != number:
            problems.append("version.sh without git: %r, expected VERSION's %r" % (alone, number))
        else:
            print("version without git: %s" % alone)
        with open(os.path.join(tmp, "VERSION"), "w") as f:
            f.write("not a version\n")
        bad = subprocess.run([os.path.join(tmp, "scripts", "version.sh")], capture_output=True,
                             text=True, env=env)
        if bad.returncode == 0:
            problems.append("version.sh accepted a VERSION file that is no version: %r" %
                            bad.stdout.strip())
    return problems


def main():
    if sys.argv[1:] == ["--version"]:
        problems = check_version()
    else:
        docs = ["README.md", "CHANGELOG.md"] + sorted(
            os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "docs", "*.md")))
        problems = check_readme()
        link_problems, notes = check_links(docs)
        problems += link_problems
        for n in sorted(set(notes)):
            print("note: " + n)
        if not link_problems:
            print("links: every link from %d documents alive" % len(docs))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
