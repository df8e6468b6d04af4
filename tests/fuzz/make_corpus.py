#!/usr/bin/env python3
"""Build the seed corpora tests/fuzz/corpus/NAME/ from the repository's own data:
the unit tests' case tables, the shipped seeds (data/seeds), the demo file
(data/demo), tests/data and the bodies of the HTTP tests. Run from the top of the
tree; it rewrites the corpus directories. Every file is small (the file targets get
a few excerpts of the seed documents, not the whole ones)."""
import glob, hashlib, io, os, re, shutil, subprocess, zipfile

OUT = "tests/fuzz/corpus"
corp = {}


def add(name, data):
    if isinstance(data, str):
        data = data.encode()
    corp.setdefault(name, [])
    if data not in corp[name]:
        corp[name].append(data)


def c_literals(text):
    """The string literals of C source, adjacent ones joined, escapes decoded."""
    out = []
    for m in re.finditer(r'((?:"(?:[^"\\\n]|\\.)*"\s*)+)', text):
        s = ""
        for part in re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1)):
            s += part
        b = bytearray()
        raw = s.encode()
        i = 0
        while i < len(raw):
            c = raw[i]
            if c == 0x5C and i + 1 < len(raw):
                n = chr(raw[i + 1])
                if n == "x":
                    j = i + 2
                    while j < len(raw) and chr(raw[j]) in "0123456789abcdefABCDEF":
                        j += 1
                    b.append(int(raw[i + 2:j], 16) & 255)
                    i = j
                    continue
                if n in "01234567":
                    j = i + 1
                    while j < len(raw) and j < i + 4 and chr(raw[j]) in "01234567":
                        j += 1
                    b.append(int(raw[i + 1:j], 8) & 255)
                    i = j
                    continue
                b.append({"n": 10, "t": 9, "r": 13, "0": 0}.get(n, ord(n)))
                i += 2
                continue
            b.append(c)
            i += 1
        out.append(bytes(b))
    return out


def case_rows(path):
    """Rows '{ "a", ... }' of a test's case table, as lists of their literals."""
    text = open(path, encoding="utf-8").read()
    rows = []
    for m in re.finditer(r'\{\s*("(?:[^{}]|\{[^{}]*\})*?)\}\s*,', text, re.S):
        rows.append(c_literals(m.group(1)))
    return rows


def tsv_rows(path, start, stop):
    lines = open(path, encoding="utf-8").read().split("\n")[start:stop]
    return [l.split("\t") for l in lines if "\t" in l]


SEED1 = "data/seeds/001_523cb3a39135c550.txt"
SEED2 = "data/seeds/002_d7ea618fb136404a.txt"
s1 = open(SEED1, encoding="utf-8").read().split("\n")
s2 = open(SEED2, encoding="utf-8").read().split("\n")
ind_at = next(i for i, l in enumerate(s1) if l.strip() == "Phụ lục I")
task_at = next(i for i, l in enumerate(s1) if l.strip() == "Phụ lục II")
ind_rows = tsv_rows(SEED1, ind_at, task_at)
task_rows = tsv_rows(SEED1, task_at, len(s1))

# deadline: the unit test's phrases and the Thời hạn cells of seed 001
for r in case_rows("tests/unit/test_deadline.c"):
    if r:
        add("deadline", r[0])
for r in task_rows:
    if len(r) >= 6 and r[5].strip() and len(corp["deadline"]) < 50:
        add("deadline", r[5].strip())

# target: unit line + target, from the unit test and Phụ lục I
for r in case_rows("tests/unit/test_target.c"):
    if len(r) >= 3:
        add("target", r[1] + b"\n" + r[2])
for r in ind_rows:
    if len(r) >= 4 and len(corp["target"]) < 50:
        add("target", r[2] + "\n" + r[3])

# agency: lead TAB coordinating, from the registry test and Phụ lục II
for r in case_rows("tests/unit/test_registry.c"):
    if r:
        add("agency", r[0])
