"""Every page Bantin generates, opened in headless Chromium (Debian's, driven by Playwright) at a
phone width and a desktop width, checked the way a resident or an officer would meet it: no console
error (CSP violations and failed loads included), no sideways scrolling, readable text on phones, no
axe-core WCAG 2.1 A/AA violation, a working skip link, every control reachable by keyboard with a
visible focus ring; printables fill the pages they declare; links work from file:// without script.
Screenshots of each page type go to test-artifacts/screenshots/."""
import json
import pathlib
import re
import subprocess
import tempfile
import zipfile
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from browser_sites import (built_sites, declared_print_pages, is_print_layout, page_type, pages)
from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {360: 740, 1280: 800}
PHONE = 360
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# The page of each type whose screenshot is kept (Linh Sơn); other types use their first page.
SCREENSHOT_PAGES = {
    "home": "index.html", "unit": "don-vi/tdp-03/index.html", "overview": "chien-dich/chi-thi-57/tien-do/index.html",
    "letter": "van-ban/246-cv-vhxxh/index.html", "message": "thong-diep/01-quan-triet-chi-thi-57/index.html",
    "post": "tin-tuc/tram-y-te-tuyen-truyen-long-ghep-chi-thi-57/index.html",
    "handout": "tai-lieu/an-toan-tren-khong-gian-mang/index.html",
    "report": "bao-cao/bao-cao-ket-qua-chi-thi-57/index.html", "404": "404.html",
    "campaign": "chien-dich/chi-thi-57/index.html", "units": "don-vi/index.html",
    "task-sheet": "don-vi/tdp-03/ban-in/index.html", "letter-print": "van-ban/246-cv-vhxxh/ban-in/index.html",
}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
    # axe would otherwise fetch the style sheets with XHR, which the pages' CSP rightly refuses.
    "preload": False,
}
BODY_COPY_MIN_PX = 16
# Text that is not body copy: metadata, labels, badges, captions, the letter's "Nơi nhận" list
# (11 pt by Decree 30) and the signature placeholder. It must still be at least 13 px on phones.
SECONDARY_TEXT = (".meta, time, .badge, .status, .breadcrumb, .kicker, .count, .unit, caption, figcaption, "
                  ".copies, .signature-space, .sample-notice, svg, .visually-hidden")
SECONDARY_MIN_PX = 13


# ---------------------------------------------------------------- collection

def pytest_generate_tests(metafunc):
    sites = built_sites()
    if "site_page" in metafunc.fixturenames:
        params = [(site, rel, width) for site in ("linh-son", "fixture") for rel in pages(sites[site]) for width in WIDTHS]
        metafunc.parametrize("site_page", params, ids=[f"{s}/{r}@{w}" for s, r, w in params])
    if "printable" in metafunc.fixturenames:
        params = [(site, rel) for site in ("linh-son", "fixture") for rel in pages(sites[site]) if is_print_layout(rel)]
        metafunc.parametrize("printable", params, ids=[f"{s}/{r}" for s, r in params])
    if "crawl_root" in metafunc.fixturenames:
        params = ["linh-son/public", "linh-son/bundle:tdp-03", "linh-son/bundle:site", "fixture/public", "fixture/bundle:tdp-01"]
        metafunc.parametrize("crawl_root", params, ids=params)


