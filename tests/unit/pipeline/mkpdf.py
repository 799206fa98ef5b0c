#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes small PDF test inputs by hand (no library), for the pipeline
tests and benchmarks.

  mkpdf.py text OUT [PAGES]      text on every page (PAGES, default 3)
  mkpdf.py image OUT             one page, an image and no text layer
  mkpdf.py encrypted OUT         standard security handler, user password
  mkpdf.py xrefloop OUT          a page tree whose Kids point back at it
                                 and an xref /Prev chain that loops
  mkpdf.py truncated OUT         a text PDF cut in the middle
  mkpdf.py zipbomb OUT [MB]      a .docx whose document.xml inflates to MB
                                 (default 300) megabytes
"""
import os
import sys
import zipfile

SENTENCES = [
    "The site holds a valid exploitation permit covering all extraction "
    "areas, renewed in March 2025.",
    "All underground workers are provided with helmets, boots and "
    "respirators, inspected weekly.",
    "The tailings dam inspection is overdue by eight months and the "
    "piezometers are broken.",
    "Emergency response procedures are in place and evacuation drills were "
    "conducted in February.",
    "No evacuation drill has been conducted at the processing plant since "
    "2022.",
    "Hazardous waste is segregated on site and disposed of at an approved "
    "facility under signed manifests.",
    "Security guards were deployed without any screening for past human "
    "rights abuses.",
    "Effluent discharges are sampled weekly and remained within permit "
    "limits throughout the year.",
    "Production and sales are recorded daily and quarterly reports were "
    "submitted to the mining registry.",
    "The households affected by the pit extension were consulted and "
    "compensated under the agreed plan.",
]


def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build(objs, trailer_extra=b"", root=1):
    """objs: list of bytes bodies, numbered from 1."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objs) + 1)
    out += b"0000000000 65535 f \n"
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R " % (len(objs) + 1, root)
    out += trailer_extra + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text_pdf(pages):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for p in range(pages):
        lines = []
        for k in range(4):
            s = SENTENCES[(p * 3 + k) % len(SENTENCES)]
            lines.append(s)
        stream = b"BT /F1 10 Tf 40 780 Td 12 TL\n"
        stream += ("(Page %d of the site inspection report.) Tj T*\n"
                   % (p + 1)).encode()
        for s in lines:
            # Two lines per sentence so the text wraps like a real page.
            half = s.rfind(" ", 0, len(s) // 2 + 10)
            stream += ("(%s) Tj T*\n(%s) Tj T*\n" %
                       (esc(s[:half]), esc(s[half + 1:]))).encode()
        stream += b"ET"
        content = len(objs) + 1
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream +
                    b"\nendstream")
        page = len(objs) + 1
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    b"/Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % content)
        kids.append(page)
    objs[1] = (b"<< /Type /Pages /Count %d /Kids [" % pages +
               b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    return build(objs)


def image_pdf():
    img = bytes([0x80]) * (16 * 16)
    stream = b"q 200 0 0 200 100 500 cm /Im1 Do Q"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\n"
            b"stream\n" % len(img) + img + b"\nendstream",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream +
            b"\nendstream"]
    return build(objs)


def encrypted_pdf():
    data = text_pdf(1)
    o = b"<" + b"7a" * 32 + b">"
    u = b"<" + b"3c" * 32 + b">"
    enc = (b"/Encrypt << /Filter /Standard /V 1 /R 2 /O " + o + b" /U " +
           u + b" /P -44 >> /ID [<0123456789abcdef0123456789abcdef> "
           b"<0123456789abcdef0123456789abcdef>] ")
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R " + enc)


def xrefloop_pdf():
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>",
            b"<< /Type /Pages /Parent 2 0 R /Count 1 /Kids [2 0 R] >>"]
    data = build(objs)
    # The trailer's /Prev points at the xref itself: a loop.
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref)


def zipbomb(path, mb):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="x">')
            chunk = b" " * (1 << 20)
            for _ in range(mb):
                f.write(chunk)
            f.write(b"</w:document>")


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    kind, out = sys.argv[1], sys.argv[2]
    arg = int(sys.argv[3]) if len(sys.argv) > 3 else None
    if kind == "zipbomb":
        zipbomb(out, arg or 300)
        return 0
    if kind == "text":
        data = text_pdf(arg or 3)
    elif kind == "image":
        data = image_pdf()
    elif kind == "encrypted":
        data = encrypted_pdf()
    elif kind == "xrefloop":
        data = xrefloop_pdf()
    elif kind == "truncated":
        data = text_pdf(3)
        data = data[:len(data) // 2]
    else:
        sys.stderr.write(__doc__)
        return 2
    with open(out, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