for r in task_rows:
    if len(r) >= 4 and r[2].strip() and len(corp["agency"]) < 50:
        add("agency", r[2] + "\t" + r[3])

# docref: the unit test's references and the seeds' "Kèm theo" lines
for r in case_rows("tests/unit/test_docref.c"):
    if r:
        add("docref", r[0])
for l in s1 + s2:
    if "Nghị quyết số" in l and len(l) < 400 and len(corp["docref"]) < 45:
        add("docref", l.strip())

# files for the table readers
def csv_of(rows, sep=",", crlf=False, bom=False):
    def q(c):
        if any(x in c for x in '"\n\r' + sep) or c != c.strip():
            return '"' + c.replace('"', '""') + '"'
        return c
    nl = "\r\n" if crlf else "\n"
    text = nl.join(sep.join(q(c) for c in r) for r in rows) + nl
    return ("\ufeff" if bom else "") + text

task_header = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả",
               "Thời gian hoàn thành", "Văn bản giao"]
tasks = [r[:6] + ["Nghị quyết số 71/NQ-CP ngày 01/4/2025"] for r in task_rows
         if len(r) >= 6 and r[0].strip() not in ("TT", "")][:12]
for f in sorted(glob.glob("tests/data/*.csv") + glob.glob("data/demo/*.csv")):
    data = open(f, "rb").read()
    add("csv", data)
    (add("progress", data) if "progress" in f or "tien_do" in f else None)
    (add("measurements", data) if "measurements" in f else None)
add("csv", csv_of([task_header] + tasks))
add("csv", csv_of([task_header] + tasks[:5], sep=";", crlf=True, bom=True))
add("csv", csv_of([task_header] + tasks[:5], sep="\t"))
add("csv", 'a,"b\nc",d\r\n"x""y",,z\r"\n')
add("csv", "Mã,Chỉ tiêu,Ngày đo,Giá trị\n11.1,Tỉ lệ,31/12/2025,\"82,5%\"\n")

# progress: tests/data and the demo (above), and a variant with every column
add("progress", csv_of([
    ["Mã", "Tên nhiệm vụ", "Văn bản giao", "Đơn vị", "Ngày báo cáo", "Hoàn thành",
     "Ngày hoàn thành", "Văn bản kết quả", "Kết quả", "Dự kiến kết quả kỳ tới",
     "Vướng mắc, kiến nghị", "Tỷ lệ (%)", "Tệp đính kèm", "Ghi chú"],
    ["16", "", "Nghị quyết 71/NQ-CP ngày 01/4/2025", "Bộ Nội vụ", "20/12/2025", "có",
     "18/12/2025", "Quyết định số 7/QĐ-BNV ngày 18/12/2025", "Đã ban hành", "", "", "100",
     "qd7.pdf", "x"],
    ["17", "", "", "UBND tỉnh Bình Dương", "2025-12-21", "mở lại", "", "", "", "", "", "40%",
     "", ""],
    ["", "Xây dựng chương trình chuyên biệt", "", "VTV", "Quý IV/2025", "không", "", "", "",
     "", "", "", "", ""],
], sep=";"))

# measurements: tests/data (above) and the xlsx
add("measurements", open("tests/data/measurements_001.xlsx", "rb").read())
add("measurements", csv_of([
    ["Mã chỉ tiêu", "Văn bản", "Ngày đo", "Giá trị", "Đơn vị", "Khối", "Nguồn"],
    ["4", "", "31/12/2025", "thứ 3", "", "Đông Nam Á", "WEF"],
    ["11.1", "Kế hoạch 2025", "Quý IV/2025", "0,72", "Bộ Nội vụ", "", ""],
    ["KH2025.1", "", "Năm 2025", "85%", "", "khối bộ", "Báo cáo"],
    ["5", "", "2025-06-30", "đạt", "", "", ""],
]))


