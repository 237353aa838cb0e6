#!/usr/bin/env python3
"""A ward of many units: the Linh Sơn site with N units reporting M activity rows each.

The page benchmark (run_bench.py) grows the number of articles; this one grows what the progress
stage works on — units, activity rows, unit pages, task sheets and unit bundles — as a big commune
or a district that gathers its wards would. It copies content/ (letter, report, handouts,
editions, messages, posts), keeps the 30 real units and adds tổ dân phố up to N, and writes M rows
per unit: tổ dân phố in one CSV with Vietnamese headers, names, d/m/yyyy dates and "1.200"
numbers, the other units in a second CSV by key and id, as the offices send them.

  python3 bench/units_bench.py [--units 200] [--rows 50] [--runs 3] [--print]

Prints the size of the input and, for a clean build (median of --runs), the wall and CPU
seconds, peak memory, and what was written. With --print, one more build that also makes the
PDFs (one task sheet per unit) through Chromium.
"""
import argparse
import csv
import datetime
import os
import random
import re
import shutil
import statistics
import tempfile

from run_bench import REPO, DEFAULT_SCRATCH, build_bantin, git_describe, log, machine, timed

ACTIVITIES = ["Họp tổ dân phố phổ biến Chỉ thị 57-CT/TW", "Tuyên truyền phòng chống lừa đảo trực tuyến",
              "Phát tờ rơi \"5 việc cần làm để bảo vệ an ninh mạng\"", "Phát thanh trên loa truyền thanh"]


def vn(n):
    return f"{n:,}".replace(",", ".")


def make_site(root, units, rows_per_unit):
    """Writes the site into root; returns (units, rows, bytes of progress CSV)."""
    shutil.copytree(os.path.join(REPO, "content"), os.path.join(root, "content"))
    content = os.path.join(root, "content")
    lines = open(os.path.join(content, "units.yaml"), encoding="utf-8").read().rstrip("\n").split("\n")
    real = [re.search(r"id: ([\w-]+)", line).group(1) for line in lines
            if line.strip().startswith("- {id:") and "kind:" in line]
    everyone = [(uid, None) for uid in real]
    for number in range(26, 26 + units - len(real)):
        uid = "tdp-%03d" % number
        lines.append('  - {id: %s, name: "Tổ dân phố số %d", kind: to-dan-pho, group: "Khu vực %d", sample: true}'
                     % (uid, number, 4 + number // 40))
        everyone.append((uid, "Tổ dân phố số %d" % number))
    with open(os.path.join(content, "units.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    progress = os.path.join(content, "campaigns", "chi-thi-57", "progress")
    shutil.rmtree(progress)
    os.makedirs(progress)
    rng = random.Random(34)
    start = datetime.date(2026, 3, 25)
    span = (datetime.date(2026, 6, 30) - start).days
    rows = 0
    with open(os.path.join(progress, "to-dan-pho.csv"), "w", encoding="utf-8-sig", newline="") as a, \
         open(os.path.join(progress, "khac.csv"), "w", encoding="utf-8", newline="") as b:
        named, keyed = csv.writer(a), csv.writer(b)
        named.writerow(["Ngày", "Đơn vị", "Hoạt động", "Buổi tuyên truyền", "Lượt người tham dự", "Tờ rơi phát ra",
                        "Phát thanh trên loa", "Ghi chú"])
        keyed.writerow(["date", "unit", "activity", "buoi", "luot-nguoi", "to-roi", "tin-bai", "loa", "note"])
        for uid, name in everyone:
            for r in range(rows_per_unit):
                day = start + datetime.timedelta(days=rng.randint(0, span))
                title = "%s (lần %d)" % (ACTIVITIES[r % 4], r + 1)
                if uid.startswith("tdp-"):
                    named.writerow([f"{day.day}/{day.month}/{day.year}", name or uid, title, 1,
                                    vn(rng.randint(20, 1500)), rng.randint(0, 120), rng.randint(0, 3), ""])
                else:
                    keyed.writerow([day.isoformat(), uid, title, 1, rng.randint(20, 400), "", rng.randint(0, 2), "", "ghi chú"])
                rows += 1
    size = sum(os.path.getsize(os.path.join(progress, f)) for f in os.listdir(progress))
    return len(everyone), rows, size


def build(binary, site, out, *extra):
    cmd = [binary, "build", "--site", site, "--output", out, "--force", "--clean", "--as-of", "2026-05-15"] + list(extra)
    run = timed(cmd)   # exits with the build's output if it fails
    summary = [line for line in run["stdout"].splitlines() if line.startswith("bantin:")]
    return run["wall"], run["cpu"], run["rss_kb"] / 1024, summary[-1] if summary else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--rows", type=int, default=50, help="activity rows per unit")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--print", action="store_true", help="also time a build with PDFs (needs Chromium)")
    parser.add_argument("--scratch", default=DEFAULT_SCRATCH)
    args = parser.parse_args()

    build_bantin(args.scratch)
    binary = os.path.join(args.scratch, "release", "bantin")
    work = tempfile.mkdtemp(prefix="bantin-units-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        site = os.path.join(work, "site")
        units, rows, size = make_site(site, args.units, args.rows)
        log(f"{units} units, {rows} activity rows ({size / 1e6:.1f} MB of CSV) in {site}")
        runs = [build(binary, site, os.path.join(work, "out"), "--no-print") for _ in range(args.runs)]
        print(f"# Bantin {git_describe()}: {units} units × {args.rows} activity rows ({rows} rows, {size / 1e6:.1f} MB CSV)")
        print(f"# {machine()}")
        print()
        print("| build | wall s (median) | CPU s | peak RSS MB | output |")
        print("|---|---:|---:|---:|---|")
        print("| clean, without PDFs (%d runs) | %.2f | %.2f | %.0f | %s |" % (
            len(runs), statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            statistics.median(r[2] for r in runs), runs[-1][3].removeprefix("bantin: ")))
        if args.print:
            wall, cpu, rss, summary = build(binary, site, os.path.join(work, "out"))
            print("| clean, with PDFs (1 run) | %.2f | %.2f | %.0f | %s |" % (wall, cpu, rss, summary.removeprefix("bantin: ")))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
