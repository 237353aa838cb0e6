"""Every page Bantin generates, opened in headless Chromium (Debian's, driven by Playwright) at a
phone width and a desktop width, checked the way a resident or an officer would meet it:

- no console error: every Content-Security-Policy violation, failed load and script error counts;
- no sideways scrolling; body copy at least 16 px on phones; no document number ("Số: 246/CV-VHXXH",
  "57-CT/TW") or date ("ngày 25 tháng 3 năm 2026") broken across lines;
- axe-core finds no WCAG 2.1 A or AA violation;
- the first Tab lands on a visible skip link that moves focus to the main content, and Tab reaches
  every link and control, each with a focus ring that stands out from what is behind it;
- every print layout, printed with print emulation, fills exactly the pages it declares;
- from file:// — straight from public/ and from unzipped bundles, with JavaScript off — every page
  is reached by clicking links from index.html, and every link leads to a file that exists.

One Chromium serves this module: a context per width (and one with JavaScript off for the
crawls), a few tabs each, driven concurrently from an asyncio loop in a helper thread. The work for
the selected tests is done once, up front; each test then reports its own page. A full-page
screenshot of each page type at both widths is saved to test-artifacts/screenshots/."""
import asyncio
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import threading
import time
import zipfile
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.async_api import async_playwright

from browser_sites import built_sites, declared_print_pages, is_print_layout, page_type, pages
from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {360: 740, 1280: 800}
PHONE = 360
TABS_PER_CONTEXT = 3
SITES = ("linh-son", "fixture")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
RUN_STARTED = time.time()
SCREENSHOT_TYPES = ["home", "unit", "overview", "letter", "message", "post", "handout", "report", "404", "search"]
# The Linh Sơn page whose screenshot stands for its type; other types use their first page.
SCREENSHOT_PAGES = {
    "home": "index.html", "unit": "don-vi/tdp-03/index.html", "overview": "chien-dich/chi-thi-57/tien-do/index.html",
    "letter": "van-ban/246-cv-vhxxh/index.html", "message": "thong-diep/01-quan-triet-chi-thi-57/index.html",
    "post": "tin-tuc/tram-y-te-tuyen-truyen-long-ghep-chi-thi-57/index.html",
    "handout": "tai-lieu/an-toan-tren-khong-gian-mang/index.html",
    "report": "bao-cao/bao-cao-ket-qua-chi-thi-57/index.html", "404": "404.html", "search": "tim-kiem/index.html",
    "edition": "ban-tin/so-1-thang-4-2026/index.html",
    "campaign": "chien-dich/chi-thi-57/index.html", "units": "don-vi/index.html",
    "task-sheet": "don-vi/tdp-03/ban-in/index.html", "letter-print": "van-ban/246-cv-vhxxh/ban-in/index.html",
    "report-print": "bao-cao/bao-cao-ket-qua-chi-thi-57/ban-in/index.html",
    "handout-print": "tai-lieu/an-toan-tren-khong-gian-mang/ban-in/index.html",
}
AXE_SCRIPT = Axe().axe_script
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
    # axe would otherwise fetch the style sheets with XHR, which the pages' CSP rightly refuses.
    "preload": False,
}
BODY_COPY_MIN_PX = 16
# Text that is not body copy: metadata, labels, badges, captions, the letter's "Nơi nhận" list
# (11 pt by Decree 30), the signature placeholder. On phones it must still be at least 13 px.
SECONDARY_TEXT = (".meta, time, .badge, .status, .breadcrumb, .kicker, .count, .unit, caption, figcaption, "
                  ".copies, .signature-space, .sample-notice, svg, .visually-hidden")
SECONDARY_MIN_PX = 13
# What must never break across lines: "Số: 246/CV-VHXXH", a symbol like 57-CT/TW or 30/2020/NĐ-CP,
# a date written out or in figures.
SYMBOL = r"(?<![\wÀ-ỹ])\d+(?:/\d+)*[/-][A-ZĐ][A-ZĐ0-9]*(?:[-/.][A-ZĐ0-9]+)*(?![\wÀ-ỹ])"
UNBREAKABLE = [rf"Số:\s+{SYMBOL}", SYMBOL, r"(?:[Nn]gày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}",
               r"\d{1,2}/\d{1,2}/\d{4}", r"quý\s+[IV]+/\d{4}"]


