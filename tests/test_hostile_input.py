"""Hostile sizes and encodings: each file gets a clear `path:line:col` error or builds, never a crash or a
hang, and the `bantin build` process's peak memory (its own ru_maxrss, read with wait4) stays bounded."""
import json
import os
import re
import subprocess
import time

import pytest

from conftest import bantin_binary, run_bantin, snapshot

MB = 1024 * 1024
# A debug build of the starter site peaks near 40 MB; a hostile file must not take it anywhere near this.
RSS_LIMIT_MB = 300


def build(site, timeout=240):
    """Runs `bantin build` and returns (exit status, stderr, peak RSS in MB, seconds); kills it as hung after `timeout`."""
    err_path = site.parent / f"{site.name}.stderr"
    with open(err_path, "w") as err:
        process = subprocess.Popen([str(bantin_binary()), "build", "--no-print", "--site", str(site), "--as-of", "2026-03-01"],
                                   stdout=subprocess.DEVNULL, stderr=err, env=dict(os.environ, BANTIN_CHROMIUM="/nonexistent"))
    started = time.monotonic()
    while True:
        # wait4 gives this child's own peak RSS; RUSAGE_CHILDREN would mix in every earlier child.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            process.kill()
            os.wait4(process.pid, 0)
            process.returncode = -9
            pytest.fail(f"bantin build hung: killed after {timeout} s")
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    assert process.returncode >= 0, f"bantin build crashed with signal {-process.returncode}"
    return process.returncode, err_path.read_text(encoding="utf-8"), usage.ru_maxrss / 1024, seconds


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    assert run_bantin("init", str(folder)).returncode == 0
    return folder


def post_with(site, body="", **front):
    """Rewrites the starter's post: extra body text, and front matter keys replaced or added."""
    post = site / "content" / "posts" / "khai-mac.md"
    _, matter, text = post.read_text(encoding="utf-8").split("---\n", 2)
    lines = [line for line in matter.splitlines() if line.split(":")[0] not in front]
    lines += [f"{key}: {value}" for key, value in front.items()]
    post.write_text("---\n" + "\n".join(lines) + "\n---\n" + text + body, encoding="utf-8")


def page(site, path="tin-tuc/khai-mac/index.html"):
    return (site / "public" / path).read_text(encoding="utf-8")


def report(name, status, rss, seconds):
    print(f"\n{name}: exit {status}, peak RSS {rss:.0f} MB, {seconds:.1f} s")


@pytest.mark.parametrize("name,size_mb,limit_mb,what", [
    ("campaigns/vi-du/progress/lon.csv", 200, 5, "an activity report"),
    ("posts/dai.md", 200, 5, "a text file"),
])
def test_a_huge_file_is_refused_before_it_is_read(site, name, size_mb, limit_mb, what):
    status, stderr, _, _ = build(site)
    assert status == 0, stderr
    before = snapshot(site / "public")
    path = site / "content" / name
    with open(path, "w", encoding="utf-8") as handle:
        if name.endswith(".csv"):
            handle.write("ngày,đơn vị,hoạt động,buổi,lượt người,ghi chú\n")
            rows = "10/1/2026,tdp-01,Họp tổ dân phố,1,45,\n" * 10_000
        else:
            handle.write("---\ntitle: \"Dài\"\ndate: 2026-01-02\n---\n")
            rows = "Tổ dân phố số 1 đã họp triển khai công văn của phòng.\n\n" * 10_000
        while handle.tell() < size_mb * MB:
            handle.write(rows)
    status, stderr, rss, seconds = build(site)
    report(f"{size_mb} MB {name}", status, rss, seconds)
    assert status == 1
    assert re.search(rf"^content/{re.escape(name)}:1:1: error: the file is {size_mb}\.\d MB, too large for {what} "
                     rf"\(limit {limit_mb} MB\); it was not read$", stderr, re.M), stderr
    assert "bantin: build failed with 1 error(s); nothing was written" in stderr
    # Refused from its size: reading it whole would take the process past the file's own size.
    # A refusing build peaks at 40-75 MB, like a build of the starter site.
    assert rss < 150, f"peak RSS {rss:.0f} MB"
    assert snapshot(site / "public") == before


