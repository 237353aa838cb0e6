"""The sites the browser suite opens: Linh Sơn (content/) and a fixture site (`bantin init` plus
more of what a starter site lacks: more activity reports, a report with every data block, handouts,
a post with a wide Markdown table), each built once with the real binary into a temporary folder."""
import atexit
import functools
import pathlib
import re
import shutil
import tempfile

from conftest import ROOT, repository_copy, run_bantin

AS_OF = "2026-07-15"

FIXTURE_EXTRAS = {
    "content/campaigns/vi-du/progress/bo-sung.csv": """\
Ngày,Đơn vị,Hoạt động,Buổi tuyên truyền,Lượt người tham dự,Ghi chú
5/1/2026,tdp-01,Họp tổ dân phố phổ biến nội dung tuyên truyền,1,45,
12/1/2026,tdp-01,Phát thanh trên loa của tổ dân phố về phòng chống lừa đảo trực tuyến,1,60,Lồng ghép họp chi bộ
20/1/2026,thcs,Sinh hoạt dưới cờ chủ đề an toàn trên không gian mạng,1,420,Toàn trường
2/2/2026,trung-tam,Hội nghị quán triệt cho cán bộ,1,38,
""",
    "content/reports/bao-cao-mau.md": """\
---
title: "Báo cáo kết quả tuyên truyền ví dụ"
kind: bao-cao
number: "02/BC-VHXH"
date: 2026-04-02
subject: "Kết quả tuyên truyền ví dụ trên địa bàn phường"
campaign: vi-du
cc: ["UBND phường", "Lưu: VT"]
signer: {title: "TRƯỞNG PHÒNG", name: "Nguyễn Văn B"}
---
Phòng Văn hoá - Xã hội báo cáo kết quả tuyên truyền như sau.

## I. Kết quả chung

```bantin chart campaign=vi-du
```

```bantin totals campaign=vi-du
```

## II. Theo loại đơn vị

```bantin progress campaign=vi-du by=kind
```

```bantin coverage campaign=vi-du
```

Đơn vị chưa hoàn thành:

```bantin units campaign=vi-du status=behind
```

## Phụ lục: Kết quả của từng đơn vị

```bantin progress campaign=vi-du by=unit
```
""",
    "content/handouts/to-roi-a5.md": """\
---
title: "Tờ rơi khổ A5 nằm ngang, hai mặt"
kind: leaflet
format: A5
orientation: landscape
pages: 2
campaign: vi-du
summary: "Một tờ rơi mẫu để thử bố cục."
---
## Mặt trước

Không chia sẻ mã OTP cho bất kỳ ai. Kiểm tra kỹ đường link trước khi bấm.

---

## Mặt sau

Gọi 113 hoặc đến Công an phường khi nghi ngờ bị lừa đảo.
""",
    "content/handouts/ap-phich-a4.md": """\
---
title: "Áp phích khổ A4"
kind: poster
format: A4
campaign: vi-du
---
## Ba việc cần nhớ

1. Không chuyển tiền cho người lạ.
2. Không đọc mã OTP qua điện thoại.
3. Báo ngay cho Công an phường.
""",
    "content/posts/bang-rong.md": """\
---
title: "Tin có bảng nhiều cột và địa chỉ dài"
date: 2026-02-10
campaign: vi-du
unit: tdp-01
summary: "Một tin mẫu với bảng rộng để thử giao diện điện thoại."
---
Số điện thoại đường dây nóng và địa chỉ cần nhớ: https://dichvucong.gov.vn/p/home/dvc-trang-chu.html

| Ngày | Đơn vị | Hoạt động | Buổi | Lượt người | Tờ rơi | Ghi chú |
|---|---|---|---:|---:|---:|---|
| 5/1/2026 | Tổ dân phố số 1 | Họp tổ dân phố phổ biến nội dung | 1 | 45 | 120 | Lồng ghép họp chi bộ |
| 20/1/2026 | Trường THCS Mẫu | Sinh hoạt dưới cờ | 1 | 420 | 0 | Toàn trường |

## Một

Đoạn văn.

## Hai

Đoạn văn.

## Ba

Đoạn văn.
""",
}


def _build(site: pathlib.Path, out: pathlib.Path) -> None:
    # With PDFs and PNGs, as `make site` builds it: the pages' "Tải PDF" links and the PDFs inside
    # the bundles are then crawled too.
    result = run_bantin("print", "--force", "--site", str(site), "--output", str(out), "--as-of", AS_OF)
    if result.returncode != 0:
        raise RuntimeError(f"bantin build --site {site} failed:\n{result.stdout}\n{result.stderr}")


