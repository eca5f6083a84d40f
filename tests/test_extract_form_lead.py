"""A document form's summary: Lotus Domino (and the table layouts of the 2000s) print a
story's fields row by row — the headline, the date, then the Summary in bold in a row of its
own, then the Body. That bold row right under the headline is the lead, though no class names
it and it stands outside the body's cell. Found by the tenth blind site set (the Domino site's
lead 2/6). Pages written here."""

from __future__ import annotations

from archive.extract import extract_article

URL = "http://hoi.example.vn/hoi/web.nsf/0/0123456789ABCDEF0123456789ABCDEF?OpenDocument"
TITLE = "Cụm thi đua Hội Liên hiệp Phụ nữ các huyện miền núi sơ kết 6 tháng đầu năm 2024"
LEAD = "Các hội cơ sở trong Cụm đã giúp 312 hội viên nghèo vay vốn phát triển sản xuất."
PARAS = [("Ngày 10/7, tại hội trường Hội Liên hiệp Phụ nữ huyện Mai Châu, Cụm thi đua các huyện miền núi "
         "tổ chức hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2024."),
         "Cụm gồm Hội Liên hiệp Phụ nữ 4 huyện Mai Châu, Đà Bắc, Tân Lạc và Lạc Sơn.",
         "Hội nghị thống nhất tổ chức kiểm tra chéo giữa các đơn vị vào tháng 11."]


def _form(summary: str) -> str:
    body = "\n".join(f'<font size="2" face="Arial">{p}</font><br>\n<br>' for p in PARAS)
    return f"""<html><head><title>{TITLE}</title></head><body text="#000000">
<form method="post" action="/hoi/web.nsf/TinTuc?OpenForm&amp;Seq=1" name="_frmTinTuc">
<table width="100%" border="0" cellpadding="4">
<tr><td><font size="2" color="#800000">Thi đua</font></td></tr>
<tr><td><b><font size="4" color="#000080">{TITLE}</font></b></td></tr>
<tr><td><font size="1" color="#808080">Ngày cập nhật: 11/07/2024 09:30:00 AM</font></td></tr>{summary}
<tr><td>{body}<div align="right"><b><font size="2">Hà Thị Lan</font></b></div></td></tr>
<tr><td><font size="1">Người cập nhật: Bien Tap/HLHPN</font></td></tr>
</table></form></body></html>"""


def test_the_bold_summary_row_under_the_headline_is_the_lead() -> None:
    record = extract_article(_form(f'\n<tr><td><b><font size="2" face="Arial">{LEAD}</font></b></td></tr>'), URL)
    assert record["lead"] == LEAD
    assert record["body"].startswith(PARAS[0])
    assert record["author"] == "Hà Thị Lan"


def test_no_summary_row_no_lead() -> None:
    record = extract_article(_form(""), URL)
    assert record["lead"] is None
    assert record["body"].startswith(PARAS[0])
