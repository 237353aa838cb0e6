#!/usr/bin/env python3
"""Bantin vs Hugo build benchmark (`make bench`).

Generates the shared benchmark corpus (../shared/bench/gen_corpus.py) as a Hugo site and as
a Bantin site on tmpfs, builds each with Bantin (release build, no PDFs) and with Hugo,
both writing to tmpfs, and prints a Markdown table (also written to bench/results/latest.md):
pages, input MB, wall seconds (median), CPU seconds (user+sys), pages/s, peak RSS
(/usr/bin/time -v) and the Bantin/Hugo ratios, for a full build, a no-op rebuild and a
rebuild after one page changed.

Python 3 standard library only. Usage:

    python3 bench/run_bench.py [--sizes 1000,10000] [--big] [--runs 5]

Environment: BENCH_SIZES (like --sizes), BENCH_RUNS (like --runs), BANTIN_BIN (the binary
to run; default <repo>/.build-bench/release/bantin, built with --scratch-path .build-bench).
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SCRATCH = os.path.join(REPO, ".build-bench")
RESULTS = os.path.join(REPO, "bench", "results")
TIME = "/usr/bin/time"
SEED = 42
# Progress is measured on a fixed day (the corpus campaign runs 2018-01-01 .. 2024-12-31).
AS_OF = "2025-01-01"
# The page edited by the one-page rebuild: the 7th generated page (exists in every corpus).
EDIT_INDEX = 7


def log(msg):
    sys.stderr.write("bench: " + msg + "\n")
    sys.stderr.flush()


def die(msg):
    log("error: " + msg)
    sys.exit(1)


# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------


def sudo():
    return [] if os.geteuid() == 0 else ["sudo"]


def ensure_packages():
    """Installs Debian's hugo and time, only if absent."""
    missing = [p for p in ("hugo", "time")
               if subprocess.run(["dpkg", "-s", p], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL).returncode != 0]
    if not missing:
        return
    log("installing " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = sudo() + ["apt-get", "-o", "DPkg::Lock::Timeout=900", "install", "-y", "-qq"] + missing
    if subprocess.run(cmd, env=env).returncode != 0:
        # The package lists may be missing or stale: update once and try again.
        subprocess.run(sudo() + ["apt-get", "update", "-qq"], env=env, check=False)
        if subprocess.run(cmd, env=env).returncode != 0:
            die("could not install " + " ".join(missing))


def add_corpus_options(ap, runs_help):
    """The options `make bench-floor` and `make bench-parts` share: the corpus's size, where its
    generator is and where it goes, and how many runs of each build."""
    ap.add_argument("--pages", type=int, default=10000, help="corpus size (default 10000)")
    ap.add_argument("--runs", type=int, default=3, help=runs_help)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared"),
                    help="the shared folder holding bench/gen_corpus.py (default <repo>/../shared)")
    ap.add_argument("--work", default="/dev/shm/bantin-bench", help="tmpfs folder (default /dev/shm/bantin-bench)")


def corpus_setup(a):
    """Checks the options of add_corpus_options and installs what is missing: (the corpus
    generator, the hugo binary)."""
    if a.runs < 1:
        die("--runs must be at least 1")
    gen = os.path.join(a.shared, "bench", "gen_corpus.py")
    if not os.path.isfile(gen):
        die("%s not found: pass --shared DIR" % gen)
    ensure_packages()
    return gen, shutil.which("hugo") or die("hugo is not on PATH")


def publish(text, name):
    """Prints the report and writes it to bench/results/NAME (not committed)."""
    sys.stdout.write(text)
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, name), "w", encoding="utf-8") as f:
        f.write(text)
    log("written to " + os.path.relpath(os.path.join(RESULTS, name), os.getcwd()))


