"""HTML of the three demo sites: pure functions from article dicts to page strings.

Each site imitates a template family met on real provincial sites, including the traps that
make extraction hard: (a) ``ldld`` puts a "Liên kết website" sidebar before the heading, keeps
photo captions and the author's byline inside the body; (b) ``btdkt`` writes the date as
"Thứ Hai, 15/07/2016 10:30", names the author in the header and appends "Tin liên quan";
(c) ``baotinh`` is a newspaper with og:/article: meta, JSON-LD, <figure>, a sapo, a sitemap
and RSS. ``template=2`` renders ldld's redesign, on which the ldld selectors find nothing.
No third-party imports: the server must start on a bare Python.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from typing import Any

Article = dict[str, Any]

PER_PAGE = 5
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

SITE_NAMES = {
    "ldld": "Liên đoàn Lao động tỉnh Thanh Hóa",
    "btdkt": "Ban Thi đua - Khen thưởng tỉnh Bắc Giang",
    "baotinh": "Báo Đắk Lắk điện tử",
}
CATEGORIES = {
    "ldld": {
        "thi-dua-khen-thuong": "Thi đua - Khen thưởng",
        "hoat-dong-cong-doan": "Hoạt động công đoàn",
        "tin-cac-tinh": "Tin các tỉnh",
    },
    "btdkt": {
        "hoat-dong-thi-dua": "Hoạt động thi đua",
        "khen-thuong": "Công tác khen thưởng",
        "thi-dua-cac-dia-phuong": "Thi đua các địa phương",
    },
    "baotinh": {
        "thoi-su": "Thời sự",
        "xa-hoi": "Xã hội",
        "cac-dia-phuong": "Các địa phương",
    },
}
_WEBSITE_LINKS = (
    ("http://www.congdoanvn.org.vn/", "Tổng Liên đoàn Lao động Việt Nam"),
    ("https://thanhhoa.gov.vn/", "Cổng thông tin điện tử tỉnh Thanh Hóa"),
    ("https://baothanhhoa.vn/", "Báo Thanh Hóa"),
    ("https://laodong.vn/", "Báo Lao Động"),
)


def e(text: Any) -> str:
    """Escape for HTML text and attributes."""
    return escape(str(text), quote=True)


def _dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def date_ddmmyyyy(iso: str) -> str:
    """"15/07/2016" — how ldld shows dates."""
    return _dt(iso).strftime("%d/%m/%Y")


def date_weekday(iso: str) -> str:
    """"Thứ Sáu, 15/07/2016 09:20" — how btdkt shows dates."""
    d = _dt(iso)
    return f"{WEEKDAYS[d.weekday()]}, {d.strftime('%d/%m/%Y %H:%M')}"


def http_date(iso: str) -> str:
    """RFC 1123 date for Last-Modified and RSS pubDate."""
    return format_datetime(_dt(iso).astimezone(UTC), usegmt=True)


def _excerpt(article: Article, limit: int = 160) -> str:
    text = article.get("lead") or (article["paragraphs"][0] if article["paragraphs"] else "")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def page_count(total: int, per_page: int = PER_PAGE) -> int:
    return max(1, -(-total // per_page))


def paginate(items: Sequence[Article], page: int, per_page: int = PER_PAGE) -> list[Article]:
    return list(items[(page - 1) * per_page: page * per_page])


def _body_blocks(paragraphs: Sequence[str], images: Iterable[dict[str, Any]],
                 image_html: Any) -> str:
    """Paragraphs with each image placed after paragraph number ``after`` (0 = before all)."""
    by_pos: dict[int, list[dict[str, Any]]] = {}
    for im in images:
        by_pos.setdefault(int(im["after"]), []).append(im)
    out: list[str] = []
    for i in range(len(paragraphs) + 1):
        for im in by_pos.get(i, []):
            out.append(image_html(im))
        if i < len(paragraphs):
            out.append(f"<p>{e(paragraphs[i])}</p>")
    return "\n".join(out)


# --------------------------------------------------------------------------- (a) ldld

def _ldld_shell(title: str, main: str, prefix: str, canonical: str | None = None,
                charset: str = "utf-8") -> str:
    menu = "".join(
        f'<li><a href="{prefix}/chuyen-muc/{slug}/">{e(label)}</a></li>'
        for slug, label in CATEGORIES["ldld"].items()
    )
    links = "".join(f'<li><a href="{u}" target="_blank">{e(t)}</a></li>' for u, t in _WEBSITE_LINKS)
    canon = f'<link rel="canonical" href="{e(canonical)}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{e(title)}</title>
{canon}
<link rel="stylesheet" href="{prefix}/static/style.css">
</head>
<body>
<div id="header">
  <div class="logo"><a href="{prefix}/">LIÊN ĐOÀN LAO ĐỘNG TỈNH THANH HÓA</a></div>
  <ul class="main-menu"><li><a href="{prefix}/">Trang chủ</a></li>{menu}<li><a href="{prefix}/lien-he.html">Liên hệ</a></li></ul>
</div>
<div id="wrapper">
  <div class="col-left">
    <div class="box box-links">
      <h3 class="box-title">Liên kết website</h3>
      <ul>{links}</ul>
    </div>
    <div class="box box-counter"><h3 class="box-title">Thống kê truy cập</h3><p>Đang online: 27</p><p>Tổng lượt truy cập: 1.204.377</p></div>
  </div>
  <div class="col-main">
{main}
  </div>
</div>
<div id="footer"><p>Bản quyền thuộc Liên đoàn Lao động tỉnh Thanh Hóa (trang mẫu demo).</p><p>Địa chỉ: số 2 đường Hạc Thành, TP Thanh Hóa.</p></div>
</body>
</html>
"""


