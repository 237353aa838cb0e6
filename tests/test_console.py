"""The progress line: shown on a terminal, never in a pipe (CI logs); the summary line in both."""
import os
import pty
import subprocess

from conftest import bantin_binary, run_bantin


def run_on_a_terminal(*args):
    """Runs bantin with its stdout and stderr on a pseudo-terminal; returns what the terminal showed."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([str(bantin_binary()), *args], stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:   # EIO: the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait(timeout=120) == 0, shown.decode("utf-8", "replace")
    return shown.decode("utf-8")


def test_progress_shows_on_a_terminal_and_not_in_a_pipe(tmp_path):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    args = ("build", "--no-print", "--clean", "--site", str(site), "--as-of", "2026-02-01")

    shown = run_on_a_terminal(*args)
    # Each progress line rewrites the last one (carriage return, erase line), and is erased before the summary.
    assert "\r\x1b[Krendering pages" in shown, repr(shown)
    assert "\r\x1b[Kzipping bundles" in shown, repr(shown)
    assert "bantin: built " in shown, repr(shown)
    assert shown.rindex("\x1b[K") < shown.index("bantin: built "), repr(shown)

    piped = run_bantin(*args)
    assert piped.returncode == 0, piped.stderr
    assert "\x1b" not in piped.stderr + piped.stdout and "\r" not in piped.stderr + piped.stdout
    assert "rendering pages" not in piped.stderr + piped.stdout
    assert piped.stdout.startswith("bantin: built "), piped.stdout
