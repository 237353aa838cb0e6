"""`make bench-floor` counts the work of the output it is shown: bench/floor.c reads every input,
renders every Markdown file, deflates every entry of the whole-site zip and of the unit bundles,
digests every one of those entries and writes every output file again, byte for byte. Run on the
Linh Sơn site, whose numbers are known from its own build."""
import os
import pathlib
import subprocess
import sys
import zipfile

from conftest import ROOT, repository_copy, run_bantin, snapshot

sys.path.insert(0, str(ROOT / "bench"))
import floor  # noqa: E402


def files_under(folder):
    return [os.path.join(base, name) for base, _, names in os.walk(folder) for name in names]


def test_the_floor_does_the_work_of_the_output_it_is_shown(tmp_path):
    site = repository_copy(tmp_path / "site")
    out = tmp_path / "out"
    built = run_bantin("build", "--no-print", "--force", "--site", str(site), "--output", str(out), "--as-of", "2026-07-15")
    assert built.returncode == 0, built.stderr

    tasks, copy = tmp_path / "tasks.txt", tmp_path / "copy"
    floor.task_list(str(site), str(out), str(copy), str(tasks))
    binary = floor.compile_floor(str(tmp_path))
    run = subprocess.run([binary, str(tasks)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    steps = {parts[1]: parts[2:] for parts in (line.split() for line in run.stdout.splitlines()) if parts[0] == "step"}
    assert list(steps) == ["read", "markdown", "deflate", "bundles", "digest", "write"]

    inputs = files_under(site / "content")
    assert int(steps["read"][1]) == len(inputs)
    assert int(steps["read"][2]) == sum(os.path.getsize(p) for p in inputs)
    assert int(steps["markdown"][1]) == sum(1 for p in inputs if p.endswith(".md")) > 10

    # The whole-site zip is the bundle with the most entries; it holds the home page.
    whole = pathlib.Path(floor.site_zip(str(out)))
    with zipfile.ZipFile(whole) as z:
        names = [i.filename for i in z.infolist() if not i.is_dir()]
    assert "index.html" in names
    for unit_zip in (out / "bundles").glob("*.zip"):
        with zipfile.ZipFile(unit_zip) as z:
            assert len(z.infolist()) <= len(names)
    present = [n for n in names if (out / n).is_file()]
    assert names and len(present) == len(names) - 1   # all but the manifest the zip writes for itself
    assert int(steps["deflate"][1]) == len(present)
    assert int(steps["deflate"][2]) == sum((out / n).stat().st_size for n in present)
    assert 0 < int(steps["deflate"][3]) < int(steps["deflate"][2])

    # Each unit bundle's own entries (its unit page is its index.html), less its manifest.
    unit_entries = []
    for unit_zip in sorted((out / "bundles").glob("*.zip")):
        if unit_zip == whole:
            continue
        with zipfile.ZipFile(unit_zip) as z:
            unit_entries += [z.read(i) for i in z.infolist() if not i.is_dir() and i.filename != "MANIFEST.txt"]
    assert len(unit_entries) > 30 * 3   # 30 units, each with at least its page, its print layout and a style sheet
    assert int(steps["bundles"][1]) == len(unit_entries)
    assert int(steps["bundles"][2]) == sum(len(b) for b in unit_entries)
    assert 0 < int(steps["bundles"][3]) < int(steps["bundles"][2])
    # Both kinds of entry digested for the manifests.
    assert int(steps["digest"][1]) == len(present) + len(unit_entries)
    assert int(steps["digest"][2]) == int(steps["deflate"][2]) + int(steps["bundles"][2])

    # Every output file written again, the same bytes in the same places.
    assert int(steps["write"][1]) == len(files_under(out))
    assert snapshot(copy) == snapshot(out)
    for step in steps.values():
        assert float(step[0]) >= 0