@functools.lru_cache(maxsize=None)
def built_sites() -> dict:
    """{"linh-son": public dir, "fixture": public dir}; built once per test run, removed at exit."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="bantin-browser-"))
    atexit.register(shutil.rmtree, work, True)
    sites = {"linh-son": work / "linh-son" / "public"}
    _build(repository_copy(work / "linh-son"), sites["linh-son"])
    fixture = work / "fixture"
    result = run_bantin("init", str(fixture))
    if result.returncode != 0:
        raise RuntimeError(f"bantin init failed:\n{result.stderr}")
    for rel, text in FIXTURE_EXTRAS.items():
        path = fixture / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    sites["fixture"] = fixture / "public"
    _build(fixture, sites["fixture"])
    sites["_sources"] = {"linh-son": ROOT, "fixture": fixture}
    return sites


def pages(public: pathlib.Path) -> list:
    """Every page of a built site, as paths relative to public/. Fragments (fragments/*.html) are
    paste-ready snippets for a portal's editor, not pages, so they are left out."""
    return sorted(p.relative_to(public).as_posix() for p in public.rglob("*.html")
                  if p.relative_to(public).parts[0] != "fragments")


PAGE_TYPES = [
    (r"index\.html", "home"),
    (r"404\.html", "404"),
    (r"don-vi/index\.html", "units"),
    (r"don-vi/[^/]+/index\.html", "unit"),
    (r"don-vi/[^/]+/ban-in/index\.html", "task-sheet"),
    (r"chien-dich/index\.html", "campaigns"),
    (r"chien-dich/[^/]+/index\.html", "campaign"),
    (r"chien-dich/[^/]+/tien-do/index\.html", "overview"),
    (r"van-ban/[^/]+/index\.html", "letter"),
    (r"van-ban/[^/]+/ban-in/index\.html", "letter-print"),
    (r"thong-diep/[^/]+/index\.html", "message"),
    (r"tin-tuc/[^/]+/index\.html", "post"),
    (r"tai-lieu/[^/]+/index\.html", "handout"),
    (r"tai-lieu/[^/]+/ban-in/index\.html", "handout-print"),
    (r"bao-cao/[^/]+/index\.html", "report"),
    (r"bao-cao/[^/]+/ban-in/index\.html", "report-print"),
    (r"bundles/index\.html", "bundles"),
    (r"tim-kiem/index\.html", "search"),
    (r"ban-tin/[^/]+/index\.html", "edition"),
    (r"ban-tin/[^/]+/ban-in/index\.html", "edition-print"),
    (r"[^/]+/index\.html", "list"),
]


def page_type(rel: str) -> str:
    for pattern, name in PAGE_TYPES:
        if re.fullmatch(pattern, rel):
            return name
    return "other"


def is_print_layout(rel: str) -> bool:
    return "/ban-in/" in rel


def declared_print_pages(source: pathlib.Path, rel: str):
    """How many sheets a print layout must fill: a handout's `pages:` (default 1), a task sheet 1,
    a letter, report or edition what PRINT_PAGES says; None if unknown."""
    kind = page_type(rel)
    slug = rel.split("/")[1]
    if kind == "task-sheet":
        return 1
    if kind == "handout-print":
        for md in (source / "content" / "handouts").glob("*.md"):
            text = md.read_text(encoding="utf-8")
            front = text.split("---", 2)[1]
            declared_slug = re.search(r"^slug:\s*\"?([^\"\n]+)", front, re.M)
            if (declared_slug.group(1).strip() if declared_slug else md.stem) == slug:
                declared = re.search(r"^pages:\s*(\d+)", front, re.M)
                return int(declared.group(1)) if declared else 1
        return None
    return PRINT_PAGES.get((source.name if source != ROOT else "linh-son", rel))


# Letters, reports and editions declare no page count in their source; these are the counts of
# their layouts for this content (test_print.py checks the letter's and the editions' in the PDFs
# `bantin print` makes). A change of content that changes them is a change to review here.
PRINT_PAGES = {
    ("linh-son", "van-ban/246-cv-vhxxh/ban-in/index.html"): 2,
    ("linh-son", "bao-cao/bao-cao-ket-qua-chi-thi-57/ban-in/index.html"): 6,
    ("linh-son", "ban-tin/so-1-thang-4-2026/ban-in/index.html"): 4,
    ("linh-son", "ban-tin/so-2-thang-5-2026/ban-in/index.html"): 4,
    ("fixture", "van-ban/01-vi-du/ban-in/index.html"): 1,
    ("fixture", "bao-cao/bao-cao-mau/ban-in/index.html"): 3,
    ("fixture", "bao-cao/bao-cao-ket-qua/ban-in/index.html"): 2,   # seven units (one of each kind) in its appendix
}