# xlsx: tests/data, the report giamsat writes, and hand-made workbooks with the parts
# the reader handles (shared strings with runs, inline strings, styles, 1904 dates)
def xlsx(sheet, shared=None, styles=None, wb_extra="", stored=True):
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' + wb_extra + '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + sheet + '</sheetData></worksheet>')
    if shared is not None:
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + shared + '</sst>')
    if styles is not None:
        z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + styles + '</styleSheet>')
    z.close()
    return b.getvalue()

STYLES = ('<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
          '<numFmt numFmtId="165" formatCode="0.0&quot;%&quot;%"/></numFmts>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/>'
          '<xf numFmtId="165"/></cellXfs>')
add("xlsx", open("tests/data/measurements_001.xlsx", "rb").read())
add("xlsx", xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
                 '<row r="3"><c r="A3"><v>11.1</v></c><c r="B3" s="1"><v>45657</v></c>'
                 '<c r="C3" s="2"><v>0.825</v></c><c r="D3" s="3"><v>-0.05</v></c>'
                 '<c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c></row>',
                 shared='<si><t>Mã chỉ tiêu</t></si><si><r><t>Giá </t></r><r><rPr><b/></rPr><t>trị</t></r><rPh><t>x</t></rPh></si>',
                 styles=STYLES))
add("xlsx", xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> TT </t></is></c>'
                 '<c r="B1" t="str"><f>A1</f><v>Tên nhiệm vụ</v></c></row>'
                 '<row r="2"><c r="B2" s="1"><v>1</v></c><c r="AA2"><v>1e-07</v></c></row>',
                 styles=STYLES, wb_extra='<workbookPr date1904="1"/>'))
add("xlsx", xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared='<si><t>&amp;&lt;&#x1EA1;</t></si>', stored=False))
try:
    db = "/tmp/fuzz-corpus.db"
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    g = os.environ.get("GIAMSAT", "build/rel/giamsat")
    subprocess.run([g, "--db", db, "demo"], check=True, capture_output=True)
    subprocess.run([g, "--db", db, "report", "--as-of", "2025-12-31", "--format", "xlsx",
                    "--section", "don_vi", "-o", "/tmp/fuzz-report.xlsx"], check=True,
                   capture_output=True)
    add("xlsx", open("/tmp/fuzz-report.xlsx", "rb").read())
except Exception as ex:  # giamsat not built: the hand-made ones are enough
    print("no report xlsx:", ex)

# docx: hand-made documents with what the reader handles (a letterhead, merged cells,
# repeated headers, a continuation table, nested tables, tracked changes, a text box),
# each also as its bare word/document.xml, and the report giamsat writes
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
def docx(body, main="word/document.xml", stored=True):
    """A package holding body; its document.xml is a seed too (fuzz_docx wraps a non-zip)."""
    add("docx", '<?xml version="1.0"?><w:document ' + W_NS + '><w:body>' + body + '</w:body></w:document>')
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="' + main + '"/></Relationships>')
    z.writestr(main, '<?xml version="1.0"?><w:document ' + W_NS + '><w:body>' + body + '</w:body></w:document>')
    z.close()
    return b.getvalue()

