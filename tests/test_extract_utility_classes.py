"""Utility-class CSS (Tailwind, UnoCSS, Windi) names each element by how it looks: a headline
`text-3xl font-bold leading-tight` is not a lead, whatever "leading" begins with. The sapo's class
words are read as words that name a part of the article, and a typographic utility that merely
starts like one does not count (archive/lexicons/article_parts.toml). The page is this test's own."""

from __future__ import annotations

from archive.extract import extract_article

LEAD = "Ba mươi hai cơ sở Đoàn được tặng Bằng khen sau một năm thực hiện phong trào Thanh niên tình nguyện."
PAGE = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Tổng kết phong trào Thanh niên tình nguyện năm 2025 | Thành Đoàn</title>
<meta name="description" content="{LEAD}"/><meta property="og:description" content="{LEAD}"/></head>
<body class="bg-slate-50 text-slate-900"><header class="bg-sky-800 text-white"><a href="/" class="text-lg font-bold">Thành Đoàn</a></header>
<main class="mx-auto max-w-3xl px-4 py-8"><article class="rounded-xl bg-white p-6 shadow-sm">
<h1 class="text-3xl font-extrabold leading-tight tracking-tight text-sky-900">Tổng kết phong trào Thanh niên tình nguyện năm 2025</h1>
<p class="mt-2 text-sm leading-6 text-slate-500"><time datetime="2025-12-22T02:00:00.000Z">09:00, 22/12/2025</time></p>
<div class="prose prose-slate mt-6 max-w-none leading-relaxed">
<p>Sáng 21/12, Thành Đoàn tổ chức hội nghị tổng kết phong trào Thanh niên tình nguyện năm 2025 với sự tham dự của
150 đại biểu đến từ các quận, huyện và các cơ sở Đoàn trực thuộc.</p>
<p>Trong năm, các đội hình tình nguyện đã sửa chữa 38 km đường giao thông nông thôn, xây dựng 12 nhà nhân ái và
tổ chức 240 buổi khám bệnh, cấp thuốc miễn phí cho người dân vùng khó khăn.</p>
<p>Dịp này, 32 cơ sở Đoàn và 45 cá nhân được tặng Bằng khen vì có thành tích xuất sắc trong phong trào.</p>
</div></article></main><footer class="text-xs text-slate-400">Thành Đoàn</footer></body></html>"""


def test_a_headline_in_leading_utility_classes_is_not_the_lead():
    record = extract_article(PAGE, "https://thanhdoan.example.vn/tin-tuc/tong-ket-tinh-nguyen-2025")
    assert record["title"] == "Tổng kết phong trào Thanh niên tình nguyện năm 2025"
    assert record["lead"] == LEAD
