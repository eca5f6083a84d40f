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


# ---- a credit after the text: the story's meta box, a link to the writer's page ----------------
# (the seventh blind site set's first run: Silverstripe's blog prints "Đăng lúc <time> bởi NAME" at the
# end of p.blog-post-meta, below the text; the pages here are written for the rule, in other markup)

TEXT = ("<p>Sáng 12/3, Khối thi đua các hội đặc thù tỉnh tổ chức hội nghị ký kết giao ước thi đua năm 2024 "
        "với sự tham dự của lãnh đạo bảy hội thành viên.</p><p>Các đơn vị thống nhất bảy nội dung thi đua.</p>")


def _credited(credit: str, *, after: str = "") -> str:
    return f"""<html><head><title>Khối thi đua các hội đặc thù ký kết giao ước thi đua</title></head><body>
<div class="wrap"><div class="story"><h1>Khối thi đua các hội đặc thù ký kết giao ước thi đua</h1>
<div class="story-text">{TEXT}</div>
<div class="story-info">Chuyên mục <a href="/chuyen-muc/thi-dua/">Thi đua</a><br>
Cập nhật <a href="/luu-tru/2024/3/"><time datetime="2024-03-12 16:05:00">16:05 12/03/2024</time></a> {credit}</div>
{after}</div></div></body></html>"""


def _author(html: str) -> tuple[str | None, str | None]:
    from archive.extract import extract_article
    rec = extract_article(html, "https://hoidacthu.example.vn/tin/ky-ket-giao-uoc-2024/")
    return rec["author"], rec["paths"].get("author")


def test_a_dated_credit_in_the_meta_box_after_the_text_is_the_author():
    assert _author(_credited('bởi <a href="/thanh-vien/nguyen-thu-trang/">Nguyễn Thu Trang</a>')) == \
        ("Nguyễn Thu Trang", "meta-box")
    assert _author(_credited("bởi Hoàng Văn Định")) == ("Hoàng Văn Định", "meta-box")  # no link, plain text


def test_a_link_to_the_writers_own_page_is_the_author():
    assert _author(_credited('<a href="/tac-gia/le-minh-chau/">Lê Minh Châu</a>')) == ("Lê Minh Châu", "profile-link")
    assert _author(_credited('<a rel="author" href="/u/17">Trịnh Thị Yến</a>')) == ("Trịnh Thị Yến", "profile-link")


def test_an_account_credited_after_the_text_is_no_author():
    for account in ("Ban Biên tập", "quantri", "admin"):
        assert _author(_credited(f'bởi <a href="/profile/{account.lower()}/">{account}</a>'))[0] is None
        assert _author(_credited(f"bởi {account}"))[0] is None


def test_the_credits_of_other_stories_listed_after_the_text_are_not_this_ones():
    others = ('<h3 class="list-title">Tin cùng chuyên mục</h3><ul><li><h4><a href="/tin/tap-huan-2024/">Tập huấn '
              'nghiệp vụ thi đua năm 2024</a></h4><div class="item-meta">Cập nhật 02/03/2024 bởi '
              '<a href="/profile/pham-van-long/">Phạm Văn Long</a></div></li></ul>')
    assert _author(_credited("", after=others))[0] is None


# ---- a labelled line in the article's own <footer> ---------------------------------------------
# (the eleventh blind site set's first run: a static-site blog template prints "Người viết: X" in the
# <footer> of its <article>; HTML5 makes a footer inside an article that article's, so the line signs
# the story, while the page's own <footer> stays frame. The page here is written for the rule.)

def _footed(article_footer: str, page_footer: str = "") -> str:
    return f"""<html><head><title>Khối thi đua các hội đặc thù ký kết giao ước thi đua</title></head><body>
<header class="top"><a href="/">Trang chủ</a></header>
<main><article class="entry"><h1>Khối thi đua các hội đặc thù ký kết giao ước thi đua</h1>
<p class="entry-date"><time datetime="2024-03-12">12/03/2024</time></p>
<div class="entry-body">{TEXT}</div>
<footer>{article_footer}</footer></article></main>
<footer class="page-bottom">{page_footer}<p>Bản quyền thuộc Liên hiệp các hội đặc thù tỉnh.</p></footer></body></html>"""


def test_a_labelled_line_in_the_articles_own_footer_is_the_author():
    assert _author(_footed("<p>Người thực hiện: <b>Lê Thu Trang</b></p>")) == ("Lê Thu Trang", "label")
    assert _author(_footed('<div class="note"><p>Tác giả: Phan Văn Cường</p></div>')) == ("Phan Văn Cường", "label")


def test_a_labelled_line_in_the_pages_footer_signs_no_story():
    assert _author(_footed("", "<p>Người viết: Đỗ Minh Hải</p>"))[0] is None
