"""archive.bylines: every byline a page offers, in trust order, with where it was found and
why it names nobody; the choice is the first that names a person."""

from __future__ import annotations

import parsel

from archive.bylines import Byline, author_candidates, pick_author

PAGE = """<html><body><article>
<h1>Cụm thi đua số 3 tổng kết năm 2024</h1>
<div class="post-author">Đăng bởi bientap</div>
<div class="entry-content"><p>Sáng 10/1, Cụm thi đua số 3 tổ chức hội nghị tổng kết.</p></div>
</article></body></html>"""


def candidates(html: str, signature: str | None, **kw) -> list[Byline]:
    sel = parsel.Selector(text=html)
    body_info = {"label_author": None, "byline": signature}
    rules = {"author": "div.post-author"}   # a platform selector: the most trusted finder, asked first
    return list(author_candidates(sel, rules, body_info, None, kw.get("sapo"), kw.get("meta", {}), None, [], None))


def test_an_account_in_the_byline_element_is_listed_and_rejected_before_the_signature():
    found = candidates(PAGE, "Nguyễn Thị Hoa")
    assert found == [Byline("bientap", "platform", "account"), Byline("Nguyễn Thị Hoa", "byline", None)]


def test_an_office_is_rejected_and_meta_is_asked_last():
    found = candidates(PAGE.replace("Đăng bởi bientap", "Văn phòng Hội"), None, meta={"author": "Trần Văn Bình"})
    assert [(b.found_in, b.rejected) for b in found] == [("platform", "office"), ("meta", None)]
    assert found[-1].name == "Trần Văn Bình"


def test_pick_author_takes_the_first_person_and_says_where():
    sel = parsel.Selector(text=PAGE)
    rules = {"author": "div.post-author"}
    assert pick_author(sel, rules, {"label_author": None, "byline": "Nguyễn Thị Hoa"}, None, None, {}, None, [], None) \
        == ("Nguyễn Thị Hoa", "byline")
    assert pick_author(sel, rules, {"label_author": None, "byline": None}, None, None, {}, None, [], None) == (None, None)