def _ldld_image(im: dict[str, Any]) -> str:
    return (f'<p style="text-align:center"><img src="{e(im["src"])}" alt="{e(im.get("alt", ""))}" '
            f'width="600"></p>\n<p class="image-caption" style="text-align:center"><em>'
            f'{e(im["caption"])}</em></p>')


def render_ldld_article(title: str, paragraphs: Sequence[str], *,
                        images: Sequence[dict[str, Any]] = (), byline: str | None = None,
                        published: str | None = None, lead: str | None = None,
                        category: str = "thi-dua-khen-thuong",
                        related: Sequence[Article] = (), prefix: str = "/ldld",
                        canonical: str | None = None, template: int = 1,
                        charset: str = "utf-8") -> str:
    """An article page of the labour-federation portal around any text (tests wrap the seed).

    ``images``: dicts with ``src``, ``alt``, ``caption`` and ``after`` (how many paragraphs
    come before the image). ``byline`` becomes the body's last, right-aligned line.
    """
    if template == 2:
        return _ldld2_article(title, paragraphs, images=images, byline=byline,
                              published=published, lead=lead, prefix=prefix)
    label = CATEGORIES["ldld"].get(category, "Tin tức")
    parts = [_body_blocks(paragraphs, images, _ldld_image)]
    if byline:
        parts.append(f'<p style="text-align:right"><strong>{e(byline)}</strong></p>')
    others = "".join(
        f'<li><a href="{prefix}/tin/{e(a["slug"])}.html">{e(a["title"])}</a> '
        f'<span class="date">({date_ddmmyyyy(a["published"])})</span></li>' for a in related
    )
    date_html = (f'<div class="news-date">Ngày đăng: {date_ddmmyyyy(published)}</div>'
                 if published else "")
    sapo = f'<div class="news-sapo"><strong>{e(lead)}</strong></div>' if lead else ""
    main = f"""    <div class="breadcrumb"><a href="{prefix}/">Trang chủ</a> » <a href="{prefix}/chuyen-muc/{category}/">{e(label)}</a></div>
    <div class="news-detail">
      <h1 class="news-title">{e(title)}</h1>
      {date_html}
      {sapo}
      <div class="news-content">
{chr(10).join(parts)}
      </div>
      <div class="news-tools"><a href="javascript:window.print()">In bài viết</a> | <a href="#top">Về đầu trang</a></div>
      <div class="news-other"><h3>Các tin khác</h3><ul>{others}</ul></div>
    </div>"""
    return _ldld_shell(f"{title} - LĐLĐ tỉnh Thanh Hóa", main, prefix, canonical, charset)


