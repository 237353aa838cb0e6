"""Faults: a build killed at any moment, a full disk, a read-only output. Each leaves the old site or the new
one, complete, with nothing behind, and a failure says why in words."""
import os
import random
import re
import signal
import subprocess
import time

import pytest

from conftest import bantin_binary, run_bantin, snapshot


def test_killed_builds_never_leave_a_mix(tmp_path):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    post = site / "content" / "posts" / "khai-mac.md"
    original = post.read_text(encoding="utf-8")
    env = {"BANTIN_CHROMIUM": "/nonexistent"}

    # The two complete sites a reader may ever see.
    assert run_bantin("build", "--site", str(site), "--as-of", "2026-03-01", env=env).returncode == 0
    old = snapshot(site / "public")
    post.write_text(original.replace("họp triển khai", "họp triển khai lần hai"), encoding="utf-8")
    assert run_bantin("build", "--site", str(site), "--as-of", "2026-03-01", env=env).returncode == 0
    new = snapshot(site / "public")
    assert old != new

    rng = random.Random(57)
    outcomes = set()
    for attempt in range(25):
        # Alternate the content so each build really replaces the site.
        post.write_text(original if attempt % 2 == 0 else original.replace("họp triển khai", "họp triển khai lần hai"),
                        encoding="utf-8")
        process = subprocess.Popen([str(bantin_binary()), "build", "--site", str(site), "--as-of", "2026-03-01"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, **env))
        time.sleep(rng.uniform(0.0, 0.35))
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = snapshot(site / "public")
        assert state in (old, new), f"attempt {attempt}: public/ is neither the old nor the new site"
        outcomes.add("old" if state == old else "new")
    # The next build cleans up whatever the killed ones left.
    assert run_bantin("build", "--site", str(site), "--as-of", "2026-03-01", env=env).returncode == 0
    leftovers = [name for name in os.listdir(site) if name.startswith(".public")]
    assert leftovers == []
    assert snapshot(site / "public") in (old, new)


def mount(*args):
    """Runs mount(8); a failure skips the test with mount's reason (CI runs as root, where it must work)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs or a read-only bind needs root")
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"mount {' '.join(args)} is not possible here: {result.stderr.strip()}")


def unmount(folder):
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


ENV = {"BANTIN_CHROMIUM": "/nonexistent"}


def small_disk_site(tmp_path, megabytes):
    """A starter site built once on a tmpfs of its own, so the disk can fill up or turn read-only."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(disk))
    site = disk / "site"
    assert run_bantin("init", str(site)).returncode == 0
    assert run_bantin("build", "--site", str(site), "--as-of", "2026-03-01", env=ENV).returncode == 0
    return disk, site


def test_a_full_disk_fails_clearly_and_keeps_the_old_site(tmp_path):
    disk, site = small_disk_site(tmp_path, 3)
    try:
        old = snapshot(site / "public")
        # Incompressible, so the new site (the file and the whole-site zip holding it) cannot fit beside the old one.
        (site / "content" / "anh.bin").write_bytes(random.Random(8).randbytes(1_200_000))
        result = run_bantin("build", "--site", str(site), "--as-of", "2026-03-01", env=ENV)
        assert result.returncode == 1
        # Whichever write finds the disk full (the whole-site zip, usually) says so in one line.
        assert re.search(r"^(bundles/\S+\.zip|\S+/public):1:1: error: cannot write the (bundle|output): No space left on device$",
                         result.stderr, re.M), result.stderr
        assert "Error Domain" not in result.stderr and "could not be completed" not in result.stderr
        assert "nothing was written" in result.stderr
        assert snapshot(site / "public") == old
        assert [name for name in os.listdir(site) if name.startswith(".public")] == []
        # Nor is anything left in the cache by the failed build.
        assert [str(p) for p in (site / ".bantin-cache").rglob("*.new")] == []
        # With the space back the same build goes through.
        (site / "content" / "anh.bin").unlink()
        assert run_bantin("build", "--site", str(site), "--as-of", "2026-03-01", env=ENV).returncode == 0
    finally:
        unmount(disk)


def test_a_read_only_file_system_fails_before_building_and_keeps_the_old_site(tmp_path):
    disk, site = small_disk_site(tmp_path, 8)
    try:
        old = snapshot(site / "public")
        mount("-o", "remount,ro", str(disk))
        # --clean: with nothing changed a build has nothing to write and rightly succeeds.
        result = run_bantin("build", "--clean", "--site", str(site), "--as-of", "2026-03-01", env=ENV)
        assert result.returncode == 1
        public = site / "public"
        assert (f"{public}:1:1: error: cannot write the output folder: {public} is on a read-only file system\n"
                f"bantin: build failed with 1 error(s); nothing was written") in result.stderr, result.stderr
        assert snapshot(public) == old
    finally:
        unmount(disk)


def test_a_read_only_public_mount_fails_clearly_and_keeps_the_old_site(tmp_path):
    disk, site = small_disk_site(tmp_path, 8)
    public = site / "public"
    try:
        old = snapshot(public)
        mount("--bind", str(public), str(public))
        mount("-o", "remount,ro,bind", str(public))
        # --clean: with nothing changed a build has nothing to write and rightly succeeds.
        result = run_bantin("build", "--clean", "--site", str(site), "--as-of", "2026-03-01", env=ENV)
        assert result.returncode == 1
        assert f"{public}:1:1: error: cannot write the output folder: {public} is on a read-only file system" in result.stderr
        assert snapshot(public) == old
        # Made writable again it is still a mount point, which no rename can replace: said as much, site kept.
        mount("-o", "remount,rw,bind", str(public))
        result = run_bantin("build", "--clean", "--site", str(site), "--as-of", "2026-03-01", env=ENV)
        assert result.returncode == 1
        assert (f"{public}:1:1: error: cannot replace the output folder: {public} is a mount point, which cannot be "
                "swapped for the new site; build into a folder inside it") in result.stderr, result.stderr
        assert snapshot(public) == old
        assert [name for name in os.listdir(site) if name.startswith(".public")] == []
        # Nor is anything left in the cache by the failed build.
        assert [str(p) for p in (site / ".bantin-cache").rglob("*.new")] == []
    finally:
        unmount(public)
        unmount(disk)