# ---------------------------------------------------------------- collection

def crawl_roots():
    """Folders walked by clicking; "static:" ones (the whole-site zips, the same pages again) are
    checked from their files only, to keep the run short."""
    return ["linh-son/public", "linh-son/bundle:tdp-03", "fixture/public", "fixture/bundle:tdp-01",
            "static:linh-son/bundle:site", "static:fixture/bundle:site"]


def pytest_generate_tests(metafunc):
    if not {"site_page", "printable", "crawl_root"} & set(metafunc.fixturenames):
        return
    sites = built_sites()
    if "site_page" in metafunc.fixturenames:
        params = [(site, rel, width) for site in SITES for rel in pages(sites[site]) for width in WIDTHS]
        metafunc.parametrize("site_page", params, ids=[f"{s}/{r}@{w}" for s, r, w in params])
    if "printable" in metafunc.fixturenames:
        params = [(site, rel) for site in SITES for rel in pages(sites[site]) if is_print_layout(rel)]
        metafunc.parametrize("printable", params, ids=[f"{s}/{r}" for s, r in params])
    if "crawl_root" in metafunc.fixturenames:
        metafunc.parametrize("crawl_root", crawl_roots())


# ---------------------------------------------------------------- the browser

class Engine:
    """One Playwright and one Chromium on an asyncio loop in a helper thread."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="playwright", daemon=True)
        self.thread.start()
        self.contexts = {}
        self.call(self._start())

    def call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    async def _start(self):
        self.playwright = await async_playwright().start()
        self.browser = await self.playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

    async def context(self, name):
        """"360" and "1280": the page checks (axe is injected on every document); "nojs": the crawls."""
        if name not in self.contexts:
            if name == "nojs":
                context = await self.browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
            else:
                width = int(name)
                context = await self.browser.new_context(viewport={"width": width, "height": WIDTHS[width]},
                                                         device_scale_factor=1, locale="vi-VN")
                # Every CSP violation, also any Chromium would not print to the console.
                await context.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                                              "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
                await context.add_init_script(AXE_SCRIPT)
                for site in SITES:
                    await serve_at_base_url(context, site)
            self.contexts[name] = context
        return self.contexts[name]

    async def _stop(self):
        await self.browser.close()
        await self.playwright.stop()

    def close(self):
        self.call(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def base_url(site):
    text = (built_sites()["_sources"][site] / "content" / "site.yaml").read_text(encoding="utf-8")
    return re.search(r"^base_url:\s*\"?([^\"\s]+)", text, re.M).group(1)


async def serve_at_base_url(context, site):
    """The site as its web server would serve it at base_url, 404.html for anything missing:
    404.html links its style sheet by absolute address because a server shows it at any depth."""
    base, public = base_url(site), built_sites()[site]

    async def handle(route):
        rel = unquote(urlparse(route.request.url).path[len(urlparse(base).path):])
        file = public / rel
        if rel and file.is_file():
            await route.fulfill(path=str(file))
        else:
            await route.fulfill(status=404, path=str(public / "404.html"), content_type="text/html; charset=utf-8")

    await context.route(base + "**", handle)


class Tab:
    """A browser tab, reused from page to page, with what the browser reported since the last open."""

    def __init__(self, page):
        self.page = page
        self.events = []
        self.expected_404 = None
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.events.append(f"script error: {error}"))
        page.on("requestfailed", lambda r: self.events.append(f"failed load: {r.url} ({r.failure})"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type != "error" and not message.text.startswith("Refused to"):
            return
        if self.expected_404 and "status of 404" in message.text and message.location.get("url") == self.expected_404:
            return
        self.events.append(f"console {message.type}: {message.text}")

    def _response(self, response):
        if response.status >= 400 and response.url != self.expected_404:
            self.events.append(f"HTTP {response.status}: {response.url}")

    async def open(self, url, expected_404=False):
        self.events = []
        self.expected_404 = url if expected_404 else None
        await self.page.goto(url, wait_until="load")
        return self.page


def file_url(path: pathlib.Path) -> str:
    return path.resolve().as_uri()


# ---------------------------------------------------------------- in-page probes

OVERFLOW_JS = """(vw) => {
  const doc = document.documentElement;
  const wide = [];
  if (doc.scrollWidth > vw) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (!r.width || r.right <= vw + 0.5) continue;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= vw + 0.5) { clipped = true; break; }
      }
      if (!clipped) wide.push(el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(r.right));
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
    const el = n.parentElement;
    if (!n.data.trim() || seen.has(el)) continue;
    seen.add(el);
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    // SVG text is drawn in the chart's own units and scaled with it: measure what is on screen.
    const svg = el.closest('svg');
    if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    size = Math.round(size * 100) / 100;
    const min = el.closest(secondary) ? secondaryMin : bodyMin;
    if (size + 0.01 < min) small.push(`${el.tagName.toLowerCase()}${el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\\s+/).join('.') : ''} ${size}px: "${n.data.trim().slice(0, 40)}"`);
  }
  // What a resident types into has no text node of its own, and under 16 px a phone zooms into it.
  for (const el of root.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
    if (!el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size + 0.01 < bodyMin) small.push(`${el.tagName.toLowerCase()}#${el.id} ${size}px`);
  }
  return small.slice(0, 8);
}"""

# Every link to a place on the same page (a table of contents, "#noi-dung") must have a target the
# browser can scroll to: one that exists and is displayed (an element with display:none has no box).
FRAGMENT_JS = """() => {
  const bad = [];
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (!id) continue;
    const target = document.getElementById(id);
    if (!target || !target.getClientRects().length) bad.push(a.getAttribute('href'));
  }
  return bad.slice(0, 6);
}"""

NOWRAP_JS = """(patterns) => {
  // The page's visible text, with each text node's place, blocks separated by a line feed.
  const nodes = [], starts = [];
  let text = '', lastBlock = null;
  const blockOf = el => { for (let a = el; a; a = a.parentElement) if (!getComputedStyle(a).display.startsWith('inline')) return a; return null; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el.closest('.visually-hidden, script, style, svg, noscript') || !el.getClientRects().length) continue;
    const block = blockOf(el);
    if (block !== lastBlock) { text += '\\n'; lastBlock = block; }
    nodes.push(n); starts.push(text.length); text += n.data;
  }
  const locate = i => { let k = 0; while (k + 1 < nodes.length && starts[k + 1] <= i) k++; return [nodes[k], Math.min(i - starts[k], nodes[k].data.length)]; };
  const broken = new Set();
  for (const source of patterns) {
    const re = new RegExp(source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const range = document.createRange();
      range.setStart(...locate(m.index));
      range.setEnd(...locate(m.index + m[0].length));
      const rects = [...range.getClientRects()].filter(r => r.width > 0.5);
      for (let i = 1; i < rects.length; i++) {
        if (rects[i].top >= rects[i - 1].bottom - 2) { broken.add(m[0].replace(/\\s+/g, ' ')); break; }
      }
    }
  }
  return [...broken].slice(0, 6);
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
  const kb = window.__kb = {expected: expected.map(name), reached: new Set(), rings: {}};
  document.addEventListener('focusin', e => {
    const el = e.target;
    if (!ids.has(el)) return;
    const i = ids.get(el);
    kb.reached.add(i);
    const s = getComputedStyle(el);
    let ring = null;
    if (s.outlineStyle === 'auto') ring = 'ok';   // Chromium's own two-tone ring
    else if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
      // The ring is drawn outside the element (positive offset) over what is behind it, or inside over its own background.
      const behind = parseFloat(s.outlineOffset) < 0 ? backdrop(el) : backdrop(el.parentElement || el);
      const ratio = contrast(rgba(s.outlineColor), behind);
      ring = ratio >= 3 ? 'ok' : `outline ${s.outlineColor} on rgb(${behind.slice(0, 3)}) is ${ratio.toFixed(2)}:1 (needs 3:1)`;
    } else if (s.boxShadow && s.boxShadow !== 'none') ring = 'ok';
    kb.rings[i] = ring || `no focus ring (outline ${s.outlineStyle} ${s.outlineWidth})`;
  }, true);
  return {total: expected.length, scrollers: document.querySelectorAll('.table-wrap, pre').length};
}"""

KEYBOARD_RESULT_JS = """() => {
  const kb = window.__kb;
  return {missed: kb.expected.filter((_, i) => !kb.reached.has(i)),
          bad: Object.entries(kb.rings).filter(([, r]) => r !== 'ok').map(([i, r]) => `${kb.expected[i]}: ${r}`),
          total: kb.expected.length};
}"""

SKIP_LINK_JS = """() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  return {isSkip: el.classList.contains('skip-link'), href: el.getAttribute('href'),
          onScreen: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight};
}"""

AXE_JS = """(options) => axe.run(document, options).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 220))})))"""


async def check_keyboard(page, problems):
    """From the top of the page: the first Tab lands on a visible skip link; Tab reaches every
    interactive element, each with a focus ring; the skip link moves focus to the main content."""
    await page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    counts = await page.evaluate(KEYBOARD_SETUP_JS)
    await page.keyboard.press("Tab")
    skip = await page.evaluate(SKIP_LINK_JS)
    if not skip["isSkip"]:
        problems.append("keyboard: the first Tab does not land on the skip link")
    elif not skip["onScreen"]:
        problems.append("keyboard: the focused skip link is not visible on screen")
    # Sent together, in order; scrollable regions may be tab stops too, hence the margin.
    await asyncio.gather(*[page.keyboard.press("Tab") for _ in range(counts["total"] + counts["scrollers"] + 2)])
    result = await page.evaluate(KEYBOARD_RESULT_JS)
    if result["missed"]:
        problems.append(f"keyboard: {len(result['missed'])} of {result['total']} interactive elements never get focus: {result['missed'][:5]}")
    if result["bad"]:
        problems.append(f"keyboard: focus ring missing or faint on {len(result['bad'])}: {result['bad'][:5]}")
    if skip["isSkip"]:
        await page.focus(".skip-link")
        await page.keyboard.press("Enter")
        target = (skip["href"] or "#").lstrip("#")
        landed = await page.evaluate("() => ({active: document.activeElement.id, inMain: !!document.activeElement.closest('main')})")
        if landed["active"] != target or not landed["inMain"]:
            problems.append(f"skip link: focus is on #{landed['active'] or 'body'}, not on the main content #{target}")


async def audit_page(tab, site, rel, width, shots):
    public = built_sites()[site]
    if rel == "404.html":
        # Shown by the web server for a missing address, at any depth.
        url = base_url(site) + "khong-co/trang-nay/index.html"
        page = await tab.open(url, expected_404=True)
    else:
        page = await tab.open(file_url(public / rel))
    problems = []

    overflow = await page.evaluate(OVERFLOW_JS, width)
    if overflow["scrollWidth"] > width:
        problems.append(f"scrolls sideways: {overflow['scrollWidth']} px wide in a {width} px viewport; too wide: {overflow['wide']}")
    if width == PHONE and not is_print_layout(rel):
        small = await page.evaluate(FONT_JS, [SECONDARY_TEXT, BODY_COPY_MIN_PX, SECONDARY_MIN_PX])
        if small:
            problems.append(f"text under {BODY_COPY_MIN_PX} px on a phone (secondary text under {SECONDARY_MIN_PX} px): {small}")
    broken = await page.evaluate(NOWRAP_JS, UNBREAKABLE)
    unreachable = await page.evaluate(FRAGMENT_JS)
    if unreachable:
        problems.append(f"#links whose target does not exist or has no box to scroll to: {unreachable}")

    if site == "linh-son":
        kind = page_type(rel)
        shot = shots / f"{kind}-{width}.png"
        if SCREENSHOT_PAGES.get(kind, rel) == rel and not shot.exists():
            await page.screenshot(path=str(shot), full_page=True)

    await check_keyboard(page, problems)
    # What the browser reported so far (axe's own probing comes after).
    problems.extend(tab.events)
    for v in await page.evaluate(AXE_JS, AXE_OPTIONS):
        problems.append(f"axe {v['id']} ({v['impact']}): {v['help']}: {v['nodes']}")
    return {"problems": problems, "broken": broken}


def pdf_pages(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


async def print_pages(tab, site, rel):
    page = await tab.open(file_url(built_sites()[site] / rel))
    await page.emulate_media(media="print")
    try:
        data = await page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        await page.emulate_media(media="screen")
    return pdf_pages(data), list(tab.events)


def crawl_folder(site, where, scratch: pathlib.Path) -> pathlib.Path:
    public = built_sites()[site]
    if where == "public":
        return public
    name = where.split(":", 1)[1]
    if name == "site":
        [archive] = [z for z in (public / "bundles").glob("*.zip") if not (public / "don-vi" / z.stem).is_dir()]
    else:
        archive = public / "bundles" / f"{name}.zip"
    folder = scratch / f"{site}-{archive.stem}"
    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    return folder


LINK_JS = """els => els.map(e => ({href: e.href, raw: e.getAttribute('href'), online: e.hasAttribute('data-online'),
  download: e.hasAttribute('download'), text: e.textContent.trim().slice(0, 40)}))"""


class LinkCheck:
    """Checks the links of the pages of one folder: a local target exists (with its #fragment);
    in a bundle, a link to the web is marked data-online."""

    def __init__(self, folder, in_bundle):
        self.folder, self.in_bundle = folder, in_bundle
        self.problems, self.ids = [], {}

    def rel(self, url):
        return pathlib.Path(unquote(urlparse(url).path)).relative_to(self.folder).as_posix()

    def id_set(self, path):
        if path not in self.ids:
            self.ids[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8", errors="replace")))
        return self.ids[path]

    def page_target(self, here, link):
        """The page a link leads to (file URL without fragment) if it is a local page to follow, else None."""
        target, fragment = urldefrag(link["href"])
        scheme = urlparse(target).scheme
        label = f"{here}: “{link['text']}” → {link['raw']}"
        # Fragments are paste-ready HTML for a portal, with absolute links by design; print layouts
        # link absolute web addresses too, so that the PDFs made from them carry working links.
        # 404.html links by absolute address because a server shows it at any depth.
        absolute_by_design = here.startswith("fragments/") or "/ban-in/" in here or here == "404.html"
        if scheme in ("http", "https"):
            if self.in_bundle and not link["online"] and not absolute_by_design:
                self.problems.append(f"{label}: leaves the bundle without data-online")
            return None
        if scheme != "file":
            self.problems.append(f"{label}: not a relative link")
            return None
        path = pathlib.Path(unquote(urlparse(target).path))
        if self.folder not in path.parents:
            self.problems.append(f"{label}: points outside the folder")
        elif not path.is_file():
            self.problems.append(f"{label}: {path.relative_to(self.folder)} does not exist")
        elif fragment and path.suffix == ".html" and unquote(fragment) not in self.id_set(path):
            self.problems.append(f"{label}: no element with id “{fragment}”")
        elif path.suffix == ".html" and not link["download"]:
            return target
        return None

    def unreached(self, visited):
        every = {file_url(p) for p in self.folder.rglob("*.html") if p.relative_to(self.folder).parts[0] != "fragments"}
        missing = sorted(self.rel(u) for u in every - visited if not u.endswith("/404.html"))
        if missing:
            self.problems.append(f"{len(missing)} pages no link leads to: {missing[:8]}")


async def crawl(tab, site, where, scratch):
    """From index.html, with JavaScript off, reach every page by clicking a link to it (walking on
    from the page a click opened while it links somewhere new), and check every link on the way."""
    folder = crawl_folder(site, where, scratch).resolve()
    check = LinkCheck(folder, where.startswith("bundle:"))
    page = tab.page
    start = file_url(folder / "index.html")
    visited, pending, clicked = {start}, {}, 0   # pending: page not yet visited -> a visited page that links it
    await tab.open(start)
    while True:
        here = check.rel(page.url)
        links = await page.locator("a[href]").evaluate_all(LINK_JS)
        check.problems.extend(f"{here}: {event}" for event in tab.events)
        tab.events = []
        targets = [(i, check.page_target(here, link)) for i, link in enumerate(links)]
        for _, target in targets:
            if target and target not in visited:
                pending.setdefault(target, urldefrag(page.url)[0])
        step = next(((i, t) for i, t in targets if t and t not in visited), None)
        if step is None:
            if not pending:
                break
            # Nothing new from here: go back to a page that links one not reached yet.
            target, source = next(iter(pending.items()))
            await tab.open(source)
            here = check.rel(page.url)
            links = await page.locator("a[href]").evaluate_all(LINK_JS)
            step = next((i, target) for i, link in enumerate(links) if urldefrag(link["href"])[0] == target)
        index, target = step
        visited.add(target)
        pending.pop(target, None)
        locator = page.locator("a[href]").nth(index)
        if not await locator.is_visible():
            check.problems.append(f"{here}: the link to {check.rel(target)} is hidden")
            await tab.open(target)
            continue
        await locator.click()
        await page.wait_for_load_state("load")
        clicked += 1
        if urldefrag(page.url)[0] != target:
            check.problems.append(f"{here}: clicking the link to {check.rel(target)} opened {page.url}")
            await tab.open(target)
    check.unreached(visited)
    if clicked == 0:
        check.problems.append("no link was clicked")
    return clicked, check.problems


def check_links_statically(site, where, scratch):
    """The same link checks on every page of a folder, read from the files (no clicking)."""
    folder = crawl_folder(site, where, scratch).resolve()
    check = LinkCheck(folder, where.startswith("bundle:"))
    visited = set()
    for file in sorted(folder.rglob("*.html")):
        here = file.relative_to(folder).as_posix()
        for match in re.finditer(r'<a\s([^>]*)>(.*?)</a>', file.read_text(encoding="utf-8"), re.S):
            attrs = match.group(1)
            raw = re.search(r'href="([^"]*)"', attrs)
            if not raw:
                continue
            raw = raw.group(1).replace("&amp;", "&")
            link = {"href": urljoin(file_url(file), raw), "raw": raw, "online": "data-online" in attrs,
                    "download": re.search(r"\sdownload\b", " " + attrs) is not None,
                    "text": re.sub(r"<[^>]+>", "", match.group(2)).strip()[:40]}
            target = check.page_target(here, link)
            if target:
                visited.add(target)
    check.unreached(visited | {file_url(folder / "index.html")})
    return len(visited), check.problems


# ---------------------------------------------------------------- the work, done once

@pytest.fixture(scope="module")
def engine():
    if not pathlib.Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: make test installs Debian's chromium")
    engine = Engine()
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def results(request, engine, tmp_path_factory):
    """Runs the browser work of every selected test in this file, concurrently, and returns
    {job: result}. Screenshots are taken into a folder of this run's and then replace the same
    files of the last run, one by one: a run of some tests (-k) keeps the others' screenshots, and
    two runs at once never find a half-emptied folder."""
    jobs = []
    for item in request.session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        for key in ("crawl_root", "printable", "site_page"):
            if key in params and (key, params[key]) not in jobs:
                jobs.append((key, params[key]))
    jobs.sort(key=lambda job: ["crawl_root", "printable", "site_page"].index(job[0]))   # longest first
    scratch = tmp_path_factory.mktemp("unzipped")
    shots = tmp_path_factory.mktemp("screenshots")

    async def run_all():
        queue = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)
        done = {}

        async def worker():
            tabs = {}

            async def tab(name):
                if name not in tabs:
                    tabs[name] = Tab(await (await engine.context(name)).new_page())
                return tabs[name]

            while not queue.empty():
                job = queue.get_nowait()
                kind, param = job
                try:
                    if kind == "site_page":
                        site, rel, width = param
                        done[job] = await audit_page(await tab(str(width)), site, rel, width, shots)
                    elif kind == "printable":
                        done[job] = await print_pages(await tab("1280"), *param)
                    elif param.startswith("static:"):
                        site, where = param.removeprefix("static:").split("/", 1)
                        done[job] = check_links_statically(site, where, scratch)
                    else:
                        site, where = param.split("/", 1)
                        done[job] = await crawl(await tab("nojs"), site, where, scratch)
                except Exception as error:   # reported by the test it belongs to
                    done[job] = error
            for t in tabs.values():
                await t.page.close()

        await asyncio.gather(*[worker() for _ in range(TABS_PER_CONTEXT)])
        return done

    done = engine.call(run_all())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for shot in shots.glob("*.png"):
        shutil.copyfile(shot, SCREENSHOTS / (shot.name + ".new"))
        os.replace(SCREENSHOTS / (shot.name + ".new"), SCREENSHOTS / shot.name)
    return done


def result_of(results, key, param):
    outcome = results[(key, param)]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


# ---------------------------------------------------------------- the tests

def test_page(site_page, results):
    """Console, sideways scrolling, text size on phones, keyboard and focus rings, axe."""
    site, rel, width = site_page
    problems = result_of(results, "site_page", site_page)["problems"]
    if problems:
        pytest.fail(f"{site}/{rel} at {width} px:\n  " + "\n  ".join(problems), pytrace=False)


def test_numbers_and_dates_stay_on_one_line(site_page, results):
    """"Số: 246/CV-VHXXH", "57-CT/TW", "ngày 25 tháng 3 năm 2026" are never split between lines."""
    site, rel, width = site_page
    broken = result_of(results, "site_page", site_page)["broken"]
    if broken:
        pytest.fail(f"{site}/{rel} at {width} px: broken across lines: {broken}", pytrace=False)


def test_printable_fills_its_declared_pages(printable, results):
    site, rel = printable
    expected = declared_print_pages(built_sites()["_sources"][site], rel)
    printed, events = result_of(results, "printable", printable)
    if expected is None:
        pytest.fail(f"{site}/{rel}: declares no page count (PRINT_PAGES in browser_sites.py)", pytrace=False)
    if printed != expected or events:
        pytest.fail(f"{site}/{rel} prints on {printed} pages, declares {expected}; {events}", pytrace=False)


def test_links_work_from_file_by_clicking(crawl_root, results):
    clicked, problems = result_of(results, "crawl_root", crawl_root)
    if problems:
        pytest.fail(f"{crawl_root} ({clicked} links followed):\n  " + "\n  ".join(problems[:40]), pytrace=False)


def test_the_checks_catch_what_they_look_for(engine):
    """The probes work under the pages' own CSP: a light grey line is an axe violation, and an
    image from another host is a CSP violation the tab reports."""
    async def run():
        tab = Tab(await (await engine.context("1280")).new_page())
        try:
            page = await tab.open(file_url(built_sites()["linh-son"] / "index.html"))
            await page.evaluate("() => { const p = document.createElement('p'); p.textContent = 'Khó đọc'; "
                                "p.style.color = '#ccc'; document.querySelector('main').append(p); "
                                "const img = document.createElement('img'); img.alt = ''; "
                                "img.src = 'https://example.org/x.png'; document.querySelector('main').append(img); }")
            await page.wait_for_timeout(200)
            return [v["id"] for v in await page.evaluate(AXE_JS, AXE_OPTIONS)], list(tab.events)
        finally:
            await tab.page.close()
    violations, events = engine.call(run())
    assert "color-contrast" in violations
    assert any("example.org" in event and "CSP" in event for event in events), events


def test_screenshots_of_every_page_type(request, results):
    """The page tests saved a full-page screenshot of each page type at both widths."""
    ran = {(p[1], p[2]) for (key, p) in results if key == "site_page" and p[0] == "linh-son"}
    missing = [f"{kind}-{width}.png" for kind in SCREENSHOT_TYPES for width in WIDTHS
               if (SCREENSHOT_PAGES[kind], width) in ran and not (
                   (SCREENSHOTS / f"{kind}-{width}.png").exists()
                   and (SCREENSHOTS / f"{kind}-{width}.png").stat().st_mtime >= RUN_STARTED - 1)]
    assert not missing, missing
