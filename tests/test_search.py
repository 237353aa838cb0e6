"""The search page, run in Debian's Chromium from file:// (no server, no fetch), as a resident would."""
import pathlib
import urllib.parse

import pytest
from playwright.sync_api import sync_playwright

from conftest import repository_copy, run_bantin


@pytest.fixture(scope="module")
def search_page(tmp_path_factory):
    site = repository_copy(tmp_path_factory.mktemp("search"))
    out = site / "public"
    result = run_bantin("build", "--no-print", "--site", str(site), "--as-of", "2026-07-15")
    assert result.returncode == 0, result.stderr
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((out / "tim-kiem" / "index.html").as_uri())
        yield page, errors, out
        browser.close()


def titles(page, query):
    page.fill("#tu-khoa", query)
    return page.eval_on_selector_all("#ket-qua li a", "links => links.map(a => a.textContent)")


def test_the_page_runs_under_its_csp_from_disk(search_page):
    page, errors, _ = search_page
    assert page.evaluate("Array.isArray(window.BANTIN_SEARCH) && window.BANTIN_SEARCH.length") > 40
    assert errors == []


def test_without_diacritics_finds_text_with_them(search_page):
    page, _, _ = search_page
    found = titles(page, "an ninh mang")
    assert any("an ninh mạng" in title for title in found), found
    assert "kết quả cho “an ninh mang”" in page.inner_text("#trang-thai")


def test_unit_names_without_diacritics(search_page):
    page, _, _ = search_page
    assert titles(page, "tram y te")[0] == "Trạm Y tế phường Linh Sơn"
    assert "Trường Tiểu học Linh Sơn" in titles(page, "truong tieu hoc")


def test_exact_diacritics_rank_first(search_page):
    page, _, _ = search_page
    # "hòa" and "hoà" are both in the texts; typed with accents, titles that contain exactly that come first.
    found = titles(page, "lừa đảo")
    assert found and "lừa đảo" in found[0].lower(), found
    folded_only = titles(page, "lua dao")
    assert set(found) <= set(folded_only)


def test_results_link_to_the_pages(search_page):
    page, _, out = search_page
    titles(page, "tổ dân phố số 19")
    page.click("#ket-qua li a >> nth=0")
    page.wait_for_load_state()
    assert page.url.endswith("/don-vi/tdp-19/index.html")
    assert page.inner_text("h1") == "Tổ dân phố số 19"


def test_query_in_the_address_is_searched(search_page):
    page, _, out = search_page
    page.goto((out / "tim-kiem" / "index.html").as_uri() + "?q=dong%20tam")
    assert page.input_value("#tu-khoa") == "dong tam"


def test_enter_shows_results_and_breaks_no_csp_rule(search_page):
    """Enter submits the form; the page's CSP (form-action 'none') refused that with a console error."""
    _, _, out = search_page
    page = search_page[0].context.browser.new_page()
    errors = []
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                         "'CSP ' + e.violatedDirective + ' ' + e.blockedURI))")
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    address = (out / "tim-kiem" / "index.html").as_uri()
    page.goto(address)
    page.fill("#tu-khoa", "an ninh mang")
    page.press("#tu-khoa", "Enter", no_wait_after=True)
    page.wait_for_timeout(300)   # a refused submission is reported asynchronously
    found = page.eval_on_selector_all("#ket-qua li a", "links => links.map(a => a.textContent)")
    assert any("an ninh mạng" in title for title in found), found
    assert page.url == address and page.input_value("#tu-khoa") == "an ninh mang"
    assert errors == []
    page.close()


def test_typed_markup_is_shown_as_text(search_page):
    page, _, _ = search_page
    titles(page, "<img src=x onerror=alert(1)>")
    assert page.eval_on_selector_all("#ket-qua img", "images => images.length") == 0
    assert "<img" in page.inner_text("#trang-thai")


def test_the_query_and_the_index_are_folded_alike(search_page):
    page, _, _ = search_page
    assert page.evaluate("bantinFold('Tổ dân phố số 5 – Đồng Tâm')") == "to dan pho so 5 – dong tam"
    assert page.evaluate("bantinFold('Hoà HÒA thuỷ THỦY')") == "hoa hoa thuy thuy"
    # The index is folded as it arrives, by the function that folds the query.
    entry = page.evaluate("window.BANTIN_SEARCH.find(e => e.t === 'Trạm Y tế phường Linh Sơn')")
    assert entry["ft"] == page.evaluate("bantinFold('Trạm Y tế phường Linh Sơn')") == "tram y te phuong linh son"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    """A site of 600 posts, whose index comes in parts; three posts far apart share a rare word."""
    site = tmp_path_factory.mktemp("big") / "site"
    assert run_bantin("init", str(site)).returncode == 0
    posts = site / "content" / "posts"
    for number in range(1, 601):
        rare = " Từ khoá hiếm: ngũsắcđộcnhất." if number in (1, 300, 599) else ""
        (posts / f"tin-{number:03d}.md").write_text(
            f'---\ntitle: "Tin số {number} về an ninh mạng"\ndate: 2026-02-{number % 28 + 1:02d}\n---\n'
            f"Nội dung tin số {number}, về bảo vệ dữ liệu cá nhân.{rare}\n", encoding="utf-8")
    out = site / "public"
    result = run_bantin("build", "--no-print", "--site", str(site), "--as-of", "2026-03-01")
    assert result.returncode == 0, result.stderr
    return out