def wp(t): return '<w:p><w:r><w:t xml:space="preserve">' + t + '</w:t></w:r></w:p>'
def wc(t, pr=""): return '<w:tc>' + ('<w:tcPr>' + pr + '</w:tcPr>' if pr else '') + wp(t) + '</w:tc>'
def wr(cells, pr=""): return '<w:tr>' + ('<w:trPr>' + pr + '</w:trPr>' if pr else '') + "".join(cells) + '</w:tr>'
def wt(rows): return '<w:tbl>' + "".join(rows) + '</w:tbl>'
W_HEAD = [wc("TT"), wc("Tên nhiệm vụ"), wc("Cơ quan chủ trì"), wc("Kết quả (đến ngày 10/5/2025)")]
LETTER = wt([wr([wc("BỘ NỘI VỤ"), wc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")])])
add("docx", docx(LETTER + wp("BÁO CÁO") + wt([
    wr(W_HEAD, "<w:tblHeader/>"),
    wr([wc("I"), wc("NHIỆM VỤ", '<w:gridSpan w:val="3"/>')]),
    wr([wc("1"), wc("Việc A"), wc("Bộ Nội vụ", '<w:vMerge w:val="restart"/>'), wc("Đã xong")]),
    wr([wc("2"), wc("Việc B"), '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>', wc("Đang làm")]),
    wr(W_HEAD, "<w:tblHeader/>")]) + wt([wr(W_HEAD, "<w:tblHeader/>"),
    wr([wc("3"), wc("Việc C"), wc("Bộ Y tế"), wc("")], '<w:gridBefore w:val="0"/><w:gridAfter w:val="1"/>')])
    + wt([wr([wc("Nơi nhận:"), wc("BỘ TRƯỞNG")])])))
add("docx", docx(wp("Phụ lục II") + wp("(Kèm theo Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025)") + wt([
    wr([wc("TT"), wc("Tên nhiệm vụ"), wc("Cơ quan chủ trì"), wc("Cơ quan phối hợp"), wc("Kết quả"), wc("Thời gian hoàn thành")]),
    wr([wc("1."), wc("Xây dựng <w:br/>Luật"), wc("Bộ Tư pháp"), wc(""), wc("Luật"), wc("2025")]),
    wr([wc("(1)"), '<w:tc><w:p/>' + wt([wr([wc("x"), wc("y")])]) + '</w:tc>', wc("a"), wc("b"), wc("c"), wc("d")])]),
    main="word/document2.xml", stored=False))
add("docx", docx('<w:p><w:r><w:t>giữ</w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del>'
                 '<w:r><w:instrText> PAGE </w:instrText><w:tab/><w:noBreakHyphen/><w:cr/></w:r>'
                 '<w:moveFrom><w:r><w:t>cũ</w:t></w:r></w:moveFrom><mc:AlternateContent><mc:Choice>'
                 '<w:txbxContent>' + wp("hộp") + '</w:txbxContent></mc:Choice><mc:Fallback>'
                 '<w:txbxContent>' + wp("hộp") + '</w:txbxContent></mc:Fallback></mc:AlternateContent></w:p>'
                 + wt([wr([wc("a", '<w:hMerge w:val="restart"/>'), wc("", '<w:hMerge/>'), wc("c")])])))
try:
    g = os.environ.get("GIAMSAT", "build/rel/giamsat")
    subprocess.run([g, "--db", "/tmp/fuzz-corpus.db", "report", "--as-of", "2025-12-31", "--format",
                    "docx", "--section", "don_vi", "-o", "/tmp/fuzz-report.docx"], check=True,
                   capture_output=True)
    add("docx", open("/tmp/fuzz-report.docx", "rb").read())
except Exception as ex:  # giamsat not built: the hand-made ones are enough
    print("no report docx:", ex)

# program: excerpts of seed 001 (the head, Phụ lục I and II with a few rows each)
head = s1[:12]
def excerpt(n_ind, n_task, skip=0):
    ind = s1[ind_at:ind_at + 6] + [l for l in s1[ind_at + 6:task_at] if "\t" in l][skip:skip + n_ind]
    tk = s1[task_at:task_at + 7] + [l for l in s1[task_at + 7:] if "\t" in l][skip:skip + n_task]
    return "\n".join(head + [""] + ind + ["", ""] + tk) + "\n"
add("program", excerpt(6, 12))
add("program", excerpt(3, 30, skip=20))
add("program", excerpt(0, 8, skip=60))
add("program", "\n".join(s1[task_at:task_at + 7] + s1[task_at + 7:task_at + 40]) + "\n")

# plan: excerpts of seed 002 and the regression file
nv_at = next(i for i, l in enumerate(s2) if l.strip().startswith("II. NHIỆM VỤ"))
for a, b in ((nv_at, nv_at + 80), (nv_at + 300, nv_at + 420), (nv_at + 800, nv_at + 900)):
    add("plan", "\n".join(s2[:40] + s2[nv_at:nv_at + 1] + s2[a + (a > nv_at):b]) + "\n")
add("plan", "\n".join(s2[nv_at:nv_at + 200] + s2[-20:]) + "\n")
for f in sorted(glob.glob("tests/data/fuzz/plan/*")):
    add("plan", open(f, "rb").read())

# form: request target, Cookie, body
for t, c, body in (
        ("/tasks?page=2&q=B%E1%BB%99+N%E1%BB%99i+v%E1%BB%A5&agency=1", "", ""),
        ("/report?as_of=2025-12-31&due_by=31%2F12%2F2025&format=html", "gs_session=abc; x=1", ""),
        ("/tasks/13/progress", "gs_session=\"q\"", "csrf=t0k&date=20%2F12%2F2025&done=1&result=%C4%90%C3%A3+ban+h%C3%A0nh&percent=100"),
        ("/login?next=%2Fdashboard", "", "user=noivu&password=a%26b%3Dc&next=/%09/evil.example"),
        ("/x?a&=b&c=&&d=%zz&e=%00&f=%ff%fe&g=%E1%BB", "a=b;gs_session=", "a=%2"),
        ("/%D0%A4%2e%2E/s?p=-1&p=99999999999999999999", "", "+=+&%3D=%26"),
):
    add("form", t + "\n" + c + "\n" + body)

# multipart: Content-Type line, body (the unit test's shapes)
CT = "multipart/form-data; boundary=XyZ"
D, CRLF = "--XyZ", "\r\n"
def field(n, v):
    return D + CRLF + 'Content-Disposition: form-data; name="' + n + '"' + CRLF + CRLF + v + CRLF
END = D + "--" + CRLF
add("multipart", CT + "\n" + field("csrf", "t0k") + field("step", "check") + D + CRLF +
    'Content-Disposition: form-data; name="file"; filename="tien_do.csv"' + CRLF +
    "Content-Type: text/csv" + CRLF + CRLF + open("data/demo/tien_do_mau.csv").read()[:600] + CRLF + END)
add("multipart", 'multipart/form-data; BOUNDARY="XyZ"\nThis is the preamble.' + CRLF + field("a", "1") + END + "epilogue")
add("multipart", CT + "\n" + D + CRLF + 'content-disposition: FORM-DATA; filename="a\\"b.csv"; name=f' + CRLF + CRLF + "\0\x01\r\n--XyQ\r\n-XyZ\r\r\n\0" + CRLF + END)
add("multipart", CT + "\n" + END)
add("multipart", CT + "\n" + field("a", "x") + D + "--")
add("multipart", "multipart/form-data; boundary=\"a'()+_,-./:=? b\"\n--a'()+_,-./:=? b" + CRLF + 'Content-Disposition: form-data; name="n"' + CRLF + CRLF + "v" + CRLF + "--a'()+_,-./:=? b--" + CRLF)

# json: first byte 'p' (even: progress) or 'm' (odd: measurement), then the body
bodies = set()
for f in glob.glob("tests/http/*.sh"):
    for m in re.finditer(r"'(\{\"[^']*\})'", open(f, encoding="utf-8").read()):
        bodies.add(m.group(1).replace("%s", "7"))
for b in sorted(bodies):
    if len(corp.get("json", [])) >= 45:
        break
    add("json", ("m" if '"value"' in b or '"indicator"' in b else "p") + b)
add("json", 'p{"task":3,"unit":"Bộ Nội vụ","date":"2025-12-20","reopen":true,"percent":40,"attachment":"a.pdf","issues":null}')
add("json", 'm{"indicator":"4","date":"2025-12-20","value":"thứ 3","bloc":"Đông Nam Á","source":"\\u0110"}')

for name, items in sorted(corp.items()):
    d = os.path.join(OUT, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for data in items[:50]:
        open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb").write(data)
    print(name, min(len(items), 50), "files", sum(len(x) for x in items[:50]), "bytes")
