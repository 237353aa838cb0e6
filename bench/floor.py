#!/usr/bin/env python3
"""The floor of a full build against a third of Hugo's time (`make bench-floor`).

Issue 7 asks for a full build of 10,000 pages in a third of Hugo's wall time. This measures
whether that is possible with Bantin's output at all on this machine: it builds the benchmark
corpus (the one `make bench` uses) with Hugo and with Bantin, then runs bench/floor.c, which
does only the work the output cannot be made without, with the same C libraries, and prints:

- per step, the processor seconds of that work alone: reading the inputs, cmark over the
  Markdown bodies, deflating the whole-site zip's entries (libdeflate level 1, the level
  Bantin uses, and their CRC-32) and the unit bundles' entries (level 6), the SHA-256 of every
  zip entry (the manifests), creating the output's folders and writing its files;
- their sum against the target's budget: a third of Hugo's wall time on every core;
- what is left of the budget for everything else (templates, the search index, report rows,
  the tallies, front matter, links, the build cache).

Python 3 standard library only, and the C compiler with libdeflate's, cmark's and libcrypto's
headers (installed by `make deps`). Usage:

    python3 bench/floor.py [--pages 10000] [--runs 3]

Writes bench/results/floor.md as well as printing it.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_bench as rb  # noqa: E402  (the corpus, the binary and the timing are shared)

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = ("read", "markdown", "deflate", "bundles", "digest", "write")
LABELS = {
    "read": "read the inputs (every file under `content/`)",
    "markdown": "Markdown to HTML (cmark, the bodies after their front matter)",
    "deflate": "deflate the whole-site zip's entries (libdeflate level 1, CRC-32)",
    "bundles": "deflate the unit bundles' entries (libdeflate level 6, CRC-32)",
    "digest": "SHA-256 of every zip entry, for the manifests (libcrypto)",
    "write": "create the output's folders and write its files",
}


def compile_floor(work):
    cc = shutil.which("cc") or shutil.which("clang") or shutil.which("gcc")
    if not cc:
        rb.die("no C compiler (cc, clang or gcc) on PATH")
    binary = os.path.join(work, "floor")
    cmd = [cc, "-O2", "-o", binary, os.path.join(HERE, "floor.c"), "-ldeflate", "-lcmark", "-lcrypto"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        rb.die("compiling floor.c failed:\n" + r.stderr)
    return binary


def site_zip(output):
    """The whole-site zip: the bundle with the most entries (each unit's holds only its pages)."""
    bundles = os.path.join(output, "bundles")
    zips = [os.path.join(bundles, n) for n in os.listdir(bundles) if n.endswith(".zip")]
    if not zips:
        rb.die("no zip bundles in %s" % bundles)
    counts = {}
    for path in zips:
        with zipfile.ZipFile(path) as z:
            counts[path] = len(z.infolist())
    return max(zips, key=lambda p: counts[p])


def task_list(site, output, dest, path):
    """The tasks of floor.c: the inputs to read, the bodies to render, the entries to deflate,
    and every folder and file of Bantin's output to make again under dest."""
    lines = []
    content = os.path.join(site, "content")
    for root, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            p = os.path.join(root, name)
            lines.append("R\t" + p)
            if name.endswith(".md"):
                lines.append("M\t" + p)
    whole = site_zip(output)
    with zipfile.ZipFile(whole) as z:
        entries = [i.filename for i in z.infolist() if not i.is_dir()]
    # Entries made only for the zip (its manifest) have no file in the output; they are small.
    deflated = [os.path.join(output, e) for e in entries if os.path.isfile(os.path.join(output, e))]
    lines += ["D\t" + p for p in deflated]
    # A unit bundle's pages are its own copies (the unit page as index.html, links re-pointed):
    # its entries' bytes, taken out of the zip next to the task list, less the manifest.
    bundled = []
    unpacked = os.path.join(os.path.dirname(os.path.abspath(path)), "unit-bundle-entries")
    shutil.rmtree(unpacked, ignore_errors=True)
    bundles = os.path.join(output, "bundles")
    for name in sorted(os.listdir(bundles)):
        unit_zip = os.path.join(bundles, name)
        if not name.endswith(".zip") or unit_zip == whole:
            continue
        with zipfile.ZipFile(unit_zip) as z:
            for info in z.infolist():
                if info.is_dir() or info.filename == "MANIFEST.txt":
                    continue
                bundled.append(z.extract(info, os.path.join(unpacked, name[:-len(".zip")])))
    lines += ["U\t" + p for p in bundled]
    lines += ["S\t" + p for p in deflated + bundled]
    lines.append("K\t" + dest)
    for root, dirs, files in os.walk(output):
        dirs.sort()
        rel = os.path.relpath(root, output)
        target = dest if rel == "." else os.path.join(dest, rel)
        if rel != ".":
            lines.append("K\t" + target)
        for name in sorted(files):
            lines.append("W\t%s\t%s" % (os.path.join(root, name), os.path.join(target, name)))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def run_floor(binary, tasks, dest, runs):
    samples = []
    for i in range(runs):
        shutil.rmtree(dest, ignore_errors=True)
        r = subprocess.run([binary, tasks], capture_output=True, text=True)
        if r.returncode != 0:
            rb.die("floor failed:\n" + r.stderr)
        steps = {}
        for line in r.stdout.splitlines():
            parts = line.split()
            if parts and parts[0] == "step":
                steps[parts[1]] = {"cpu": float(parts[2]), "files": int(parts[3]), "bytes": int(parts[4])}
        if set(steps) != set(STEPS):
            rb.die("floor printed %s" % r.stdout)
        rb.log("  floor run %d/%d: %s" % (i + 1, runs, ", ".join("%s %.2f s" % (s, steps[s]["cpu"]) for s in STEPS)))
        samples.append(steps)
    shutil.rmtree(dest, ignore_errors=True)
    return {s: dict(samples[0][s], cpu=statistics.median(x[s]["cpu"] for x in samples)) for s in STEPS}


def report(n, hugo, bantin, floor, meta):
    cores = os.cpu_count() or 1
    budget_wall = hugo["wall"] / 3
    budget_cpu = budget_wall * cores
    total = sum(floor[s]["cpu"] for s in STEPS)
    L = ["# The floor of a full build of %s pages against a third of Hugo's time" % format(n, ","), ""]
    L.append("- date: %s; machine: %s" % (meta["date"], meta["machine"]))
    L.append("- bantin: %s, commit %s; hugo: %s" % (meta["bantin_bin"], meta["commit"], meta["hugo"]))
    L.append("- medians of %d runs each; CPU = user + sys; corpus and outputs on tmpfs" % meta["runs"])
    L.append("")
    L.append("| work the output cannot be made without (bench/floor.c, one thread) | files | MB | CPU s |")
    L.append("|---|---:|---:|---:|")
    for s in STEPS:
        L.append("| %s | %d | %.1f | %.2f |" % (LABELS[s], floor[s]["files"], floor[s]["bytes"] / 1e6, floor[s]["cpu"]))
    L.append("| **sum** | | | **%.2f** |" % total)
    L.append("")
    L.append("| | wall s | CPU s |")
    L.append("|---|---:|---:|")
    L.append("| Hugo, full build | %.2f | %.2f |" % (hugo["wall"], hugo["cpu"]))
    L.append("| the target: a third of Hugo's wall, on %d cores | %.2f | %.2f |" % (cores, budget_wall, budget_cpu))
    L.append("| the floor above, spread perfectly over %d cores | %.2f | %.2f |" % (cores, total / cores, total))
    L.append("| Bantin, full build | %.2f | %.2f |" % (bantin["wall"], bantin["cpu"]))
    L.append("")
    left = budget_cpu - total
    L.append("The floor alone takes **%.0f %%** of the target's budget, leaving %.2f s of CPU for "
             "everything else; Bantin spends %.2f s of CPU beyond the floor (templates, search index, "
             "report rows, tallies, front matter, links, zip headers, the build cache)."
             % (100 * total / budget_cpu, left, bantin["cpu"] - total))
    L.append("At best (the floor's work on every core all the time) a full build is %.2f of Hugo's wall "
             "time; Bantin's is %.2f." % (total / cores / hugo["wall"], bantin["wall"] / hugo["wall"]))
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description="The floor of a full build against a third of Hugo's time")
    rb.add_corpus_options(ap, "runs of each measurement, the median is kept (default 3)")
    ap.add_argument("--scratch-path", default=rb.DEFAULT_SCRATCH, help="SwiftPM scratch path of the release build")
    ap.add_argument("--bantin-bin", default=os.environ.get("BANTIN_BIN"), help="bantin binary (default SCRATCH/release/bantin)")
    ap.add_argument("--no-build", action="store_true", help="do not run swift build; use the binary as it is")
    a = ap.parse_args()
    gen, hugo_bin = rb.corpus_setup(a)
    bantin_bin = a.bantin_bin or os.path.join(a.scratch_path, "release", "bantin")
    if not a.no_build and not a.bantin_bin:
        rb.build_bantin(a.scratch_path)
    if not os.access(bantin_bin, os.X_OK):
        rb.die("%s is not an executable (build it, or pass --bantin-bin)" % bantin_bin)
    bantin_bin = os.path.abspath(bantin_bin)

    os.makedirs(a.work, exist_ok=True)
    hugo_dir, bantin_dir = rb.make_corpus(gen, a.work, a.pages)
    bantin_out = os.path.join(a.work, "out-%d-floor-bantin" % a.pages)
    hugo_out = os.path.join(a.work, "out-%d-floor-hugo" % a.pages)
    meta = {
        "date": rb.datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": rb.machine(),
        "bantin_bin": os.path.relpath(bantin_bin, rb.REPO) if bantin_bin.startswith(rb.REPO) else bantin_bin,
        "commit": rb.git_describe(),
        "hugo": rb.tool_version([hugo_bin, "version"]),
        "runs": a.runs,
    }
    rb.log("%d pages: hugo" % a.pages)
    hugo = rb.summarize(rb.full_builds("hugo", [hugo_bin, "--quiet", "-s", hugo_dir, "-d", hugo_out], hugo_out, a.runs))
    rb.log("%d pages: bantin" % a.pages)
    bantin = rb.summarize(rb.full_builds("bantin", [bantin_bin, "build", "--no-print", "--force", "--site", bantin_dir,
                                                     "--output", bantin_out, "--as-of", rb.AS_OF], bantin_out, a.runs))
    with tempfile.TemporaryDirectory(prefix="bantin-floor-") as tmp:
        binary = compile_floor(tmp)
        tasks = os.path.join(tmp, "tasks.txt")
        dest = os.path.join(a.work, "out-%d-floor-copy" % a.pages)
        task_list(bantin_dir, bantin_out, dest, tasks)
        rb.log("%d pages: floor" % a.pages)
        floor = run_floor(binary, tasks, dest, a.runs)
    for d in (bantin_out, hugo_out):
        shutil.rmtree(d, ignore_errors=True)

    rb.publish(report(a.pages, hugo, bantin, floor, meta), "floor.md")


if __name__ == "__main__":
    main()
