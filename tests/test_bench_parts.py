"""`make bench-parts` builds Bantin with bench/parts.patch, whose switches leave parts of a full
build out. The patch must still apply to the sources as they are, read every switch parts.py sets,
and the report rows must be cut the way the report says."""
import re
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import parts  # noqa: E402

PATCH = ROOT / "bench" / "parts.patch"


def test_the_patch_applies_to_the_sources():
    checked = subprocess.run(["git", "apply", "--check", str(PATCH)], cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_the_patch_reads_every_switch_the_script_sets():
    text = PATCH.read_text(encoding="utf-8")
    read = set(re.findall(r'environment\["(BANTIN_BENCH_[A-Z_]+)"\]', text))
    set_by_script = {name for _, switches, _ in parts.VARIANTS for name in switches}
    assert read == set_by_script == {"BANTIN_BENCH_SKIP_SITE_ZIP", "BANTIN_BENCH_SKIP_SEARCH", "BANTIN_BENCH_SKIP_FRAGMENTS"}
    # Only Sources/ changes: the product's own switches would not be measured against the product.
    touched = re.findall(r"^\+\+\+ b/(\S+)", text, re.M)
    assert touched and all(path.startswith("Sources/BantinKit/") for path in touched)


def test_cutting_the_rows_keeps_each_report_files_header_and_first_rows(tmp_path):
    corpus = tmp_path / "corpus-bantin"
    progress = corpus / "content" / "campaigns" / "bench" / "progress"
    progress.mkdir(parents=True)
    header = "date,unit,activity,participants,leaflets,posters,note\n"
    rows = ["2025-01-%02d,dv%02d,họp dân,%d,0,0,\n" % (1 + i % 28, 1 + i % 30, i) for i in range(100)]
    (progress / "progress-01.csv").write_text(header + "".join(rows[:60]), encoding="utf-8")
    (progress / "progress-02.csv").write_text(header + "".join(rows[60:]), encoding="utf-8")
    (corpus / ".bantin-cache").mkdir()
    (corpus / ".bantin-cache" / "x").write_text("old", encoding="utf-8")

    copy, cut = parts.cut_rows(str(corpus), str(tmp_path), 100)
    assert cut == 100 - 2 * parts.ROWS_KEPT
    kept = sorted((tmp_path / copy).glob("content/campaigns/bench/progress/*.csv"))
    assert [p.name for p in kept] == ["progress-01.csv", "progress-02.csv"]
    assert kept[0].read_text(encoding="utf-8") == header + "".join(rows[:parts.ROWS_KEPT])
    assert kept[1].read_text(encoding="utf-8") == header + "".join(rows[60:60 + parts.ROWS_KEPT])
    assert not (tmp_path / copy / ".bantin-cache").exists()
    # The original is left as it was.
    assert (progress / "progress-01.csv").read_text(encoding="utf-8") == header + "".join(rows[:60])