def render_ldld_text(text: str, *, published: str | None = None, prefix: str = "/ldld") -> str:
    """Wrap seed-shaped plain text in the ldld template.

    The text's shape is the one of ``shared/seed/article.txt``: an optional "Liên kết website"
    first line, the title, paragraphs separated by blank lines, a line ``alt`` marking that the
    next line is a photo caption, and a short last line that is the byline.
    """
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n") if b.strip()]
    if blocks and blocks[0] == "Liên kết website":
        blocks = blocks[1:]
    title, rest = blocks[0], blocks[1:]
    byline = rest.pop() if rest and len(rest[-1]) <= 60 else None
    paragraphs: list[str] = []
    images: list[dict[str, Any]] = []
    i = 0
    while i < len(rest):
        if rest[i] == "alt" and i + 1 < len(rest):
            images.append({"src": f"{prefix}/images/anh-{len(images) + 1}.png", "alt": "alt",
                           "caption": rest[i + 1], "after": len(paragraphs)})
            i += 2
            continue
        paragraphs.append(rest[i])
        i += 1
    return render_ldld_article(title, paragraphs, images=images, byline=byline,
                               published=published, prefix=prefix)


def render_ldld_page(article: Article, related: Sequence[Article] = (), *, base: str = "",
                     template: int = 1) -> str:
    """The ldld page of one content article."""
    return render_ldld_article(
        article["title"], article["paragraphs"], images=_abs_images(article, "/ldld"),
        byline=article["byline"], published=article["published"], lead=article.get("lead"),
        category=article["category"], related=related, canonical=base + article["path"],
        template=template,
    )


def _abs_images(article: Article, prefix: str) -> list[dict[str, Any]]:
    return [{**im, "src": f"{prefix}/{im['src']}"} for im in article["images"]]


def _pager_ldld(page: int, pages: int, url: Any) -> str:
    if pages <= 1:
        return ""
    items = []
    if page > 1:
        items.append(f'<a class="prev" href="{url(page - 1)}">« Trang trước</a>')
    for n in range(1, pages + 1):
        items.append(f'<span class="current">{n}</span>' if n == page else f'<a href="{url(n)}">{n}</a>')
    if page < pages:
        items.append(f'<a class="next" href="{url(page + 1)}">Trang sau »</a>')
    return f'<div class="pagination">{" ".join(items)}</div>'


def render_ldld_listing(articles: Sequence[Article], page: int, pages: int, *, heading: str,
                        url: Any, prefix: str = "/ldld", template: int = 1) -> str:
    """A listing page: 5 teasers and numbered pagination; ``url(n)`` gives page n's href."""
    if template == 2:
        return _ldld2_listing(articles, page, pages, heading=heading, url=url, prefix=prefix)
    items = "\n".join(
        f"""      <div class="news-item">
        <a class="thumb" href="{prefix}/tin/{e(a['slug'])}.html"><img src="{prefix}/images/thumb.png" alt=""></a>
        <h3><a href="{prefix}/tin/{e(a['slug'])}.html">{e(a['title'])}</a></h3>
        <span class="date">{date_ddmmyyyy(a['published'])}</span>
        <p class="desc">{e(_excerpt(a))}</p>
      </div>""" for a in articles
    )
    main = f"""    <h2 class="cat-title">{e(heading)}</h2>
    <div class="news-list">
{items}
    </div>
    {_pager_ldld(page, pages, url)}"""
    return _ldld_shell(f"{heading} - LĐLĐ tỉnh Thanh Hóa", main, prefix)


# ldld redesign (template 2): new class names everywhere, so yesterday's selectors miss.