# ---------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser():
    if not pathlib.Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: make test installs Debian's chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Tab:
    """One page per width, reused for every page at that width, with what the browser reported."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.events = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.events.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda r: self.events.append(f"failed load: {r.url} ({r.failure})"))
        self.page.on("response", lambda r: r.status >= 400 and self.events.append(f"HTTP {r.status}: {r.url}"))

    def _console(self, message):
        if message.type == "error" or message.text.startswith("Refused to"):
            self.events.append(f"console {message.type}: {message.text}")

    def open(self, url):
        self.events = []
        self.page.goto(url, wait_until="load")
        return self.page


@pytest.fixture(scope="session")
def tabs(browser):
    made = {}

    def tab(width):
        if width not in made:
            context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]},
                                          device_scale_factor=1, is_mobile=False, locale="vi-VN")
            # Every CSP violation, also those Chromium does not print to the console.
            context.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                                    "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
            made[width] = Tab(context)
        return made[width]

    yield tab
    for t in made.values():
        t.context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


def file_url(path: pathlib.Path) -> str:
    return path.resolve().as_uri()


# ---------------------------------------------------------------- in-page probes

OVERFLOW_JS = """(vw) => {
  const doc = document.documentElement;
  const wide = [];
  if (doc.scrollWidth > vw) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > vw + 0.5) {
        let clipped = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX !== 'visible' && a.getBoundingClientRect().right <= vw + 0.5) { clipped = true; break; }
        }
        if (!clipped) wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(r.right));
      }
    }
  }
  return {scrollWidth: doc.scrollWidth, wide: wide.slice(0, 6)};
}"""

FONT_JS = """([secondary, bodyMin, secondaryMin]) => {
  const small = [];
  const root = document.querySelector('main') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim()) continue;
    const el = n.parentElement;
    if (seen.has(el)) continue;
    seen.add(el);
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const isSecondary = !!el.closest(secondary);
    const min = isSecondary ? secondaryMin : bodyMin;
    if (size + 0.01 < min) small.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''} ${size}px: "${n.data.trim().slice(0, 40)}"`);
  }
  return small.slice(0, 8);
}"""

KEYBOARD_SETUP_JS = """() => {
  const sel = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), ' +
              'textarea:not([disabled]), summary, iframe, [tabindex]:not([tabindex^="-"]), [contenteditable=""], [contenteditable="true"]';
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert]');
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\\s+/).join('.') : '') +
      (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '') + ` "${(el.textContent || '').trim().slice(0, 30)}"`;
  const rgba = s => { const m = s.match(/[\\d.]+/g) || [0, 0, 0, 0]; return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                     return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const backdrop = el => { for (let a = el; a; a = a.parentElement) { const c = rgba(getComputedStyle(a).backgroundColor);
                           if (c[3] > 0.5) return c; } return [255, 255, 255, 1]; };
  const expected = [...document.querySelectorAll(sel)].filter(shown);
  const ids = new Map(expected.map((el, i) => [el, i]));
  const kb = window.__kb = {expected: expected.map(name), reached: new Set(), rings: {}, extra: []};
  document.addEventListener('focusin', e => {
    const el = e.target;
    if (!ids.has(el)) { kb.extra.push(name(el)); return; }
    const i = ids.get(el);
    kb.reached.add(i);
    const s = getComputedStyle(el);
    let ring = null;
    if (s.outlineStyle === 'auto') ring = 'auto';
    else if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
      const behind = parseFloat(s.outlineOffset) < 0 ? backdrop(el) : backdrop(el.parentElement || el);
      const ratio = contrast(rgba(s.outlineColor), behind);
      ring = ratio >= 3 ? 'ok' : `outline ${s.outlineColor} on rgb(${behind.slice(0, 3)}) is ${ratio.toFixed(2)}:1 (needs 3:1)`;
    } else if (s.boxShadow && s.boxShadow !== 'none') ring = 'box-shadow';
    kb.rings[i] = ring || `no focus ring (outline ${s.outlineStyle} ${s.outlineWidth})`;
  }, true);
  return expected.length;
}"""

KEYBOARD_RESULT_JS = """() => {
  const kb = window.__kb;
  const missed = kb.expected.filter((_, i) => !kb.reached.has(i));
  const bad = Object.entries(kb.rings).filter(([, r]) => !['ok', 'auto', 'box-shadow'].includes(r)).map(([i, r]) => `${kb.expected[i]}: ${r}`);
  return {missed, bad, reached: kb.reached.size, total: kb.expected.length};
}"""

SKIP_LINK_JS = """() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  return {isSkip: el.classList.contains('skip-link'), href: el.getAttribute('href'),
          onScreen: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight};
}"""


def check_keyboard(page, problems):
    """Tab through the page from the top: the first stop is a visible skip link that moves focus to
    the main content; every interactive element is reached and shows a focus ring that stands out."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    total = page.evaluate(KEYBOARD_SETUP_JS)
    page.keyboard.press("Tab")
    skip = page.evaluate(SKIP_LINK_JS)
    if not skip["isSkip"]:
        problems.append("keyboard: the first Tab does not land on the skip link")
    elif not skip["onScreen"]:
        problems.append("keyboard: the focused skip link is not visible on screen")
    # Scrollable regions are tab stops too, hence the margin; each stop is recorded by a focusin listener.
    presses = total + page.evaluate("document.querySelectorAll('.table-wrap, pre').length") + 2
    for _ in range(presses):
        page.keyboard.press("Tab")
    result = page.evaluate(KEYBOARD_RESULT_JS)
    if result["missed"]:
        problems.append(f"keyboard: {len(result['missed'])} of {result['total']} interactive elements never get focus: {result['missed'][:5]}")
    if result["bad"]:
        problems.append(f"keyboard: focus ring missing or faint on {len(result['bad'])}: {result['bad'][:5]}")
    if skip["isSkip"]:
        page.focus(".skip-link")
        page.keyboard.press("Enter")
        target = (skip["href"] or "#").lstrip("#")
        landed = page.evaluate("(id) => ({active: document.activeElement.id, hash: location.hash, "
                               "inMain: !!document.activeElement.closest('main')})", target)
        if landed["active"] != target or not landed["inMain"]:
            problems.append(f"skip link: focus is on #{landed['active'] or 'body'}, not on the main content #{target}")


def run_axe(page, axe):
    page.evaluate(axe.axe_script)
    return page.evaluate("(options) => axe.run(document, options).then(r => r.violations.map(v => ({id: v.id, "
                         "impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ': ' + "
                         "(n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200))})))", AXE_OPTIONS)


# ---------------------------------------------------------------- the per-page test

def test_page(site_page, tabs, axe):
    site, rel, width = site_page
    public = built_sites()[site]
    tab = tabs(width)
    page = tab.open(file_url(public / rel))
    problems = []

    overflow = page.evaluate(OVERFLOW_JS, width)
    if overflow["scrollWidth"] > width:
        problems.append(f"scrolls sideways: {overflow['scrollWidth']} px wide in a {width} px viewport; too wide: {overflow['wide']}")

    if width == PHONE and not is_print_layout(rel):
        small = page.evaluate(FONT_JS, [SECONDARY_TEXT, BODY_COPY_MIN_PX, SECONDARY_MIN_PX])
        if small:
            problems.append(f"text under {BODY_COPY_MIN_PX} px on a phone (secondary text under {SECONDARY_MIN_PX} px): {small}")

    if site == "linh-son":
        kind = page_type(rel)
        if SCREENSHOT_PAGES.get(kind, rel) == rel and not (SCREENSHOTS / f"{kind}-{width}.png").exists():
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"), full_page=True)

    check_keyboard(page, problems)

    # Everything the browser reported up to here, before axe adds its own probing.
    problems.extend(tab.events)

    violations = run_axe(page, axe)
    for v in violations:
        problems.append(f"axe {v['id']} ({v['impact']}): {v['help']}: {v['nodes']}")

    assert not problems, f"{site}/{rel} at {width} px:\n  " + "\n  ".join(problems)


@pytest.fixture(scope="session", autouse=True)
def fresh_screenshots():
    """Screenshots of this run only: the folder is emptied once per session."""
    if SCREENSHOTS.exists():
        for old in SCREENSHOTS.glob("*.png"):
            old.unlink()
    yield


def test_axe_is_really_checking(browser, axe):
    """The audit itself works under the pages' CSP: a low-contrast line is caught."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(file_url(built_sites()["linh-son"] / "404.html"))
        page.evaluate("() => { const p = document.createElement('p'); p.textContent = 'Khó đọc'; "
                      "p.style.color = '#ccc'; document.querySelector('main').append(p); }")
        assert "color-contrast" in [v["id"] for v in run_axe(page, axe)]
    finally:
        context.close()


# ---------------------------------------------------------------- print emulation

def pdf_pages(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_printable_fills_its_declared_pages(printable, tabs):
    site, rel = printable
    sites = built_sites()
    expected = declared_print_pages(sites["_sources"][site], rel)
    if expected is None:
        pytest.fail(f"{site}/{rel}: no declared page count (add it to LETTER_PAGES in browser_sites.py)")
    tab = tabs(1280)
    page = tab.open(file_url(sites[site] / rel))
    page.emulate_media(media="print")
    try:
        data = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.emulate_media(media="screen")
    assert pdf_pages(data) == expected, f"{site}/{rel} prints on {pdf_pages(data)} pages, declares {expected}"
    assert not tab.events, tab.events


# ---------------------------------------------------------------- file:// links, by clicking

def crawl_folder(site: str, where: str, tmp_path) -> pathlib.Path:
    public = built_sites()[site]
    if where == "public":
        return public
    name = where.split(":", 1)[1]
    if name == "site":
        [archive] = [z for z in (public / "bundles").glob("*.zip") if not (public / "don-vi" / z.stem).is_dir()]
    else:
        archive = public / "bundles" / f"{name}.zip"
    folder = tmp_path / archive.stem
    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    return folder


def test_links_work_from_file_by_clicking(crawl_root, browser, tmp_path):
    """From index.html, with JavaScript off, follow every link to a page by clicking it once, and
    check every other link: local targets exist (and their #fragment), links leaving a bundle are marked."""
    site, where = crawl_root.split("/", 1)
    folder = crawl_folder(site, where, tmp_path)
    in_bundle = where.startswith("bundle:")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    failures = []
    page.on("requestfailed", lambda r: failures.append(f"failed load: {r.url}"))
    page.on("console", lambda m: m.type == "error" and failures.append(f"console error on {page.url}: {m.text}"))
    problems = []
    start = file_url(folder / "index.html")
    visited, queue, clicked = {start}, [start], 0
    ids_cache = {}

    def ids_of(path: pathlib.Path):
        if path not in ids_cache:
            ids_cache[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8", errors="replace")))
        return ids_cache[path]

    try:
        while queue:
            url = queue.pop(0)
            page.goto(url)
            links = page.locator("a[href]").evaluate_all(
                "els => els.map(e => ({href: e.href, raw: e.getAttribute('href'), online: e.hasAttribute('data-online'), "
                "download: e.hasAttribute('download'), text: e.textContent.trim().slice(0, 40)}))")
            for index, link in enumerate(links):
                target, fragment = urldefrag(link["href"])
                scheme = urlparse(target).scheme
                where_from = f"{pathlib.Path(unquote(urlparse(url).path)).relative_to(folder.resolve())}: “{link['text']}” → {link['raw']}"
                if scheme in ("http", "https"):
                    if in_bundle and not link["online"]:
                        problems.append(f"{where_from}: leaves the bundle without data-online")
                    continue
                if scheme != "file":
                    problems.append(f"{where_from}: not a relative link")
                    continue
                path = pathlib.Path(unquote(urlparse(target).path))
                if folder.resolve() not in path.parents:
                    problems.append(f"{where_from}: points outside the folder")
                    continue
                if not path.is_file():
                    problems.append(f"{where_from}: {path.relative_to(folder.resolve())} does not exist")
                    continue
                if fragment and path.suffix == ".html" and unquote(fragment) not in ids_of(path):
                    problems.append(f"{where_from}: no element with id “{fragment}”")
                if path.suffix != ".html" or link["download"] or target in visited:
                    continue
                # A page not seen yet: get there the way a reader does, by clicking the link.
                visited.add(target)
                locator = page.locator("a[href]").nth(index)
                if not locator.is_visible():
                    problems.append(f"{where_from}: the only link to this page is hidden")
                    continue
                locator.click()
                page.wait_for_load_state("load")
                clicked += 1
                if urldefrag(page.url)[0] != target:
                    problems.append(f"{where_from}: clicking opened {page.url}")
                queue.append(target)
                page.goto(url)
    finally:
        context.close()
    pages_there = {file_url(p) for p in folder.rglob("*.html") if "fragments" not in p.relative_to(folder).parts}
    unreached = sorted(pathlib.Path(unquote(urlparse(u).path)).relative_to(folder.resolve()).as_posix()
                       for u in pages_there - visited if not u.endswith("/404.html"))
    if unreached:
        problems.append(f"pages no link leads to: {unreached[:8]}")
    problems.extend(failures)
    assert clicked > 0
    assert not problems, f"{crawl_root} ({clicked} links clicked):\n  " + "\n  ".join(problems[:40])


# ---------------------------------------------------------------- screenshots

def test_screenshots_of_every_page_type(request):
    """Runs last in this file: the page tests saved a full-page screenshot of each page type at both widths."""
    wanted = ["home", "unit", "overview", "letter", "message", "post", "handout", "report", "404"]
    selected = [item.name for item in request.session.items if item.name.startswith("test_page[linh-son/")]
    if not selected:
        pytest.skip("no page test ran")
    missing = [f"{kind}-{w}.png" for kind in wanted for w in WIDTHS
               if any(f"/{SCREENSHOT_PAGES[kind]}@{w}]" in name for name in selected)
               and not (SCREENSHOTS / f"{kind}-{w}.png").exists()]
    assert not missing, missing
