"""Printables checked the way a person would check them: page sizes and counts, the text
Chromium put in the PDF, embedded fonts, and the QR code read back from the poster image."""
import re
import subprocess

import pytest
import zxingcpp
from PIL import Image

from conftest import BASE_URL, ROOT, repository_copy, run_bantin

# The letter that started the project, as the office sent it (a copy of ../shared/seed/).
SEED = ROOT / "tests" / "fixtures" / "seed" / "cong-van-246-CV-VHXXH.txt"


def pdfinfo(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pages(path):
    return int(pdfinfo(path)["Pages"].strip())


def page_size_mm(path):
    match = re.search(r"([\d.]+) x ([\d.]+) pts", pdfinfo(path)["Page size"])
    return round(float(match.group(1)) * 25.4 / 72), round(float(match.group(2)) * 25.4 / 72)


def pdftext(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_summary_counts_the_pdfs_and_pngs(printed_site):
    out, result = printed_site
    pdfs = sorted(p.name for p in (out / "print").glob("*.pdf"))
    assert len(pdfs) == 36, pdfs   # letter, report, 2 handouts, 2 editions, 30 task sheets
    assert "36 PDFs, 1 PNGs" in result.stdout
    assert all(re.fullmatch(r"[a-z0-9-]+\.pdf", name) for name in pdfs)


def test_letter_is_a4_and_keeps_the_seed_text(printed_site):
    out, _ = printed_site
    letter = out / "print" / "van-ban-246-cv-vhxxh.pdf"
    assert page_size_mm(letter) == (210, 297)
    assert pages(letter) == 2
    text = re.sub(r"\s+", " ", pdftext(letter))
    for expected in ["UBND PHƯỜNG LINH SƠN", "PHÒNG VĂN HOÁ - XÃ HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Số: 246/CV-VHXXH", "Linh Sơn, ngày 25 tháng 03 năm 2026",
                     "Kính gửi:", "- Trạm Y tế phường;", "- Các tổ dân phố trên địa bàn phường.",
                     "Nơi nhận:", "- Như trên;", "- Lưu: VT.Lynt.", "TRƯỞNG PHÒNG", "Đoàn Việt Dũng", "Bản in tham khảo"]:
        assert expected in text, expected
    # Every body paragraph of the seed letter, whole and word for word: pdftotext re-flows lines,
    # hence the space folding; the page number printed at the top of page 2 is taken out first.
    plain = subprocess.run(["pdftotext", str(letter), "-"], capture_output=True, text=True, check=True).stdout
    plain = re.sub(r"\s+", " ", re.sub(r"^\s*\d+\s*$", " ", plain, flags=re.M))
    seed = SEED.read_text(encoding="utf-8")
    body = seed[seed.index("Thực hiện Công văn"):seed.index("Nơi nhận:")]
    body = body.replace("kỹ năng\n\nsố", "kỹ năng số")   # a line break inside a sentence of the seed
    paragraphs = [re.sub(r"\s+", " ", p.strip()) for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) == 8
    for paragraph in paragraphs:
        assert paragraph in plain, paragraph[:80]


def test_letter_page_numbers_start_on_page_two(printed_site):
    out, _ = printed_site
    letter = out / "print" / "van-ban-246-cv-vhxxh.pdf"
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(letter), "-"], capture_output=True, text=True).stdout
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout", str(letter), "-"], capture_output=True, text=True).stdout
    assert second.strip().splitlines()[0].strip() == "2"
    assert first.strip().splitlines()[0].strip() != "1"


MM = 72 / 25.4


def words(path, page):
    """(text, xMin, yMin, xMax, yMax) in points for every word poppler finds on a page."""
    xml = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)]


def points(word):
    """A word's font size: Tinos' line box (ascent + descent) is 1.107 em."""
    return (word[4] - word[2]) / 1.107


