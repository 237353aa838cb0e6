#!/usr/bin/env python3
"""What the parts of a full build that Hugo's site does not have cost (`make bench-parts`).

Bantin's full build makes more than the equivalent Hugo site does: the whole-site zip (every
page again, deflated), the portal fragments, the search index, and the unit pages with the
bench's 45,000 report rows. This builds Bantin once more with bench/parts.patch applied, in a
temporary git worktree of HEAD (the patch adds environment switches that leave the whole-site
zip, the fragments or the search entries out; the product itself has none), and times full
builds of the benchmark corpus, interleaved, each round beside Hugo's full build of the same pages:

- the whole build;
- the build without each of those parts (the report rows: the corpus with 25 rows in each of
  its report files instead of 45,000 rows in all);
- the build without all four.

Python 3 standard library only, with git and the Swift toolchain. Usage:

    python3 bench/parts.py [--pages 10000] [--runs 3]

Writes bench/results/parts.md as well as printing it.
"""

import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_bench as rb  # noqa: E402  (the corpus, the timing and the report's header are shared)

PATCH = os.path.join(rb.REPO, "bench", "parts.patch")
SCRATCH = os.path.join(rb.REPO, ".build-bench-parts")
ROWS_KEPT = 25

# label, environment switches (from bench/parts.patch), whether the corpus has its rows cut
VARIANTS = [
    ("whole build", {}, False),
    ("without the whole-site zip", {"BANTIN_BENCH_SKIP_SITE_ZIP": "1"}, False),
    ("without the search index", {"BANTIN_BENCH_SKIP_SEARCH": "1"}, False),
    ("without the portal fragments", {"BANTIN_BENCH_SKIP_FRAGMENTS": "1"}, False),
    ("with %d rows per report file" % ROWS_KEPT, {}, True),
    ("without all four", {"BANTIN_BENCH_SKIP_SITE_ZIP": "1", "BANTIN_BENCH_SKIP_SEARCH": "1",
                          "BANTIN_BENCH_SKIP_FRAGMENTS": "1"}, True),
]


def git(*args, cwd=rb.REPO):
    r = subprocess.run(["git"] + list(args), cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        rb.die("git %s failed:\n%s" % (" ".join(args), r.stderr))
    return r.stdout


def build_patched():
    """The release binary of HEAD with bench/parts.patch, built in a worktree removed afterwards."""
    source = os.path.join(SCRATCH, "source")
    if os.path.isdir(source):
        subprocess.run(["git", "worktree", "remove", "--force", source], cwd=rb.REPO, capture_output=True)
        shutil.rmtree(source, ignore_errors=True)
    git("worktree", "prune")
    git("worktree", "add", "--detach", source, "HEAD")
    try:
        git("apply", PATCH, cwd=source)
        cmd = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "bantin",
               "--scratch-path", os.path.join(SCRATCH, "build")]
        rb.log(" ".join(cmd) + "  (in the patched worktree)")
        if subprocess.run(cmd, cwd=source, stdout=sys.stderr).returncode != 0:
            rb.die("the release build of the patched bantin failed")
        binary = os.path.join(SCRATCH, "bantin-parts")
        shutil.copy2(os.path.join(SCRATCH, "build", "release", "bantin"), binary)
        return binary
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", source], cwd=rb.REPO, capture_output=True)
        git("worktree", "prune")


def cut_rows(bantin_dir, work, pages):
    """A copy of the Bantin corpus whose report files keep their header and first rows."""
    copy = os.path.join(work, "corpus-%d-bantin-%drows" % (pages, ROWS_KEPT))
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(bantin_dir, copy, ignore=shutil.ignore_patterns(".bantin-cache"))
    progress = os.path.join(copy, "content", "campaigns", "bench", "progress")
    cut = 0
    for name in sorted(os.listdir(progress)):
        if not name.endswith(".csv"):
            continue
        path = os.path.join(progress, name)
        with open(path, encoding="utf-8", newline="") as f:
            lines = f.readlines()
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("".join(lines[:1 + ROWS_KEPT]))
        cut += max(0, len(lines) - 1 - ROWS_KEPT)
    if cut == 0:
        rb.die("the corpus at %s has no report rows to cut" % progress)
    return copy, cut


