"""A build killed at any moment leaves the old site or the new one, complete, and nothing behind."""
import os
import random
import signal
import subprocess
import time

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