def test_ten_thousand_levels_of_nesting_build(site):
    depth = 10_000
    post_with(site, "\n" + "- " * depth + "danh sách\n\n" + "> " * depth + "trích dẫn\n\n" + "1. " * depth + "mục\n")
    document = site / "content" / "documents" / "01-vi-du.md"
    document.write_text(document.read_text(encoding="utf-8") + "\n" + "> - " * (depth // 2) + "công văn\n", encoding="utf-8")
    status, stderr, rss, seconds = build(site)
    report(f"{depth}-level lists and blockquotes", status, rss, seconds)
    assert status == 0, stderr
    html = page(site)
    assert html.count("<ul>") == depth and html.count("<blockquote>") == depth and html.count("<ol>") == depth
    assert "danh sách" in html and "trích dẫn" in html
    fragment = (site / "public" / "fragments" / "khai-mac.html").read_text(encoding="utf-8")
    assert fragment.count("<blockquote>") == depth
    letter = page(site, "van-ban/01-vi-du/index.html")
    assert letter.count("<blockquote>") == depth // 2 and "công văn" in letter
    assert rss < RSS_LIMIT_MB, f"peak RSS {rss:.0f} MB"


@pytest.mark.parametrize("where", ["markdown", "front matter", "csv cell"])
def test_a_one_megabyte_line_builds(site, where):
    words = "Tổ dân phố số một họp "
    line = words * (MB // len(words.encode()) + 1)
    assert len(line.encode()) >= MB
    end = "hết-dòng-dài"
    if where == "markdown":
        post_with(site, "\n" + line + end + "\n")
    elif where == "front matter":
        post_with(site, title=f'"{line}{end}"')
    else:
        report_csv = site / "content" / "campaigns" / "vi-du" / "progress" / "bao-cao.csv"
        report_csv.write_text(report_csv.read_text(encoding="utf-8") + f"1/3/2026,tdp-01,{line}{end},1,5,\n", encoding="utf-8")
    status, stderr, rss, seconds = build(site)
    report(f"1 MB line in {where}", status, rss, seconds)
    assert status == 0, stderr
    html = page(site, "don-vi/tdp-01/index.html" if where == "csv cell" else "tin-tuc/khai-mac/index.html")
    assert line[-200:] + end in html
    assert rss < RSS_LIMIT_MB, f"peak RSS {rss:.0f} MB"


BOM = "\ufeff"


def test_a_bom_inside_markdown_and_front_matter_is_dropped(site):
    # Files joined with `cat` put a BOM at the start of a line, where it would hide `##` and `summary:`.
    post_with(site, f"\n{BOM}## Mục hai\n\nĐoạn {BOM}hai.\n", summary=f'"Tóm {BOM}tắt"')
    post = site / "content" / "posts" / "khai-mac.md"
    post.write_text(post.read_text(encoding="utf-8").replace("\nsummary:", f"\n{BOM}summary:"), encoding="utf-8")
    status, stderr, _, _ = build(site)
    assert status == 0, stderr
    html = page(site)
    assert '<h2><a id="muc-hai"' in html and "Đoạn hai." in html and "Tóm tắt" in html
    for path in ["tin-tuc/khai-mac/index.html", "tin-tuc/index.html", "assets/search-index.js", "feed.xml"]:
        assert BOM not in page(site, path), path


def test_a_bom_inside_a_csv_is_dropped(site):
    report_csv = site / "content" / "campaigns" / "vi-du" / "progress" / "bao-cao.csv"
    # As `copy a.csv+b.csv` leaves it: the second file's BOM starts a row; and one pasted into a number.
    report_csv.write_text(report_csv.read_text(encoding="utf-8") + f"{BOM}1/3/2026,tdp-01,Họp lần hai,1,{BOM}7,\n",
                          encoding="utf-8")
    status, stderr, _, _ = build(site)
    assert status == 0, stderr
    tally = json.loads(page(site, "chien-dich/vi-du/tally.json"))
    reported = {indicator["key"]: indicator["reported"] for indicator in tally["indicators"]}
    assert reported == {"buoi": 5, "luot-nguoi": 512}
    assert BOM not in page(site, "don-vi/tdp-01/index.html")