def test_letter_geometry_is_decree_30s(printed_site):
    """VIETNAMESE.md §1 measured on the PDF: margins, sizes of the parts, Số level with the date."""
    out, _ = printed_site
    letter = out / "print" / "van-ban-246-cv-vhxxh.pdf"
    width = float(re.search(r"([\d.]+) x", pdfinfo(letter)["Page size"]).group(1))
    first = words(letter, 1)
    left = min(w[1] for w in first)
    right = width - max(w[3] for w in first)
    top = min(w[2] for w in first)
    assert 30 * MM - 1 <= left <= 35 * MM, left / MM            # left 30–35 mm
    assert 15 * MM - 1 <= right <= 20 * MM + 1, right / MM      # right 15–20 mm, reached by justified lines
    assert 20 * MM - 1 <= top <= 25 * MM + 1, top / MM          # top 20–25 mm

    def find(text, page=first):
        return next(w for w in page if w[0] == text)

    assert 12.7 <= points(find("UBND")) <= 13.3                  # parent body 12–13 pt
    assert 13.7 <= points(find("Thực")) <= 14.3                  # body 13–14 pt (14 here)
    number, place = find("Số:"), find("Linh")                    # "Số: 246/…" and "Linh Sơn, ngày …"
    assert abs(number[4] - place[4]) <= 1.5 * MM                 # the date is level with the number
    assert place[1] > width / 2                                  # …in the right-hand column
    last = words(letter, pages(letter))
    assert 11.7 <= points(find("Nơi", last)) <= 12.3             # "Nơi nhận:" 12 pt
    assert 10.7 <= points(find("Như", last)) <= 11.3             # its list 11 pt
    # Page numbers: none on page 1, "2" alone at the top of page 2, centred over the text.
    second = words(letter, 2)
    number_two = min(second, key=lambda w: w[2])
    assert number_two[0] == "2" and number_two[4] < 20 * MM
    centre = (30 * MM + width - 15 * MM) / 2
    assert abs((number_two[1] + number_two[3]) / 2 - centre) <= 5 * MM
    assert 12.7 <= points(number_two) <= 14.3


def test_report_is_a4_with_its_appendix_after_the_signature(printed_site):
    """Decree 30 attaches the appendix (phụ lục) after the signed text, on a page of its own."""
    out, _ = printed_site
    report = out / "print" / "bao-cao-bao-cao-ket-qua-chi-thi-57.pdf"
    assert page_size_mm(report) == (210, 297)
    texts = page_texts(report)
    assert len(texts) == 6   # the report 3 pages and its appendix table 3, for this content
    starts = [n for n, text in enumerate(texts) if re.match(r"\s*(\d+\s+)?Phụ lục", text)]
    assert len(starts) == 1, [t[:40] for t in texts]
    appendix = starts[0]
    assert any("Nơi nhận:" in text and "Đoàn Việt Dũng" in text for text in texts[:appendix])
    assert "Tổ dân phố số 25" in " ".join(texts[appendix:])
    assert "Nơi nhận:" not in " ".join(texts[appendix:])