def build_bantin(scratch):
    # As `make release` builds it (Swift's runtime linked in).
    cmd = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "bantin", "--scratch-path", scratch]
    log(" ".join(cmd))
    # Its output goes to stderr: stdout is the report.
    if subprocess.run(cmd, cwd=REPO, stdout=sys.stderr).returncode != 0:
        die("the release build of bantin failed")


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
        return out.splitlines()[0] if out else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = int(line.split()[1]) / 1048576
    except OSError:
        pass
    return "%s, %d cores, %.0f GB RAM, Linux %s" % (cpu, os.cpu_count() or 0, mem, platform.release())


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0


def git_describe():
    def git(*args):
        r = subprocess.run(["git"] + list(args), cwd=REPO, capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else ""
    head = git("rev-parse", "--short", "HEAD") or "?"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return head + (" + uncommitted changes" if dirty else "")


# ---------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
DATE = re.compile(r"^date: (\d{4}-\d{2}-\d{2})T[0-9:]+(?:[+-]\d{2}:\d{2}|Z)?$", re.M)
TAGS = re.compile(r"^tags: .*\n", re.M)


# Bump when convert_bantin_post changes, so cached corpora are converted again.
CONVERT_VERSION = "2"


def convert_bantin_post(text):
    """gen_corpus writes Hugo-style front matter; Bantin's posts take `date: YYYY-MM-DD`
    (a timestamp is an error) and have no `tags` (an unknown key is a warning per page).
    The body is unchanged (its links are already relative .md links)."""
    m = FRONT.match(text)
    if not m:
        return text
    fm = DATE.sub(r"date: \1", m.group(1))
    fm = TAGS.sub("", fm + "\n").rstrip("\n")
    return "---\n" + fm + "\n---\n" + text[m.end():]


# Bantin reads an activity report of at most 5 MB (its hint: one file per month or per unit).
PROGRESS_PART_BYTES = 4 << 20


def split_progress(progress_dir):
    """gen_corpus writes one progress.csv of N×5 rows (22 MB at 50,000 pages): split it into
    files under the limit, each with the header, as an office would export one per period."""
    source = os.path.join(progress_dir, "progress.csv")
    if not os.path.exists(source) or os.path.getsize(source) <= PROGRESS_PART_BYTES:
        return
    with open(source, encoding="utf-8", newline="") as f:
        header = f.readline()
        rows = f.readlines()
    os.remove(source)
    part, size, number = [], 0, 1
    for row in rows + [None]:
        if row is None or (part and size + len(row.encode("utf-8")) > PROGRESS_PART_BYTES - len(header)):
            with open(os.path.join(progress_dir, "progress-%02d.csv" % number), "w", encoding="utf-8", newline="") as out:
                out.write(header + "".join(part))
            part, size, number = [], 0, number + 1
        if row is not None:
            part.append(row)
            size += len(row.encode("utf-8"))


def file_sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    h.update(CONVERT_VERSION.encode())
    return h.hexdigest()


def make_corpus(gen, work, n):
    """Returns (hugo_dir, bantin_dir); regenerated only when the generator or this script changed."""
    base = os.path.join(work, "corpus-%d" % n)
    hugo_dir, bantin_dir = base + "-hugo", base + "-bantin"
    stamp = base + ".stamp"
    want = "%s pages=%d seed=%d" % (file_sha(gen), n, SEED)
    if os.path.exists(stamp) and open(stamp).read() == want \
            and os.path.isdir(hugo_dir) and os.path.isdir(bantin_dir):
        log("corpus %d: reusing %s" % (n, base))
        return hugo_dir, bantin_dir
    for d in (hugo_dir, bantin_dir):
        shutil.rmtree(d, ignore_errors=True)
    if os.path.exists(stamp):
        os.remove(stamp)
    log("corpus %d: generating into %s" % (n, base))
    started = time.perf_counter()
    cmd = [sys.executable, gen, hugo_dir, "--pages", str(n), "--seed", str(SEED),
           "--hugo", "--bantin", bantin_dir]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        die("gen_corpus.py failed:\n" + r.stderr)
    log("  " + r.stderr.strip())
    posts = os.path.join(bantin_dir, "content", "posts")
    for name in os.listdir(posts):
        p = os.path.join(posts, name)
        with open(p, encoding="utf-8") as f:
            text = f.read()
        new = convert_bantin_post(text)
        if new != text:
            with open(p, "w", encoding="utf-8", newline="\n") as f:
                f.write(new)
    split_progress(os.path.join(bantin_dir, "content", "campaigns", "bench", "progress"))
    with open(stamp, "w") as f:
        f.write(want)
    log("  done in %.1f s" % (time.perf_counter() - started))
    return hugo_dir, bantin_dir


def markdown_bytes(hugo_dir):
    """Bytes of the N generated pages (Hugo's copy; the section _index.md files excluded)."""
    total, pages = 0, 0
    for root, _, files in os.walk(os.path.join(hugo_dir, "content")):
        for name in files:
            if name.endswith(".md") and name != "_index.md":
                total += os.path.getsize(os.path.join(root, name))
                pages += 1
    return total, pages


def edit_targets(hugo_dir, bantin_dir):
    """The same page in both corpora (by its pNNNNNN prefix)."""
    prefix = "p%06d-" % EDIT_INDEX
    hugo_file = None
    for root, _, files in os.walk(os.path.join(hugo_dir, "content")):
        for name in files:
            if name.startswith(prefix):
                hugo_file = os.path.join(root, name)
    posts = os.path.join(bantin_dir, "content", "posts")
    bantin_file = next((os.path.join(posts, n) for n in os.listdir(posts) if n.startswith(prefix)), None)
    if not hugo_file or not bantin_file:
        die("page %s not found in the corpus" % prefix)
    return hugo_file, bantin_file


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


def parse_time_v(path):
    out = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("User time (seconds):"):
                out["user"] = float(line.rsplit(":", 1)[1])
            elif line.startswith("System time (seconds):"):
                out["sys"] = float(line.rsplit(":", 1)[1])
            elif line.startswith("Maximum resident set size (kbytes):"):
                out["rss_kb"] = int(line.rsplit(":", 1)[1])
            elif line.startswith("Exit status:"):
                out["status"] = int(line.rsplit(":", 1)[1])
    return out


def timed(cmd, timeout=None):
    """Runs cmd under /usr/bin/time -v; returns (wall, user, sys, rss_kb, stdout, stderr)."""
    fd, tpath = tempfile.mkstemp(prefix="bench-time-", suffix=".txt")
    os.close(fd)
    try:
        started = time.perf_counter()
        r = subprocess.run([TIME, "-v", "-o", tpath] + cmd, capture_output=True, text=True,
                           timeout=timeout)
        wall = time.perf_counter() - started
        t = parse_time_v(tpath)
    finally:
        os.remove(tpath)
    if r.returncode != 0:
        die("command failed (exit %d): %s\n%s%s" % (r.returncode, " ".join(cmd), r.stdout[-4000:], r.stderr[-4000:]))
    return {"wall": wall, "cpu": t.get("user", 0) + t.get("sys", 0), "user": t.get("user", 0),
            "sys": t.get("sys", 0), "rss_kb": t.get("rss_kb", 0), "stdout": r.stdout, "stderr": r.stderr}


def summarize(samples):
    walls = [s["wall"] for s in samples]
    return {
        "runs": len(samples),
        "wall": statistics.median(walls),
        "wall_min": min(walls),
        "wall_max": max(walls),
        "cpu": statistics.median(s["cpu"] for s in samples),
        "user": statistics.median(s["user"] for s in samples),
        "sys": statistics.median(s["sys"] for s in samples),
        "rss_kb": statistics.median(s["rss_kb"] for s in samples),
        "walls": [round(w, 3) for w in walls],
    }


def count_html(out_dir):
    n = 0
    for _, _, files in os.walk(out_dir):
        n += sum(1 for f in files if f.endswith(".html"))
    return n


class Tool:
    def __init__(self, name, cmd, out_dir, edit_file):
        self.name, self.cmd, self.out_dir, self.edit_file = name, cmd, out_dir, edit_file


def full_builds(name, cmd, out_dir, runs, timeout=None):
    """`runs` full builds, the output deleted before each; the samples of `timed`."""
    samples = []
    for i in range(runs):
        shutil.rmtree(out_dir, ignore_errors=True)
        s = timed(cmd, timeout)
        log("  %s full build %d/%d: %.2f s wall, %.2f s CPU, %.0f MB" %
            (name, i + 1, runs, s["wall"], s["cpu"], s["rss_kb"] / 1024))
        samples.append(s)
    return samples


def bench_tool(tool, runs, timeout):
    """Full build (output deleted before each run), no-op rebuild, one-page-edit rebuild."""
    res = {}
    samples = full_builds(tool.name, tool.cmd, tool.out_dir, runs, timeout)
    res["full"] = summarize(samples)
    res["full"]["html_files"] = count_html(tool.out_dir)
    res["output"] = samples[0]["stdout"] + samples[0]["stderr"]

    samples = []
    for i in range(runs):
        s = timed(tool.cmd, timeout)
        log("  %s no-op rebuild %d/%d: %.2f s" % (tool.name, i + 1, runs, s["wall"]))
        samples.append(s)
    res["noop"] = summarize(samples)

    with open(tool.edit_file, "rb") as f:
        original = f.read()
    samples = []
    try:
        for i in range(runs):
            with open(tool.edit_file, "ab") as f:
                f.write(("\nCâu bổ sung số %d cho lần đo xây dựng lại.\n" % (i + 1)).encode("utf-8"))
            s = timed(tool.cmd, timeout)
            log("  %s one-page rebuild %d/%d: %.2f s" % (tool.name, i + 1, runs, s["wall"]))
            samples.append(s)
    finally:
        with open(tool.edit_file, "wb") as f:
            f.write(original)
    res["edit"] = summarize(samples)
    return res


DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+)(?::\d+)?: (?P<kind>warning|error): (?P<msg>.*)$", re.M)