def test_a_big_index_comes_in_parts(big_site):
    parts = {p.name for p in (big_site / "assets").glob("search-index*.js")}
    assert {"search-index.js", "search-index-2.js", "search-index-3.js", "search-index-4.js"} <= parts, parts
    first = (big_site / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert first.startswith("window.BANTIN_SEARCH = [")
    assert 'window.BANTIN_SEARCH_PARTS = ["assets/search-index-2.js","assets/search-index-3.js"' in first
    assert (big_site / "assets" / "search-index-2.js").read_text(encoding="utf-8").startswith("window.BANTIN_SEARCH.push(")


@pytest.mark.parametrize("where", ["public", "bundle"])
def test_every_part_is_searched_from_disk(big_site, search_page, tmp_path, where):
    root = big_site
    if where == "bundle":
        import zipfile
        bundle = next(p for p in (big_site / "bundles").glob("*.zip") if "assets/search-index-3.js" in zipfile.ZipFile(p).namelist())
        zipfile.ZipFile(bundle).extractall(tmp_path)
        root = tmp_path
    entries = sum(1 for _ in big_site.glob("tin-tuc/*/index.html"))
    # The module's browser (Playwright's sync API runs one at a time), in a page of its own.
    page = search_page[0].context.browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((root / "tim-kiem" / "index.html").as_uri() + "?q=ngu%20sac%20doc%20nhat")
    page.wait_for_selector("html[data-search-ready]", state="attached")
    assert page.evaluate("window.BANTIN_SEARCH.length") >= entries >= 600
    page.wait_for_function("document.querySelectorAll('#ket-qua li').length === 3")
    found = page.eval_on_selector_all("#ket-qua li a", "links => links.map(a => a.textContent)")
    assert sorted(found) == ["Tin số 1 về an ninh mạng", "Tin số 300 về an ninh mạng", "Tin số 599 về an ninh mạng"]
    # Typed again after everything arrived: the same three.
    assert sorted(titles(page, "ngũsắcđộcnhất")) == sorted(found)
    assert errors == []
    page.close()


@pytest.fixture(scope="module")
def twin_names(tmp_path_factory, search_page):
    """A site with two places written alike but for their accents: Đồng Tâm and Đông Tám."""
    site = tmp_path_factory.mktemp("twins") / "site"
    assert run_bantin("init", str(site)).returncode == 0
    for slug, name, day in [("khu-dong-tam", "Đồng Tâm", 10), ("khu-dong-tam-b", "Đông Tám", 11)]:
        (site / "content" / "posts" / f"{slug}.md").write_text(
            f'---\ntitle: "Họp dân khu {name}"\ndate: 2026-01-{day}\n---\nBà con khu {name} họp bàn về an ninh trật tự.\n',
            encoding="utf-8")
    result = run_bantin("build", "--no-print", "--site", str(site), "--as-of", "2026-02-01")
    assert result.returncode == 0, result.stderr
    page = search_page[0].context.browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "public" / "tim-kiem" / "index.html").as_uri())
    page.wait_for_selector("html[data-search-ready]", state="attached")
    yield page
    assert errors == []
    page.close()


def search_titles(page, query):
    """The site's own matcher, in its order (what the page lists)."""
    return page.evaluate("query => bantinSearch(query).map(entry => entry.t)", query)


def test_the_index_holds_text_as_written_and_the_page_folds_it(twin_names):
    entries = twin_names.evaluate("window.BANTIN_SEARCH.filter(entry => entry.t.startsWith('Họp dân khu'))")
    by_title = {entry["t"]: entry for entry in entries}
    assert set(by_title) == {"Họp dân khu Đồng Tâm", "Họp dân khu Đông Tám"}
    first, second = by_title["Họp dân khu Đồng Tâm"], by_title["Họp dân khu Đông Tám"]
    assert "bà con khu đồng tâm họp bàn" in first["x"] and "bà con khu đông tám họp bàn" in second["x"]
    assert "ba con khu dong tam hop ban" in first["fx"] and "ba con khu dong tam hop ban" in second["fx"]
    assert first["ft"] == second["ft"] == "hop dan khu dong tam"
    # On disk each entry is its text as written and no more: lowercasing and folding are the page's work.
    page_file = pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(twin_names.url).path))
    index = (page_file.parent.parent / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert '"x":"Họp dân khu Đồng Tâm \\nBà con khu Đồng Tâm họp bàn' in index
    assert '"fx"' not in index and '"ft"' not in index and "hop dan" not in index


def test_without_accents_finds_both_places(twin_names):
    found = search_titles(twin_names, "dong tam")
    assert set(found[:2]) == {"Họp dân khu Đồng Tâm", "Họp dân khu Đông Tám"}, found


@pytest.mark.parametrize("query, first, second", [
    ("Đồng Tâm", "Họp dân khu Đồng Tâm", "Họp dân khu Đông Tám"),
    ("Đông Tám", "Họp dân khu Đông Tám", "Họp dân khu Đồng Tâm"),
    ("đồng tâm", "Họp dân khu Đồng Tâm", "Họp dân khu Đông Tám"),
])
def test_the_accents_typed_rank_that_place_first(twin_names, query, first, second):
    found = search_titles(twin_names, query)
    assert found[:2] == [first, second], found
    # What the page shows is that order too.
    assert titles(twin_names, query)[:2] == [first, second]