def test_every_print_file_has_an_ascii_name_and_is_linked_from_its_page(printed_site):
    out, _ = printed_site
    for path in list((out / "print").glob("*")) + list((out / "share").glob("*")):
        assert re.fullmatch(r"[a-z0-9-]+\.(pdf|png)", path.name), path.name
    for page, pdf in [("bao-cao/bao-cao-ket-qua-chi-thi-57", "bao-cao-bao-cao-ket-qua-chi-thi-57.pdf"),
                      ("tai-lieu/5-viec-can-lam-bao-ve-an-ninh-mang", "tai-lieu-5-viec-can-lam-bao-ve-an-ninh-mang.pdf"),
                      ("tai-lieu/an-toan-tren-khong-gian-mang", "tai-lieu-an-toan-tren-khong-gian-mang.pdf"),
                      ("ban-tin/so-1-thang-4-2026", "ban-tin-so-1-thang-4-2026.pdf")]:
        html = (out / page / "index.html").read_text(encoding="utf-8")
        assert f'href="../../print/{pdf}"' in html, page
    poster = (out / "tai-lieu" / "5-viec-can-lam-bao-ve-an-ninh-mang" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../share/tai-lieu-5-viec-can-lam-bao-ve-an-ninh-mang.png"' in poster


def test_fonts_are_embedded(printed_site):
    out, _ = printed_site
    for pdf in sorted((out / "print").glob("*.pdf")):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows, pdf.name
        for row in rows:
            # emb, sub and uni columns: embedded, subset, with a Unicode map (so the text can be copied).
            assert re.search(r" yes yes yes +\d+ +\d+$", row), f"{pdf.name}: {row}"
        assert any(family in listing for family in ("Tinos", "Arimo", "Liberation", "TimesNewRoman")), pdf.name


def test_handouts_fill_their_declared_pages(printed_site):
    out, result = printed_site
    poster = out / "print" / "tai-lieu-5-viec-can-lam-bao-ve-an-ninh-mang.pdf"
    leaflet = out / "print" / "tai-lieu-an-toan-tren-khong-gian-mang.pdf"
    assert page_size_mm(poster) == (297, 420) and pages(poster) == 1
    assert page_size_mm(leaflet) == (210, 297) and pages(leaflet) == 2
    assert "overflows" not in result.stderr


def test_report_is_a_typed_document(printed_site):
    out, _ = printed_site
    report = re.sub(r"\s+", " ", pdftext(out / "print" / "bao-cao-bao-cao-ket-qua-chi-thi-57.pdf"))
    for expected in ["BÁO CÁO", "Số: 15/BC-VHXH", "I. Công tác lãnh đạo, chỉ đạo, triển khai", "II. Kết quả thực hiện",
                     "III. Đánh giá chung", "IV. Phương hướng, nhiệm vụ", "V. Kiến nghị", "Phụ lục", "Tổ dân phố số 25"]:
        assert expected in report, expected


def test_task_sheet_has_the_unit_and_a_blank_table(printed_site):
    out, _ = printed_site
    sheet = out / "print" / "phieu-nhiem-vu-tdp-19.pdf"
    assert page_size_mm(sheet) == (210, 297) and pages(sheet) == 1
    text = re.sub(r"\s+", " ", pdftext(sheet))
    assert "PHIẾU NHIỆM VỤ" in text and "Tổ dân phố số 19" in text
    assert "Chưa báo cáo" in text and "Ghi chép hoạt động" in text


def decode_qr(path):
    image = Image.open(path).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_poster_png_is_phone_sized_and_its_qr_code_opens_the_page(printed_site):
    out, _ = printed_site
    png = out / "share" / "tai-lieu-5-viec-can-lam-bao-ve-an-ninh-mang.png"
    with Image.open(png) as image:
        assert image.width == 1080
        assert 1500 <= image.height <= 1540   # A3 portrait ratio 1:√2
    assert decode_qr(png) == [BASE_URL + "tai-lieu/5-viec-can-lam-bao-ve-an-ninh-mang/index.html"]


def test_leaflet_qr_code_decodes_from_the_pdf(printed_site, tmp_path):
    out, _ = printed_site
    pdf = out / "print" / "tai-lieu-an-toan-tren-khong-gian-mang.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "side")], check=True)
    [png] = list(tmp_path.glob("side*.png"))
    assert decode_qr(png) == [BASE_URL + "tai-lieu/an-toan-tren-khong-gian-mang/index.html"]


def test_web_pages_link_their_pdfs(printed_site):
    out, _ = printed_site
    letter = (out / "van-ban" / "246-cv-vhxxh" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../print/van-ban-246-cv-vhxxh.pdf"' in letter
    unit = (out / "don-vi" / "tdp-01" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../print/phieu-nhiem-vu-tdp-01.pdf"' in unit


def test_pdfs_are_reproducible(printed_site, tmp_path):
    out, _ = printed_site
    again = tmp_path / "again"
    result = run_bantin("print", "--force", "--site", str(repository_copy(tmp_path / "site")), "--output", str(again),
                        "--as-of", "2026-07-15")
    assert result.returncode == 0, result.stderr
    for pdf in sorted((out / "print").glob("*.pdf")):
        assert pdf.read_bytes() == (again / "print" / pdf.name).read_bytes(), pdf.name
    assert b"file://" not in (out / "print" / "bao-cao-bao-cao-ket-qua-chi-thi-57.pdf").read_bytes()


def test_overflowing_poster_is_a_warning(tmp_path):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    handouts = site / "content" / "handouts"
    handouts.mkdir(parents=True)
    long_text = "\n\n".join(f"Đoạn số {i}: không chia sẻ mã OTP cho bất kỳ ai, kiểm tra kỹ đường link lạ." for i in range(60))
    (handouts / "qua-dai.md").write_text(
        "---\ntitle: \"Áp phích quá dài\"\nkind: poster\nformat: A4\n---\n" + long_text + "\n", encoding="utf-8")
    result = run_bantin("print", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert "content/handouts/qua-dai.md:2:1: warning: “Áp phích quá dài” overflows: it fills" in result.stderr


def test_a_handout_shorter_than_it_declares_is_a_warning(tmp_path):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    handouts = site / "content" / "handouts"
    handouts.mkdir(parents=True)
    (handouts / "ngan.md").write_text(
        "---\ntitle: \"Tờ rơi ngắn\"\nkind: leaflet\nformat: A5\npages: 2\n---\nMột câu ngắn.\n", encoding="utf-8")
    result = run_bantin("print", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert "content/handouts/ngan.md:2:1: warning: “Tờ rơi ngắn” fills 1 page(s) but declares 2" in result.stderr
    assert "content/handouts/ngan.md:5:8: warning: the handout declares 2 page(s) but its text has 1 side(s)" in result.stderr
    assert pages(site / "public" / "print" / "tai-lieu-ngan.pdf") == 1


def test_print_without_chromium_says_how_to_get_it(tmp_path):
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    missing = run_bantin("print", "--site", str(site), env={"BANTIN_CHROMIUM": str(tmp_path / "no-chromium")})
    assert missing.returncode == 1
    assert "apt-get install chromium" in missing.stderr
    built = run_bantin("build", "--site", str(site), env={"BANTIN_CHROMIUM": str(tmp_path / "no-chromium")})
    assert built.returncode == 0
    assert "PDFs skipped: Chromium is not installed" in built.stdout


def page_texts(path):
    count = pages(path)
    return [re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"],
                                               capture_output=True, text=True, check=True).stdout) for n in range(1, count + 1)]


@pytest.mark.parametrize("name, number, month", [("ban-tin-so-1-thang-4-2026", 1, "tháng 4/2026"),
                                                 ("ban-tin-so-2-thang-5-2026", 2, "tháng 5/2026")])
def test_edition_masthead_running_head_and_page_numbers(printed_site, name, number, month):
    out, _ = printed_site
    pdf = out / "print" / f"{name}.pdf"
    assert page_size_mm(pdf) == (210, 297)
    texts = page_texts(pdf)
    assert len(texts) == 4
    assert "Bản tin Văn hoá - Xã hội phường Linh Sơn" in texts[0] and f"Số {number}" in texts[0] and month in texts[0]
    assert "Trong số này" in texts[0]
    running = f"Bản tin Văn hoá - Xã hội phường Linh Sơn · Số {number} · {month}"
    assert running not in texts[0]                 # no running head over the masthead
    for index, text in enumerate(texts[1:], start=2):
        assert running in text, index
    for index, text in enumerate(texts, start=1):
        assert text.strip().endswith(str(index)), (index, text[-40:])


def test_edition_table_of_contents_points_at_the_right_pages(printed_site):
    """The numbers printed in the table of contents are the pages where the articles' headings are,
    as poppler reads them from the PDF's own link destinations (`pdfinfo -dests`)."""
    out, _ = printed_site
    for slug in ["so-1-thang-4-2026", "so-2-thang-5-2026"]:
        layout = (out / "ban-tin" / slug / "ban-in" / "index.html").read_text(encoding="utf-8")
        toc = re.findall(r'<a href="#(bai-\d+)"><span class="toc-text">.*?<span class="toc-page" id="[^"]*">(\d*)</span>', layout)
        assert len(toc) == 5, layout[:2000]
        dests = subprocess.run(["pdfinfo", "-dests", str(out / "print" / f"ban-tin-{slug}.pdf")],
                               capture_output=True, text=True, check=True).stdout
        where = {name: int(page) for page, name in re.findall(r'^\s*(\d+) \[.*?\] "([^"]+)"', dests, re.M)}
        for anchor, page in toc:
            assert anchor in where, (slug, anchor, dests)
            assert page and int(page) == where[anchor], (slug, anchor, page, where[anchor])
        printed = re.sub(r"\s+", " ", pdftext(out / "print" / f"ban-tin-{slug}.pdf").split("\f")[0])
        assert all(f" {page}" in printed for _, page in toc)


def test_a_cached_rebuild_reprints_only_what_changed(tmp_path):
    """PDFs of unchanged print layouts come from the last build; the result equals a clean build."""
    import shutil
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copytree(ROOT / "templates", site / "templates")
    args = ["print", "--site", str(site), "--as-of", "2026-07-15"]
    first = run_bantin(*args)
    assert first.returncode == 0, first.stderr
    public = site / "public"
    letter = public / "print" / "van-ban-246-cv-vhxxh.pdf"
    letter_before = letter.read_bytes()

    def inodes():
        return {p.name: p.stat().st_ino for p in (public / "print").glob("*")}

    # A news post is on no print layout but the editions' (which show posts whole): every other
    # PDF is the very file of the last build, hard-linked into the new output.
    before = inodes()
    post = next((site / "content" / "posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    second = run_bantin(*args)
    assert second.returncode == 0, second.stderr
    assert "36 PDFs, 1 PNGs" in second.stdout
    assert "pages and prints reused from the last build" in second.stdout
    after = inodes()
    assert after.keys() == before.keys()
    reprinted = sorted(name for name in after if after[name] != before[name])
    assert reprinted == sorted(name for name in after if name.startswith("ban-tin-")), reprinted
    assert letter.read_bytes() == letter_before

    # The letter's text changed: its PDF is printed again and shows it.
    document = site / "content" / "documents" / "246-cv-vhxxh.md"
    document.write_text(document.read_text(encoding="utf-8").replace("Thực hiện Công văn", "Căn cứ và thực hiện Công văn", 1),
                        encoding="utf-8")
    third = run_bantin(*args)
    assert third.returncode == 0, third.stderr
    assert letter.stat().st_ino != after[letter.name]
    assert "Căn cứ và thực hiện Công văn" in re.sub(r"\s+", " ", pdftext(letter))

    clean = tmp_path / "clean"
    fresh = run_bantin(*args, "--clean", "--force", "--output", str(clean))
    assert fresh.returncode == 0, fresh.stderr
    for pdf in sorted((clean / "print").glob("*")):
        assert (public / "print" / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name
    assert sorted(p.name for p in (public / "print").glob("*")) == sorted(p.name for p in (clean / "print").glob("*"))


def test_a_unit_bundle_carries_its_pdfs_and_pngs_and_links_them(printed_site, tmp_path):
    """tdp-19's zip holds its task sheet, the letter and the handouts as PDFs and the poster as a PNG,
    the very files of the site, and every link to them inside the unzipped bundle leads to the file."""
    import urllib.parse
    import zipfile

    out, _ = printed_site
    with zipfile.ZipFile(out / "bundles" / "tdp-19.zip") as archive:
        archive.extractall(tmp_path)
    expected = ["print/phieu-nhiem-vu-tdp-19.pdf", "print/van-ban-246-cv-vhxxh.pdf",
                "print/tai-lieu-5-viec-can-lam-bao-ve-an-ninh-mang.pdf", "print/tai-lieu-an-toan-tren-khong-gian-mang.pdf",
                "share/tai-lieu-5-viec-can-lam-bao-ve-an-ninh-mang.png"]
    for name in expected:
        assert (tmp_path / name).is_file(), f"the bundle has no {name}"
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert not (tmp_path / "print" / "phieu-nhiem-vu-tdp-01.pdf").exists()
    linked = set()
    for page in tmp_path.rglob("*.html"):
        for value in re.findall(r'(?:href|src)="([^"]*)"', page.read_text(encoding="utf-8")):
            if not value or value.startswith("#") or ":" in value:
                continue
            target = (page.parent / urllib.parse.unquote(value.split("#")[0].replace("&amp;", "&"))).resolve()
            assert target.is_file(), f"{page.relative_to(tmp_path)} → {value}"
            assert target.is_relative_to(tmp_path.resolve()), f"{page.relative_to(tmp_path)} → {value} leaves the bundle"
            linked.add(target.relative_to(tmp_path.resolve()).as_posix())
    # Each PDF and the PNG is linked from a page of the bundle, not only carried in it.
    assert set(expected) <= linked, set(expected) - linked
    unit = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="print/phieu-nhiem-vu-tdp-19.pdf"' in unit


def test_edition_table_of_contents_finds_articles_by_anchor_not_title(tmp_path):
    """Article 1 has a sub-heading "Việc cần làm" on page 1 and runs on; article 2, titled
    "Việc cần làm", starts pages later. Its number in the table of contents is its own page."""
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    content = site / "content"
    para = ("Các hộ gia đình kiểm tra kỹ đường link lạ, không chia sẻ mã OTP, cài đặt xác thực hai lớp "
            "cho tài khoản ngân hàng và mạng xã hội, báo ngay cho tổ trưởng khi nghi ngờ lừa đảo.")
    (content / "posts" / "mot.md").write_text('---\ntitle: "Tổ dân phố họp bàn"\ndate: 2026-01-12\n---\n## Việc cần làm\n\n'
                                              + "\n\n".join(f"Ý {i}. {para}" for i in range(40)) + "\n", encoding="utf-8")
    (content / "posts" / "hai.md").write_text('---\ntitle: "Việc cần làm"\ndate: 2026-01-13\n---\nMỗi gia đình một việc.\n',
                                              encoding="utf-8")
    (content / "editions").mkdir()
    (content / "editions" / "so-1.md").write_text(
        '---\ntitle: "Lời ngỏ"\nnumber: 1\ndate: 2026-01-31\nincludes:\n  - posts/mot.md\n  - posts/hai.md\n---\nBạn đọc thân mến.\n',
        encoding="utf-8")
    result = run_bantin("print", "--site", str(site))
    assert result.returncode == 0, result.stderr
    out = site / "public"
    pdf = out / "print" / "ban-tin-so-1.pdf"
    dests = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    where = {name: int(page) for page, name in re.findall(r'^\s*(\d+) \[.*?\] "([^"]+)"', dests, re.M)}
    assert where["bai-2"] > 1, dests               # the case that misled the title match
    assert "Việc cần làm" in page_texts(pdf)[0]    # the sub-heading is on page 1
    layout = (out / "ban-tin" / "so-1" / "ban-in" / "index.html").read_text(encoding="utf-8")
    toc = dict(re.findall(r'<a href="#(bai-\d+)"><span class="toc-text">.*?<span class="toc-page" id="[^"]*">(\d*)</span>', layout))
    assert toc == {"bai-1": "1", "bai-2": str(where["bai-2"])}, toc


def test_edition_cover_is_printed_under_the_masthead_within_the_page(tmp_path):
    """A tall cover on page 1 of the PDF, below the masthead, no higher than 95 mm, no wider
    than the text; the editorial and the contents still start on page 1."""
    site = tmp_path / "site"
    assert run_bantin("init", str(site)).returncode == 0
    content = site / "content"
    (content / "images").mkdir()
    Image.new("RGB", (800, 1600), (163, 15, 22)).save(content / "images" / "bia.png")
    (content / "editions").mkdir()
    (content / "editions" / "so-1.md").write_text(
        '---\ntitle: "Lời ngỏ"\nnumber: 1\ndate: 2026-01-31\ncover: images/bia.png\nincludes: [posts/khai-mac.md]\n---\nBạn đọc thân mến.\n',
        encoding="utf-8")
    result = run_bantin("print", "--site", str(site))
    assert result.returncode == 0, result.stderr
    out = site / "public"
    layout_path = out / "ban-tin" / "so-1" / "ban-in" / "index.html"
    layout = layout_path.read_text(encoding="utf-8")
    src = re.search(r'<figure class="edition-cover"><img src="([^"]+)"', layout).group(1)
    assert not src.startswith(("/", "file:", "http")), src
    assert (layout_path.parent / src).resolve().read_bytes() == (content / "images" / "bia.png").read_bytes()
    pdf = out / "print" / "ban-tin-so-1.pdf"
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    # page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    rows = [line.split() for line in listing.splitlines()[2:]]
    images = [row for row in rows if row[2] == "image" and (row[3], row[4]) == ("800", "1600")]
    assert [row[0] for row in images] == ["1"], listing
    width_mm, height_mm = 800 / float(images[0][12]) * 25.4, 1600 / float(images[0][13]) * 25.4
    assert height_mm <= 96 and width_mm <= 182, (width_mm, height_mm)
    first = page_texts(pdf)[0]
    assert "Lời ngỏ" in first and "Trong số này" in first


def test_every_unit_bundle_carries_the_latest_editions_pdf(printed_site):
    """Each unit's bundle holds May's edition as a PDF, and its bundled page links to that very file."""
    import posixpath
    import zipfile
    out, _ = printed_site
    name = "print/ban-tin-so-2-thang-5-2026.pdf"
    units = [z for z in sorted((out / "bundles").glob("*.zip")) if (out / "don-vi" / z.stem).is_dir()]
    assert len(units) == 30, units
    for bundle in units:
        with zipfile.ZipFile(bundle) as archive:
            names = set(archive.namelist())
            assert name in names, bundle.name
            assert archive.read(name) == (out / name).read_bytes()
            assert not any(n.startswith("print/ban-tin-so-1") for n in names), bundle.name
            links = [(page, href) for page in sorted(names) if page.endswith(".html")
                     for href in re.findall(r'href="([^"#?]*ban-tin-so-2-thang-5-2026\.pdf)"', archive.read(page).decode("utf-8"))]
            assert links, bundle.name
            for page, href in links:
                assert posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) == name, (bundle.name, page, href)
