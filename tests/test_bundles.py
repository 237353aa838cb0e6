"""Every bundle's MANIFEST.txt against the entries of its zip, read with Python's own zipfile and hashlib."""
import hashlib
import re
import zipfile

import pytest

from conftest import repository_copy, run_bantin


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    site = repository_copy(tmp_path_factory.mktemp("bundles"))
    out = site / "public"
    result = run_bantin("bundle", "--no-print", "--site", str(site), "--as-of", "2026-07-15")
    assert result.returncode == 0, result.stderr
    zips = sorted((out / "bundles").glob("*.zip"))
    assert len(zips) > 30
    return zips


def test_every_manifest_lists_every_entry_with_its_size_and_sha256(bundles):
    for path in bundles:
        with zipfile.ZipFile(path) as archive:
            entries = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
        manifest = entries.pop("MANIFEST.txt").decode("utf-8")
        listed = {}
        for line in manifest.splitlines():
            # SHA-256, the size right-aligned, two spaces, the path (which may hold spaces).
            match = re.fullmatch(r"([0-9a-f]{64}) +([0-9]+)  (.+)", line)
            assert match, f"{path.name}: {line!r}"
            digest, size, name = match.groups()
            assert name not in listed, f"{path.name}: {name} listed twice"
            listed[name] = (digest, int(size))
        assert sorted(listed) == sorted(entries), f"{path.name}: the manifest and the zip hold different files"
        for name, data in entries.items():
            assert listed[name] == (hashlib.sha256(data).hexdigest(), len(data)), f"{path.name}: {name}"