def bantin_warnings(output):
    """Groups Bantin's diagnostics by message (with quoted names and numbers folded)."""
    groups = {}
    for m in DIAG.finditer(output):
        key = m.group("kind") + ": " + re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\d+(?:[.,]\d+)*", "…", m.group("msg"))
        g = groups.setdefault(key, [0, m.group("file") + ":" + m.group("line") + ": " + m.group("msg")])
        g[0] += 1
    return sorted(((c, k, ex) for k, (c, ex) in groups.items()), reverse=True)


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

SCENARIOS = [("full", "full build"), ("noop", "no-op rebuild"), ("edit", "1 page edited")]


def fmt_ratio(a, b):
    return "%.2f" % (a / b) if b else "–"


def report(results, meta):
    L = []
    L.append("# Bantin vs Hugo build benchmark")
    L.append("")
    L.append("- date: %s" % meta["date"])
    L.append("- machine: %s" % meta["machine"])
    L.append("- bantin: %s (release, `--no-print --as-of %s`), commit %s" % (meta["bantin_bin"], AS_OF, meta["commit"]))
    L.append("- hugo: %s" % meta["hugo"])
    L.append("- load average (1 min) before the first build: %.2f" % meta["load"])
    L.append("- corpus: `gen_corpus.py --seed %d` on tmpfs (%s); outputs on tmpfs" % (SEED, meta["work"]))
    L.append("- wall: median of the runs (%s; min–max shown); CPU = user+sys (median); RSS = peak resident "
             "set size from `/usr/bin/time -v` (median); CPU/wall near 2 = both cores busy"
             % ", ".join("%d at %d pages" % (r, n) for n, r in meta["runs"].items()))
    L.append("- full build = output folder deleted first; no-op = build again, nothing changed; "
             "1 page edited = a sentence appended to one page before each build")
    L.append("")
    L.append("| pages | input MB | tool | build | wall s | min–max s | CPU s | CPU/wall | pages/s | peak RSS MB | HTML files |")
    L.append("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        for key, label in SCENARIOS:
            for tool in ("bantin", "hugo"):
                s = r[tool][key]
                L.append("| %d | %.1f | %s | %s | %.2f | %.2f–%.2f | %.2f | %.2f | %.0f | %.0f | %s |" % (
                    r["pages"], r["input_mb"], tool, label, s["wall"], s["wall_min"], s["wall_max"],
                    s["cpu"], s["cpu"] / s["wall"] if s["wall"] else 0, r["pages"] / s["wall"],
                    s["rss_kb"] / 1024, s.get("html_files", "")))
    L.append("")
    L.append("Bantin / Hugo (targets at 10,000 pages: wall ≤ 0.33, peak RSS ≤ 0.25):")
    L.append("")
    L.append("| pages | build | wall | CPU | peak RSS | wall target | RSS target |")
    L.append("|---:|---|---:|---:|---:|---|---|")
    for r in results:
        for key, label in SCENARIOS:
            b, h = r["bantin"][key], r["hugo"][key]
            wr, rr = b["wall"] / h["wall"], b["rss_kb"] / h["rss_kb"]
            L.append("| %d | %s | %s | %s | %s | %s | %s |" % (
                r["pages"], label, fmt_ratio(b["wall"], h["wall"]), fmt_ratio(b["cpu"], h["cpu"]),
                fmt_ratio(b["rss_kb"], h["rss_kb"]),
                "met" if wr <= 1 / 3 else "not met", "met" if rr <= 0.25 else "not met"))
    L.append("")
    L.append("Bantin's rebuilds against its own full build (targets: no-op ≤ 10 %, one page edited ≤ 15 %):")
    L.append("")
    L.append("| pages | no-op / full | 1 page edited / full | no-op target | edit target |")
    L.append("|---:|---:|---:|---|---|")
    for r in results:
        full, noop, edit = (r["bantin"][k]["wall"] for k in ("full", "noop", "edit"))
        L.append("| %d | %.1f %% | %.1f %% | %s | %s |" % (
            r["pages"], 100 * noop / full, 100 * edit / full,
            "met" if noop <= 0.10 * full else "not met", "met" if edit <= 0.15 * full else "not met"))
    L.append("")
    for r in results:
        L.append("Bantin's summary line (%d pages): `%s`" % (r["pages"], r["bantin_summary"]))
        L.append("")
        if r["bantin_diagnostics"]:
            L.append("Bantin's diagnostics for the %d-page corpus (grouped; count, first example):" % r["pages"])
            L.append("")
            for count, key, example in r["bantin_diagnostics"][:15]:
                L.append("- %d × %s — e.g. `%s`" % (count, key, example))
            L.append("")
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------------------


def parse_sizes(text):
    try:
        sizes = [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    except ValueError:
        die("--sizes: %r is not a comma-separated list of page counts" % text)
    if not sizes or any(n < EDIT_INDEX for n in sizes):
        die("--sizes: each size must be at least %d pages" % EDIT_INDEX)
    return sizes


def main():
    ap = argparse.ArgumentParser(description="Bantin vs Hugo build benchmark")
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES") or "1000,10000",
                    help="comma-separated page counts (default 1000,10000; env BENCH_SIZES)")
    ap.add_argument("--big", action="store_true", help="add the 50,000-page corpus")
    ap.add_argument("--runs", default=os.environ.get("BENCH_RUNS") or "5",
                    help="runs per measurement, the median is reported (default 5; env BENCH_RUNS); "
                         "or one count per size, e.g. 5,3 with --sizes 1000,10000")
    ap.add_argument("--scratch-path", default=DEFAULT_SCRATCH,
                    help="SwiftPM scratch path of the release build (default .build-bench)")
    ap.add_argument("--bantin-bin", default=os.environ.get("BANTIN_BIN"),
                    help="bantin binary to run (default SCRATCH/release/bantin; env BANTIN_BIN)")
    ap.add_argument("--no-build", action="store_true", help="do not run swift build; use the binary as it is")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared"),
                    help="the shared folder holding bench/gen_corpus.py (default <repo>/../shared)")
    ap.add_argument("--work", default="/dev/shm/bantin-bench",
                    help="tmpfs folder for corpora and outputs (default /dev/shm/bantin-bench)")
    ap.add_argument("--tools", default="bantin,hugo", help=argparse.SUPPRESS)
    ap.add_argument("--timeout", type=float, default=None, help="seconds allowed per build (default none)")
    ap.add_argument("--keep", action="store_true", help="keep the build outputs (the corpora are always kept)")
    a = ap.parse_args()

    sizes = parse_sizes(a.sizes)
    if a.big and 50000 not in sizes:
        sizes.append(50000)
    try:
        runs = [int(x) for x in str(a.runs).split(",")]
    except ValueError:
        die("--runs: %r is not a number or a comma-separated list of numbers" % a.runs)
    if len(runs) == 1:
        runs = runs * len(sizes)
    elif len(runs) < len(sizes):
        runs += [runs[-1]] * (len(sizes) - len(runs))
    if any(r < 1 for r in runs):
        die("--runs must be at least 1")
    gen = os.path.join(a.shared, "bench", "gen_corpus.py")
    if not os.path.isfile(gen):
        die("%s not found: the shared folder must be beside the repository (%s), or pass --shared DIR"
            % (gen, os.path.join(os.path.dirname(REPO), "shared")))

    ensure_packages()
    if not os.path.exists(TIME):
        die(TIME + " is missing (Debian package `time`)")
    hugo = shutil.which("hugo")
    if not hugo:
        die("hugo is not on PATH")
    bantin = a.bantin_bin or os.path.join(a.scratch_path, "release", "bantin")
    if not a.no_build and not a.bantin_bin:
        build_bantin(a.scratch_path)
    if not os.access(bantin, os.X_OK):
        die("%s is not an executable (build it, or pass --bantin-bin)" % bantin)
    bantin = os.path.abspath(bantin)

    os.makedirs(a.work, exist_ok=True)
    if not a.work.startswith("/dev/shm"):
        log("warning: %s is not /dev/shm; disk writes make the timings noisy" % a.work)

    meta = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "bantin_bin": os.path.relpath(bantin, REPO) if bantin.startswith(REPO) else bantin,
        "commit": git_describe(),
        "hugo": tool_version([hugo, "version"]),
        "runs": dict(zip(sizes, runs)),
        "work": a.work,
        "load": load_average(),
    }
    if meta["load"] > 0.5:
        log("warning: load average %.2f before the first build: other work on this machine "
            "slows both tools; numbers are only comparable side by side" % meta["load"])
    results = []
    for n, n_runs in zip(sizes, runs):
        hugo_dir, bantin_dir = make_corpus(gen, a.work, n)
        nbytes, npages = markdown_bytes(hugo_dir)
        if npages != n:
            die("corpus %d has %d pages" % (n, npages))
        hugo_edit, bantin_edit = edit_targets(hugo_dir, bantin_dir)
        bantin_out = os.path.join(a.work, "out-%d-bantin" % n)
        hugo_out = os.path.join(a.work, "out-%d-hugo" % n)
        tools = [
            Tool("bantin", [bantin, "build", "--no-print", "--force", "--site", bantin_dir, "--output", bantin_out,
                            "--as-of", AS_OF], bantin_out, bantin_edit),
            Tool("hugo", [hugo, "--quiet", "-s", hugo_dir, "-d", hugo_out], hugo_out, hugo_edit),
        ]
        r = {"pages": n, "input_mb": nbytes / 1e6, "runs": n_runs}
        for tool in tools:
            log("%d pages: %s" % (n, tool.name))
            r[tool.name] = bench_tool(tool, n_runs, a.timeout)
        out = r["bantin"].pop("output")
        r["hugo"].pop("output")
        summary = [l for l in out.splitlines() if l.startswith("bantin: ")]
        r["bantin_summary"] = summary[-1] if summary else "?"
        r["bantin_diagnostics"] = bantin_warnings(out)
        results.append(r)
        if not a.keep:
            for d in (bantin_out, hugo_out):
                shutil.rmtree(d, ignore_errors=True)

    publish(report(results, meta), "latest.md")
    with open(os.path.join(RESULTS, "latest.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "results": results}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
