"""Shared fixtures for the Python suites: they drive the real `bantin` binary and real Chromium."""
import hashlib
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASE_URL = "https://linhson.thainguyen.gov.vn/bantin/"


def bantin_binary() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("BANTIN_BINARY", ROOT / ".build" / "debug" / "bantin"))
    if not path.exists():
        pytest.fail(f"{path} is missing: run `swift build --product bantin` first (make test does)")
    return path


def run_bantin(*args, cwd=None, env=None):
    merged = dict(os.environ, **(env or {}))
    return subprocess.run([str(bantin_binary()), *args], cwd=cwd, env=merged, capture_output=True, text=True)


def repository_copy(folder) -> pathlib.Path:
    """The Linh Sơn site (content/ and templates/) copied into folder: a build of the repository
    itself would leave its build cache in the repository's .bantin-cache/ for every temp output."""
    folder = pathlib.Path(folder)
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


def snapshot(folder):
    """Every file under a folder with the SHA-256 of its bytes, keyed by relative path."""
    files = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, folder)] = hashlib.sha256(handle.read()).hexdigest()
    return files


@pytest.fixture(scope="session")
def printed_site(tmp_path_factory):
    """The Linh Sơn site built once with PDFs and PNGs, as of a fixed day."""
    if shutil.which("chromium") is None and "BANTIN_CHROMIUM" not in os.environ:
        pytest.fail("chromium is not installed: make test installs it (apt-get install chromium)")
    site = repository_copy(tmp_path_factory.mktemp("printed"))
    out = site / "public"
    result = run_bantin("print", "--site", str(site), "--as-of", "2026-07-15")
    assert result.returncode == 0, result.stderr
    return out, result