def _ldld2_shell(title: str, main: str, prefix: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{e(title)}</title></head>
<body class="v2">
<header class="topbar"><a class="brand" href="{prefix}/">Công đoàn Thanh Hóa</a>
<nav class="topnav"><a href="{prefix}/">Trang chủ</a><a href="{prefix}/chuyen-muc/thi-dua-khen-thuong/">Thi đua</a></nav></header>
<main class="layout">{main}</main>
<footer class="site-foot">© Công đoàn Thanh Hóa (giao diện mới, demo)</footer>
</body></html>
"""


def _ldld2_article(title: str, paragraphs: Sequence[str], *, images: Sequence[dict[str, Any]],
                   byline: str | None, published: str | None, lead: str | None,
                   prefix: str) -> str:
    def image(im: dict[str, Any]) -> str:
        return (f'<div class="media"><img data-src="{e(im["src"])}" alt="{e(im.get("alt", ""))}">'
                f'<span class="media__note">{e(im["caption"])}</span></div>')

    body = _body_blocks(paragraphs, images, image)
    sign = f'<div class="post__sign">{e(byline)}</div>' if byline else ""
    when = f'<span class="post__when">{date_ddmmyyyy(published)}</span>' if published else ""
    intro = f'<div class="post__intro">{e(lead)}</div>' if lead else ""
    main = f"""<section class="post">
<div class="post__head"><h2 class="post__heading">{e(title)}</h2>{when}</div>
{intro}<div class="post__text">
{body}
</div>{sign}</section>"""
    return _ldld2_shell(title, main, prefix)


def _ldld2_listing(articles: Sequence[Article], page: int, pages: int, *, heading: str,
                   url: Any, prefix: str) -> str:
    cards = "\n".join(
        f'<div class="card"><a class="card__link" href="{prefix}/tin/{e(a["slug"])}.html">'
        f'<span class="card__name">{e(a["title"])}</span></a></div>' for a in articles
    )
    more = f'<a class="loadmore" href="{url(page + 1)}">Xem thêm</a>' if page < pages else ""
    return _ldld2_shell(heading, f'<div class="cards">{cards}</div>{more}', prefix)


# --------------------------------------------------------------------------- (b) btdkt

def _btdkt_shell(title: str, main: str, prefix: str) -> str:
    menu = "".join(
        f'<li><a href="{prefix}/chuyen-muc/{slug}">{e(label)}</a></li>'
        for slug, label in CATEGORIES["btdkt"].items()
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<div class="top-banner"><h1 class="site-name"><a href="{prefix}/">BAN THI ĐUA - KHEN THƯỞNG TỈNH BẮC GIANG</a></h1>
<p class="slogan">Thi đua là yêu nước, yêu nước thì phải thi đua</p></div>
<nav class="navbar"><ul><li><a href="{prefix}/">Trang chủ</a></li><li><a href="{prefix}/tin-tuc">Tin tức</a></li>{menu}<li><a href="{prefix}/van-ban">Văn bản</a></li></ul></nav>
<div class="container">
<div class="content-left">
{main}
</div>
<div class="content-right">
  <div class="widget"><div class="widget-title">Thông báo</div><ul><li><a href="{prefix}/tin-tuc">Lịch công tác tuần</a></li><li><a href="{prefix}/van-ban">Hướng dẫn xét khen thưởng</a></li></ul></div>
  <div class="widget"><div class="widget-title">Tìm kiếm</div><form action="{prefix}/tim-kiem"><input name="q"></form></div>
</div>
</div>
<footer class="footer">Ban Thi đua - Khen thưởng tỉnh Bắc Giang (trang mẫu demo) · Điện thoại: 0204.3854.xxx</footer>
</body>
</html>
"""


def btdkt_views(article: Article) -> int:
    """A stable "lượt xem" figure: stable so that ETags stay put between visits."""
    return 137 + (article["id"] * 7919) % 4000


def render_btdkt_article(article: Article, related: Sequence[Article] = (), *,
                         prefix: str = "/btdkt", base: str = "") -> str:
    """An article of the emulation-board site."""
    label_word = "Tác giả" if article["id"] % 2 else "Người viết"
    label = CATEGORIES["btdkt"].get(article["category"], "Tin tức")

    def image(im: dict[str, Any]) -> str:
        return (f'<table class="image-box" align="center"><tr><td><img src="{prefix}/{e(im["src"])}" '
                f'alt="{e(im.get("alt", ""))}"></td></tr><tr><td class="image-caption">'
                f'{e(im["caption"])}</td></tr></table>')

    body = _body_blocks(article["paragraphs"], article["images"], image)
    lead = (f'<div class="detail-summary"><strong>{e(article["lead"])}</strong></div>'
            if article.get("lead") else "")
    rel = "".join(
        f'<li><a href="{prefix}/tin-tuc/{a["id"]}/{e(a["slug"])}">{e(a["title"])}</a> '
        f'<i>({date_ddmmyyyy(a["published"])})</i></li>' for a in related
    )
    main = f"""<div class="breadcrumbs"><a href="{prefix}/">Trang chủ</a> / <a href="{prefix}/chuyen-muc/{article['category']}">{e(label)}</a></div>
<div class="detail">
  <h2 class="detail-title">{e(article['title'])}</h2>
  <div class="detail-meta">
    <span class="time">{date_weekday(article['published'])}</span> |
    <span class="author">{label_word}: <b>{e(article['byline'])}</b></span> |
    <span class="views">{btdkt_views(article):,} lượt xem</span>
  </div>
  <div class="share-tools"><span>Chia sẻ:</span> <a href="https://www.facebook.com/sharer.php?u={e(base + article['path'])}">Facebook</a> <a href="https://zalo.me/share">Zalo</a> <a class="print" href="javascript:window.print()">In bài</a> <a href="#" class="font">A+</a> <a href="#" class="font">A-</a></div>
  {lead}
  <div class="detail-content">
{body}
  </div>
  <div class="tin-lien-quan"><h3>Tin liên quan</h3><ul>{rel}</ul></div>
</div>"""
    return _btdkt_shell(f"{article['title']} | Ban Thi đua - Khen thưởng", main, prefix)


def render_btdkt_listing(articles: Sequence[Article], page: int, pages: int, *, heading: str,
                         url: Any, prefix: str = "/btdkt") -> str:
    """A listing page with ``?page=N`` pagination."""
    items = "\n".join(
        f"""<article class="item">
  <a class="title" href="{prefix}/tin-tuc/{a['id']}/{e(a['slug'])}">{e(a['title'])}</a>
  <time class="item-time">{date_weekday(a['published'])}</time>
  <div class="item-desc">{e(_excerpt(a))}</div>
</article>""" for a in articles
    )
    pager = ""
    if pages > 1:
        lis = []
        if page > 1:
            lis.append(f'<li class="prev"><a href="{url(page - 1)}">‹</a></li>')
        for n in range(1, pages + 1):
            cls = ' class="active"' if n == page else ""
            lis.append(f'<li{cls}><a href="{url(n)}">{n}</a></li>')
        if page < pages:
            lis.append(f'<li class="next"><a href="{url(page + 1)}">›</a></li>')
        pager = f'<ul class="pager">{"".join(lis)}</ul>'
    main = f'<h2 class="list-heading">{e(heading)}</h2>\n<div class="list-news">\n{items}\n</div>\n{pager}'
    return _btdkt_shell(f"{heading} | Ban Thi đua - Khen thưởng", main, prefix)


# --------------------------------------------------------------------------- (c) baotinh

def _baotinh_shell(title: str, main: str, prefix: str, head: str = "") -> str:
    nav = "".join(
        f'<a href="{prefix}/{slug}/">{e(label)}</a>' for slug, label in CATEGORIES["baotinh"].items()
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<title>{e(title)}</title>
{head}
<link rel="alternate" type="application/rss+xml" title="RSS" href="{prefix}/rss.xml">
</head>
<body>
<header class="site-header"><a class="site-logo" href="{prefix}/">Báo Đắk Lắk điện tử</a>
<nav class="site-nav"><a href="{prefix}/">Trang chủ</a>{nav}</nav></header>
<main class="site-main">
{main}
</main>
<footer class="site-footer"><p>Cơ quan chủ quản: Tỉnh ủy Đắk Lắk (trang mẫu demo). Giấy phép số 00/GP-BTTTT.</p></footer>
</body>
</html>
"""


def render_baotinh_article(article: Article, related: Sequence[Article] = (), *,
                           prefix: str = "/baotinh", base: str = "") -> str:
    """A newspaper article with og:, article: meta tags and a JSON-LD NewsArticle."""
    url = base + article["path"]
    label = CATEGORIES["baotinh"].get(article["category"], "Tin tức")
    images = [base + f"{prefix}/{im['src']}" for im in article["images"]]
    lead = article.get("lead") or ""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article["title"],
        "description": lead,
        "datePublished": article["published"],
        "dateModified": article["published"],
        "author": {"@type": "Person", "name": article["author"]},
        "publisher": {"@type": "Organization", "name": "Báo Đắk Lắk điện tử",
                      "logo": {"@type": "ImageObject", "url": base + f"{prefix}/images/logo.png"}},
        "image": images,
        "articleSection": label,
        "inLanguage": "vi",
    }
    og_image = f'<meta property="og:image" content="{e(images[0])}">' if images else ""
    head = f"""<meta name="description" content="{e(lead)}">
<link rel="canonical" href="{e(url)}">
<meta property="og:site_name" content="Báo Đắk Lắk điện tử">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(article['title'])}">
<meta property="og:description" content="{e(lead)}">
<meta property="og:url" content="{e(url)}">
{og_image}
<meta property="article:published_time" content="{article['published']}">
<meta property="article:modified_time" content="{article['published']}">
<meta property="article:author" content="{e(article['author'])}">
<meta property="article:section" content="{e(label)}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>"""

    def image(im: dict[str, Any]) -> str:
        return (f'<figure class="article__image"><img src="{prefix}/{e(im["src"])}" '
                f'alt="{e(im.get("alt", ""))}"><figcaption>{e(im["caption"])}</figcaption></figure>')

    body = _body_blocks(article["paragraphs"], article["images"], image)
    others = "".join(
        f'<li><a href="{a["path"]}">{e(a["title"])}</a></li>' for a in related
    )
    d = _dt(article["published"])
    sapo = f'<p class="article__sapo">{e(lead)}</p>' if lead else ""
    main = f"""<article class="article">
<div class="article__cat"><a href="{prefix}/{article['category']}/">{e(label)}</a></div>
<h1 class="article__title">{e(article['title'])}</h1>
<div class="article__meta"><span class="article__author">{e(article['author'])}</span> · <time datetime="{article['published']}">{d.strftime('%H:%M, %d/%m/%Y')}</time></div>
{sapo}
<div class="article__body">
{body}
</div>
<div class="article__tags">Từ khóa: <a href="{prefix}/tag/thi-dua">thi đua</a>, <a href="{prefix}/tag/khen-thuong">khen thưởng</a></div>
</article>
<section class="other-news"><h3>Các tin khác</h3><ul>{others}</ul></section>"""
    return _baotinh_shell(f"{article['title']} | Báo Đắk Lắk điện tử", main, prefix, head)


def render_baotinh_listing(articles: Sequence[Article], page: int, pages: int, *, heading: str,
                           url: Any, prefix: str = "/baotinh") -> str:
    """Newspaper listing: story teasers, ``/trang-N`` pagination."""
    items = "\n".join(
        f"""<div class="story">
  <h2 class="story__title"><a href="{a['path']}">{e(a['title'])}</a></h2>
  <p class="story__summary">{e(_excerpt(a))}</p>
  <span class="story__time">{_dt(a['published']).strftime('%d/%m/%Y %H:%M')}</span>
</div>""" for a in articles
    )
    nav = ""
    if page > 1:
        nav += f'<a class="page-prev" href="{url(page - 1)}">Trang trước</a> '
    if page < pages:
        nav += f'<a class="page-next" href="{url(page + 1)}">Xem tiếp</a>'
    main = f'<h1 class="listing-title">{e(heading)}</h1>\n<div class="story-list">\n{items}\n</div>\n<div class="paging">{nav}</div>'
    return _baotinh_shell(f"{heading} | Báo Đắk Lắk điện tử", main, prefix)


def render_sitemap(articles: Sequence[Article], base: str) -> str:
    """sitemap.xml with one <url> and its <lastmod> per article."""
    urls = "\n".join(
        f"  <url><loc>{e(base + a['path'])}</loc><lastmod>{a['published']}</lastmod>"
        f"<changefreq>monthly</changefreq></url>" for a in articles
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}\n</urlset>\n")


def render_rss(articles: Sequence[Article], base: str, prefix: str = "/baotinh") -> str:
    """RSS 2.0 feed with <pubDate> per item."""
    items = "\n".join(
        f"""  <item><title>{e(a['title'])}</title><link>{e(base + a['path'])}</link>
    <guid isPermaLink="true">{e(base + a['path'])}</guid>
    <description>{e(_excerpt(a))}</description><pubDate>{http_date(a['published'])}</pubDate></item>"""
        for a in articles
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Báo Đắk Lắk điện tử</title><link>{e(base + prefix + '/')}</link>
  <description>Tin mới (trang mẫu demo)</description><language>vi</language>
{items}
</channel></rss>
"""
