#!/usr/bin/env python3
"""Writes the SAMPLE activity reports of the Linh Sơn site (content/campaigns/chi-thi-57/progress/).

The numbers are invented to show every status: some units complete, some partial, some silent.
They come in the shapes offices really send: a CSV with Vietnamese headers and unit names,
a CSV with indicator keys and unit ids, and an .xlsx workbook from the schools (needs openpyxl).
Seeded, so running it again gives the same files.
"""
import csv, datetime, os, random, sys

OUT = os.path.join(os.path.dirname(__file__), "..", "content", "campaigns", "chi-thi-57", "progress")
rng = random.Random(57)

TDP_DONE = [1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17]
TDP_PARTIAL = [4, 7, 10, 13, 16, 18, 20, 22]
# 19, 21, 23, 24, 25 never reported.
ACTIVITIES = ["Họp tổ dân phố phổ biến Chỉ thị 57-CT/TW", "Tuyên truyền phòng chống lừa đảo trực tuyến",
              "Phát tờ rơi \"5 việc cần làm để bảo vệ an ninh mạng\"", "Lồng ghép tuyên truyền trong sinh hoạt chi bộ"]

def day(month, d):
    return datetime.date(2026, month, d)

def vn_date(date):     # 3/4/2026, the way offices type it
    return f"{date.day}/{date.month}/{date.year}"

def vn_number(n):      # 1.200
    return f"{n:,}".replace(",", ".")

def tdp_rows(n, complete):
    big = n == 1
    sessions = (3 if big else 2) if complete else 1
    people_target, leaflets_target, loa_target = (200, 300, 6) if big else (120, 200, 4)
    rows = []
    people_left, leaflets_left, loa_left = people_target, leaflets_target, loa_target
    for i in range(sessions):
        last = i == sessions - 1
        date = day(4 + i, rng.randint(2, 26))
        people = people_left + rng.randint(0, 25) if (last and complete) else rng.randint(35, 60)
        leaflets = leaflets_left + rng.randint(0, 50) if (last and complete) else rng.randint(60, 110)
        loa = loa_left if (last and complete) else rng.randint(1, 2)
        people_left -= people; leaflets_left -= leaflets; loa_left -= loa
        rows.append((date, f"Tổ dân phố số {n}", ACTIVITIES[i % len(ACTIVITIES)], 1, people, leaflets, loa, ""))
    return rows

def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for n in TDP_DONE: rows += tdp_rows(n, True)
    for n in TDP_PARTIAL: rows += tdp_rows(n, False)
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(OUT, "to-dan-pho.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["Ngày", "Đơn vị", "Hoạt động", "Buổi tuyên truyền", "Lượt người tham dự", "Tờ rơi phát ra",
                    "Phát thanh trên loa", "Ghi chú"])
        for date, unit, activity, b, p, t, loa, note in rows:
            w.writerow([vn_date(date), unit, activity, b, vn_number(p), vn_number(t), loa, note])

    with open(os.path.join(OUT, "trung-tam-y-te.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "unit", "activity", "buoi", "luot-nguoi", "to-roi", "tin-bai", "loa", "note"])
        w.writerow(["2026-04-03", "ttdvth", "Hội nghị quán triệt Chỉ thị 57-CT/TW cho cán bộ, người lao động", 1, 62, "", 2, "", ""])
        w.writerow(["2026-05-15", "ttdvth", "Tập huấn kỹ năng nhận diện tin giả", 1, 95, "", 3, "", "Phối hợp Công an phường"])
        w.writerow(["2026-06-10", "ttdvth", "Đăng tin trên trang Zalo OA của phường", "", "", "", 2, "", ""])
        w.writerow(["2026-04-20", "tram-y-te", "Tuyên truyền lồng ghép trong buổi khám sức khoẻ người cao tuổi", 1, "1.200", 350, "", "",
                    "Lồng ghép khám sức khoẻ định kỳ"])

    try:
        import openpyxl
    except ImportError:
        sys.exit("openpyxl is needed for the schools' workbook: pip install openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws.append(["Ngày", "Đơn vị", "Hoạt động", "Buổi tuyên truyền", "Lượt người tham dự", "Tin bài trên mạng xã hội", "Ghi chú"])
    school_rows = [
        (day(4, 8), "Trường THCS Linh Sơn", "Chào cờ đầu tuần: an toàn trên không gian mạng", 1, 420, 1, ""),
        (day(4, 17), "Trường THCS Linh Sơn", "Ngoại khoá \"An toàn trên không gian mạng\"", 1, 380, 2, ""),
        (day(4, 13), "Trường Tiểu học Linh Sơn", "Sinh hoạt dưới cờ về bảo vệ thông tin cá nhân", 1, 310, 1, ""),
        (day(5, 11), "Trường Tiểu học Linh Sơn", "Họp phụ huynh: cảnh giác lừa đảo qua mạng", 1, 260, 1, "Lồng ghép họp phụ huynh cuối năm"),
        (day(5, 6), "Trường Mầm non Linh Sơn", "Họp phụ huynh: bảo vệ hình ảnh trẻ trên mạng xã hội", 1, 140, 1, ""),
    ]
    for date, unit, activity, b, p, tin, note in school_rows:
        ws.append([datetime.datetime(date.year, date.month, date.day), unit, activity, b, p, tin, note or None])
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "dd/mm/yyyy"
    wb.create_sheet("Hướng dẫn").append(["Mỗi dòng một hoạt động. Sheet này không được đọc."])
    path = os.path.join(OUT, "truong-hoc.xlsx")
    wb.save(path)
    # openpyxl stamps the current time into docProps/core.xml; rewrite it so the workbook is reproducible.
    import zipfile
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                import re
                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<", rb"<dcterms:\1\2>2026-06-15T00:00:00Z<", data)
            info.date_time = (2026, 6, 15, 0, 0, 0)
            z.writestr(info, data)

if __name__ == "__main__":
    main()
