"""`bantin serve` driven by a real HTTP client (urllib) against a real server on loopback."""
import http.client
import json
import os
import pathlib
import re
import select
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, bantin_binary, run_bantin


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(site, binary=None, host="127.0.0.1", url_host="127.0.0.1"):
    """Starts `bantin serve` on a free port and waits until it answers; returns (port, process)."""
    port = free_port()
    process = subprocess.Popen([str(binary or bantin_binary()), "serve", "--site", str(site), "--port", str(port), "--host", host],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, BANTIN_CHROMIUM="/nonexistent"))
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://{url_host}:{port}/__bantin/state", timeout=1)
            return port, process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    pytest.fail("the server did not start: " + process.communicate()[1])


def stop(process):
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture
def served(tmp_path):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    port, process = start(site)
    yield site, port, process
    stop(process)


def request(port, path, host="127.0.0.1"):
    """Sends the path exactly as written (no client-side normalisation of %2e%2e); returns the response, body read."""
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def status(port, path):
    response = request(port, path)
    return response.status, response.body


def test_pages_and_folders_are_served(served):
    _, port, _ = served
    assert status(port, "/")[0] == 200
    assert status(port, "/index.html")[0] == 200
    assert status(port, "/don-vi/")[0] == 200
    assert status(port, "/don-vi/tdp-01/index.html")[0] == 200
    code, body = status(port, "/khong-co/index.html")
    assert code == 404 and "Không tìm thấy trang".encode() in body
    assert b'<script src="/__bantin/live.js" data-version=' in body   # turns into the page once it is written


TRAVERSALS = ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/..%2f..%2fetc%2fpasswd",
              "/don-vi/..%2f..%2f..%2fetc%2fpasswd", "/%252e%252e/etc/passwd", "/assets/..%5c..%5cetc%5cpasswd",
              "/./index.html/../../etc/passwd", "/%00/etc/passwd"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_paths_that_leave_the_root_are_refused(served, path):
    _, port, _ = served
    code, body = status(port, path)
    assert code in (400, 403, 404), (path, code)
    assert b"root:" not in body


def test_symlinks_out_are_refused_and_folders_never_listed(served):
    site, port, _ = served
    os.symlink("/etc", site / "public" / "ra-ngoai")
    assert status(port, "/ra-ngoai/passwd")[0] == 403
    code, body = status(port, "/assets/")
    assert code == 404 and b"search-index.js" not in body   # the 404 page, not a listing


def test_binds_loopback_only(served):
    _, port, _ = served
    listening = []
    with open("/proc/net/tcp") as table:
        for line in table.readlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":
                listening.append(address)
    assert listening == ["0100007F"], listening   # 127.0.0.1, nothing else


def test_served_pages_reload_but_built_pages_have_no_script(served):
    site, port, _ = served
    version = json.loads(status(port, "/__bantin/state")[1])["version"]
    _, body = status(port, "/")
    # Told which build it comes from, so a build that ends before its first poll still reloads it.
    assert f'<script src="/__bantin/live.js" data-version="{version}"></script>'.encode() in body
    assert b"<script" not in (site / "public" / "index.html").read_bytes()