def report(pages, hugo, results, rows_cut, meta):
    whole = results[VARIANTS[0][0]]
    L = ["# What the parts of a full build that Hugo's site does not have cost", ""]
    L.append("- date: %s; machine: %s" % (meta["date"], meta["machine"]))
    L.append("- bantin: HEAD %s with bench/parts.patch (release); hugo: %s" % (meta["commit"], meta["hugo"]))
    L.append("- %d pages; medians of %d interleaved runs; CPU = user + sys; corpus and outputs on tmpfs" % (pages, meta["runs"]))
    L.append("- the report rows: %d rows in the corpus's report files, cut to %d per file" % (rows_cut, ROWS_KEPT))
    L.append("")
    L.append("| full build | wall s | CPU s | wall / Hugo's | CPU saved |")
    L.append("|---|---:|---:|---:|---:|")
    L.append("| Hugo | %.2f | %.2f | 1.00 | |" % (hugo["wall"], hugo["cpu"]))
    for label, _, _ in VARIANTS:
        r = results[label]
        saved = "" if r is whole else "%.2f s (%.0f %%)" % (whole["cpu"] - r["cpu"], 100 * (whole["cpu"] - r["cpu"]) / whole["cpu"])
        L.append("| Bantin, %s | %.2f | %.2f | %.2f | %s |" % (label, r["wall"], r["cpu"], r["wall"] / hugo["wall"], saved))
    L.append("")
    L.append("The target of the performance issue is a third of Hugo's wall time: %.2f s here." % (hugo["wall"] / 3))
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description="What the parts of a full build that Hugo's site does not have cost")
    rb.add_corpus_options(ap, "interleaved runs of each build, the median is kept (default 3)")
    ap.add_argument("--bantin-bin", help="a bantin already built with bench/parts.patch (skips the build)")
    a = ap.parse_args()
    gen, hugo_bin = rb.corpus_setup(a)
    bantin_bin = os.path.abspath(a.bantin_bin) if a.bantin_bin else build_patched()

    os.makedirs(a.work, exist_ok=True)
    hugo_dir, bantin_dir = rb.make_corpus(gen, a.work, a.pages)
    fewer_rows, rows_cut = cut_rows(bantin_dir, a.work, a.pages)
    bantin_out = os.path.join(a.work, "out-%d-parts-bantin" % a.pages)
    hugo_out = os.path.join(a.work, "out-%d-parts-hugo" % a.pages)
    meta = {
        "date": rb.datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": rb.machine(),
        "commit": git("rev-parse", "--short", "HEAD").strip(),   # the worktree built is HEAD, whatever is uncommitted
        "hugo": rb.tool_version([hugo_bin, "version"]),
        "runs": a.runs,
    }
    samples = {label: [] for label, _, _ in VARIANTS}
    hugo_samples = []
    for run in range(a.runs):
        rb.log("round %d/%d" % (run + 1, a.runs))
        hugo_samples += rb.full_builds("hugo", [hugo_bin, "--quiet", "-s", hugo_dir, "-d", hugo_out], hugo_out, 1)
        for label, switches, cut in VARIANTS:
            env = ["env"] + ["%s=%s" % kv for kv in sorted(switches.items())]
            cmd = env + [bantin_bin, "build", "--no-print", "--force", "--site", fewer_rows if cut else bantin_dir,
                         "--output", bantin_out, "--as-of", rb.AS_OF]
            samples[label] += rb.full_builds("bantin, " + label, cmd, bantin_out, 1)
    for d in (bantin_out, hugo_out, fewer_rows):
        shutil.rmtree(d, ignore_errors=True)

    rb.publish(report(a.pages, rb.summarize(hugo_samples), {k: rb.summarize(v) for k, v in samples.items()}, rows_cut, meta), "parts.md")


if __name__ == "__main__":
    main()