def wait_for(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_an_edited_page_changes_within_two_seconds(served):
    site, port, _ = served
    post = site / "content" / "posts" / "khai-mac.md"
    before = json.loads(status(port, "/__bantin/state")[1])["version"]
    post.write_text(post.read_text(encoding="utf-8").replace("đã họp triển khai", "đã họp lần hai để triển khai"), encoding="utf-8")
    started = time.time()
    assert wait_for(lambda: "đã họp lần hai".encode() in status(port, "/tin-tuc/khai-mac/index.html")[1], 2.0)
    # The new files are swapped in a moment before the version that tells open tabs to reload is bumped,
    # so wait for the bump too, within the same two seconds.
    assert wait_for(lambda: json.loads(status(port, "/__bantin/state")[1])["version"] > before,
                    max(0.0, started + 2.0 - time.time()) + 0.05)
    assert time.time() - started < 2.0


def test_a_broken_build_keeps_the_last_good_site_and_reports_errors(served):
    site, port, _ = served
    (site / "content" / "posts" / "hong.md").write_text("---\ntitle: \"Hỏng\"\ndate: 2026-01-02\nunit: khong-co\n---\nx\n", encoding="utf-8")
    assert wait_for(lambda: json.loads(status(port, "/__bantin/state")[1])["errors"], 3.0)
    errors = json.loads(status(port, "/__bantin/state")[1])["errors"]
    assert any("content/posts/hong.md:4:7: error: unknown unit `khong-co`" in error for error in errors), errors
    assert status(port, "/tin-tuc/khai-mac/index.html")[0] == 200
    assert b"bantin-build-errors" in status(port, "/__bantin/live.js")[1]


def release_binary():
    """The optimised build, which once ignored Ctrl-C while the debug build stopped (its signal sources
    were released early). `make test` builds it; run alone, this is tested when `make release` (or
    BANTIN_RELEASE_BINARY) has provided one no older than the sources."""
    path = pathlib.Path(os.environ.get("BANTIN_RELEASE_BINARY", ROOT / ".build" / "release" / "bantin"))
    newest = max(f.stat().st_mtime for f in (ROOT / "Sources").rglob("*.swift"))
    # `bantin serve` runs the bantin-serve beside it.
    for program in (path, path.with_name("bantin-serve")):
        if not program.exists():
            pytest.skip(f"{program} is missing: `make release` builds it")
        if "BANTIN_RELEASE_BINARY" not in os.environ and program.stat().st_mtime < newest:
            pytest.skip(f"{program} is older than the sources: `make release` rebuilds it")
    return path


@pytest.mark.parametrize("build", ["debug", "release"])
@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_ctrl_c_stops_cleanly(tmp_path, build, sent):
    binary = release_binary() if build == "release" else bantin_binary()
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    port, process = start(site, binary)
    try:
        process.send_signal(sent)
        assert process.wait(timeout=10) == 0
        assert "bantin: stopped" in process.stderr.read()
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
    finally:
        stop(process)


def test_two_hundred_connections_for_ten_seconds(served):
    _, port, process = served
    if shutil.which("wrk") is None:
        pytest.fail("wrk is not installed: make test installs it (apt-get install wrk)")
    # wrk counts a response slower than --timeout as a socket error; 10 s rather than its 2 s because this
    # is a debug build on two cores shared with compilers, where queueing alone can pass 2 s.
    result = subprocess.run(["wrk", "-t2", "-c200", "-d10s", "--timeout", "10s", "--latency", f"http://127.0.0.1:{port}/"],
                            capture_output=True, text=True, timeout=60)
    print(result.stdout)
    assert result.returncode == 0, result.stderr
    assert "Socket errors" not in result.stdout
    assert "Non-2xx or 3xx responses" not in result.stdout
    assert int(re.search(r"(\d+) requests in", result.stdout).group(1)) > 1000
    started = time.time()
    assert status(port, "/")[0] == 200 and time.time() - started < 1.0
    assert process.poll() is None


def test_idle_and_trickling_clients_time_out_and_block_no_one(served):
    """50 silent sockets and one request sent a byte at a time, never finished (slowloris): others are still
    answered within a second, the silent ones are closed after the idle timeout (5 s) and the trickling one
    once its connection is older than 30 s."""
    _, port, _ = served
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
    slow = socket.create_connection(("127.0.0.1", port))
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 1000
    opened = time.time()
    closed = {}
    sent = 0
    try:
        while len(closed) < len(idle) + 1 and time.time() - opened < 45:
            if slow not in closed:
                try:
                    slow.send(request[sent:sent + 1])
                    sent += 1
                except OSError:
                    closed[slow] = time.time() - opened
            waiting = [s for s in idle + [slow] if s not in closed]
            readable, _, _ = select.select(waiting, [], [], 0.5)
            for sock in readable:
                try:
                    data = sock.recv(1024)
                except OSError:
                    data = b""
                assert data == b"", "a request that never ended was answered"
                closed[sock] = time.time() - opened
            started = time.time()
            assert status(port, "/")[0] == 200
            assert time.time() - started < 1.0, "a normal request waited behind the idle clients"
        idle_closed = [closed.get(sock) for sock in idle]
        print(f"\nidle sockets closed after {min(idle_closed):.1f}-{max(idle_closed):.1f} s; "
              f"the trickling one after {closed.get(slow, 0):.1f} s, {sent} bytes sent")
        assert None not in idle_closed, "an idle socket was never closed"
        assert 4.5 <= min(idle_closed) and max(idle_closed) < 8
        assert slow in closed, "the trickling request held its connection for 45 s"
        assert 29.5 <= closed[slow] < 34
    finally:
        for sock in idle + [slow]:
            sock.close()


def test_a_folder_without_its_slash_is_redirected_with_its_query(served):
    _, port, _ = served
    response = request(port, "/don-vi?q=a%20b&x=1")
    assert response.status == 301 and response.getheader("Location") == "/don-vi/?q=a%20b&x=1"
    response = request(port, "/don-vi/tdp-01")
    assert response.status == 301 and response.getheader("Location") == "/don-vi/tdp-01/"
    # The Location is rebuilt from the path's segments: `//host` cannot turn it into another site's address.
    assert request(port, "//don-vi").getheader("Location") == "/don-vi/"
    assert status(port, "/don-vi/")[0] == 200
    assert status(port, "/index.html")[0] == 200   # files keep their name as asked


@pytest.mark.parametrize("path", ["/%c3%28", "/%ff", "/don-vi/%c3", "/%zz", "/tin-tuc/%e1%bb"])
def test_escapes_that_are_not_utf8_are_a_bad_request(served, path):
    _, port, _ = served
    code, body = status(port, path)
    assert code == 400, (path, code)
    assert b"<html" not in body   # not the home page, which FlyingFox's empty decoded path used to give


@pytest.mark.parametrize("host,url_host,table,address", [
    ("::1", "[::1]", "/proc/net/tcp6", "00000000000000000000000001000000"),
    ("[::1]", "[::1]", "/proc/net/tcp6", "00000000000000000000000001000000"),
    ("localhost", "localhost", "/proc/net/tcp", "0100007F"),
])
def test_ipv6_loopback_and_localhost(tmp_path, host, url_host, table, address):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    port, process = start(site, host=host, url_host=url_host)
    try:
        with urllib.request.urlopen(f"http://{url_host}:{port}/don-vi/", timeout=5) as response:
            assert response.status == 200 and "Tổ dân phố".encode() in response.read()
        listening = []
        with open(table) as rows:
            for line in rows.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                if int(local.split(":")[1], 16) == port and state == "0A":
                    listening.append(local.split(":")[0])
        assert listening == [address], listening
    finally:
        stop(process)
    assert f"at http://{url_host}:{port}/" in process.stderr.read()


def test_a_host_it_cannot_listen_on_is_refused_before_building(tmp_path):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    result = run_bantin("serve", "--site", str(site), "--host", "khong-co.invalid", "--port", str(free_port()))
    assert result.returncode != 0
    assert "--host: cannot listen on `khong-co.invalid`" in result.stderr
    assert not (site / "public").exists()


BROKEN_POST = "---\ntitle: \"Hỏng\"\ndate: 2026-01-02\nunit: khong-co\n---\nx\n"


def test_a_first_build_that_fails_shows_its_errors_and_reloads_into_the_site(tmp_path):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    broken = site / "content" / "posts" / "hong.md"
    broken.write_text(BROKEN_POST, encoding="utf-8")
    assert not (site / "public").exists()
    port, process = start(site)
    try:
        response = request(port, "/tin-tuc/khai-mac/")
        page = response.body.decode()
        assert response.status == 503 and response.getheader("Content-Type") == "text/html; charset=utf-8"
        assert "content/posts/hong.md:4:7: error: unknown unit `khong-co`" in page
        assert "there is no site to show yet" in page
        assert '<script src="/__bantin/live.js" data-version="0"></script>' in page
        # The site's CSP, with only what live reload needs: no inline script or style anywhere.
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
        assert "default-src 'none'; script-src 'self'; connect-src 'self';" in csp and "unsafe" not in csp
        assert "<style" not in page and " style=" not in page and re.search(r"<script>", page) is None
        assert status(port, "/")[0] == 503
        broken.unlink()
        assert wait_for(lambda: status(port, "/tin-tuc/khai-mac/")[0] == 200, 5.0)
        code, body = status(port, "/tin-tuc/khai-mac/")
        assert "đã họp triển khai".encode() in body and b"bantin-build-errors" not in body
    finally:
        stop(process)
    log = process.stderr.read()
    assert "no site to serve until a build succeeds" in log and "still serving the last good site" not in log, log


def test_the_no_site_page_reloads_in_a_browser_without_a_csp_violation(tmp_path):
    from playwright.sync_api import sync_playwright
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    broken = site / "content" / "posts" / "hong.md"
    broken.write_text(BROKEN_POST, encoding="utf-8")
    port, process = start(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            problems = []
            page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                                 "'CSP ' + e.violatedDirective + ' ' + e.blockedURI))")
            page.on("console", lambda message: problems.append(f"{message.text} at {message.location.get('url')}")
                    if message.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.goto(f"http://127.0.0.1:{port}/")
            box = page.wait_for_selector("#bantin-build-errors")
            assert "hong.md:4:7: error: unknown unit" in box.inner_text()
            assert page.evaluate("getComputedStyle(document.getElementById('bantin-build-errors')).position") == "fixed"
            broken.unlink()
            page.wait_for_selector("#bantin-build-errors", state="detached", timeout=10000)
            page.wait_for_load_state()
            assert page.title() != "bantin: build failed"
            # The browser's only complaints: the 503 of the page as first asked, and the site's lack of a favicon.
            expected = (f"status of 503 (Service Unavailable) at http://127.0.0.1:{port}/",
                        f"status of 404 (Not Found) at http://127.0.0.1:{port}/favicon.ico")
            assert [problem for problem in problems if not problem.endswith(expected)] == [], problems
            browser.close()
    finally:
        stop(process)


def test_templates_made_after_the_start_are_watched(served):
    site, port, _ = served
    (site / "templates").mkdir()
    base = (ROOT / "templates" / "base.mustache").read_text(encoding="utf-8")
    override = site / "templates" / "base.mustache"
    override.write_text(base.replace("</body>", "<p>dau-hieu-mot</p></body>"), encoding="utf-8")
    assert wait_for(lambda: b"dau-hieu-mot" in status(port, "/")[1], 3.0)
    # Edited again: the new folder itself is watched, not only its appearing.
    override.write_text(base.replace("</body>", "<p>dau-hieu-hai</p></body>"), encoding="utf-8")
    assert wait_for(lambda: b"dau-hieu-hai" in status(port, "/")[1], 3.0)


def test_content_sections_made_after_the_start_are_watched(served):
    site, port, _ = served
    # The example site has no handouts/: `bantin new` makes the folder and the file in it.
    assert not (site / "content" / "handouts").exists()
    assert run_bantin("new", "handout", "Tờ rơi phòng cháy", cwd=site).returncode == 0
    handout = site / "content" / "handouts" / "to-roi-phong-chay.md"
    assert wait_for(lambda: "Tờ rơi phòng cháy".encode() in status(port, "/tai-lieu/to-roi-phong-chay/")[1], 5.0)
    handout.write_text(handout.read_text(encoding="utf-8").replace("## Thông điệp", "## Thông điệp đã sửa"), encoding="utf-8")
    assert wait_for(lambda: "Thông điệp đã sửa".encode() in status(port, "/tai-lieu/to-roi-phong-chay/")[1], 5.0)


def linked_libraries(program):
    result = subprocess.run(["ldd", str(program)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_only_bantin_serve_links_a_network_client():
    """The HTTP library brings Foundation's URL loading and libcurl: `bantin serve` is a program of its
    own so that the one that builds sites has neither (and starts without loading them)."""
    programs = [bantin_binary()]
    release = ROOT / ".build" / "release" / "bantin"
    if release.exists():
        programs.append(release)
    for bantin in programs:
        assert re.search(r"libFoundationNetworking|libcurl", linked_libraries(bantin)) is None, bantin
        assert re.search(r"libFoundationNetworking|libcurl", linked_libraries(bantin.with_name("bantin-serve"))), bantin


def test_serve_without_bantin_serve_beside_it_says_what_is_missing(tmp_path):
    alone = tmp_path / "bin" / "bantin"
    alone.parent.mkdir()
    shutil.copy2(bantin_binary(), alone)
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    result = subprocess.run([str(alone), "serve", "--site", str(site)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 64, result.stderr
    assert f"bantin serve needs bantin-serve beside bantin, at {alone.parent / 'bantin-serve'}" in result.stderr
    assert "make release" in result.stderr


def test_bantin_serve_help_is_the_servers_own():
    result = run_bantin("serve", "--help")
    assert result.returncode == 0, result.stderr
    assert "USAGE: bantin serve [--site <site>] [--port <port>] [--host <host>]" in result.stdout
    assert "Address or name to listen on" in result.stdout
