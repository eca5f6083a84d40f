"""The meeting misses of blind site set 7 (Bitrix, Silverstripe, MODX) in general form: a bloc
named after "các tổ chức hội", a member list whose first item holds a dash or "và", a shared
head + count + names, the units left after a merger ("còn N đơn vị:"), an online meeting's
points, a chair whose name holds a dash. Also the rule for honouring ceremonies (README,
"Meetings"): a unit's ceremony honouring typical people of its movement is a meeting in every
labelled text set, as in ../shared/realworld. The texts are written for these tests (people,
numbers and units invented), none taken from the blind set."""

from __future__ import annotations

from archive.meetings import extract_meetings, parse_cluster, parse_members


def _one(title: str, body: str, published: str = "2023-12-20") -> dict:
    rows = extract_meetings(title, body, published=published)
    assert rows, "no meeting found"
    return rows[0]


# --- a bloc named after its members' kind "các tổ chức hội" -----------------------------------

def test_a_bloc_of_societies_keeps_hoi_in_its_name() -> None:
    assert parse_cluster("Khối thi đua các tổ chức hội tỉnh tổ chức hội nghị tổng kết năm 2023.")["cluster_name"] \
        == "Khối thi đua các tổ chức hội tỉnh"
    assert parse_cluster("Sáng 2/1, Khối thi đua các tổ chức hội đặc thù đã tổng kết năm 2023.")["cluster_name"] \
        == "Khối thi đua các tổ chức hội đặc thù"


def test_the_verb_to_chuc_hoi_nghi_still_ends_a_bloc_name() -> None:
    assert parse_cluster("Khối thi đua các tổ chức tổ chức hội nghị sơ kết.")["cluster_name"] \
        == "Khối thi đua các tổ chức"


# --- member lists ----------------------------------------------------------------------------

def test_a_list_after_a_count_splits_before_every_organisation() -> None:
    assert parse_members("Khối gồm 4 đơn vị: Hội Nông dân tỉnh, Liên hiệp các Hội Văn học nghệ thuật tỉnh, "
                         "Hội Cựu thanh niên xung phong tỉnh và Hội Đông y tỉnh.") == [
        "Hội Nông dân tỉnh", "Liên hiệp các Hội Văn học nghệ thuật tỉnh",
        "Hội Cựu thanh niên xung phong tỉnh", "Hội Đông y tỉnh"]


def test_a_shared_head_whose_name_holds_va_before_a_count() -> None:
    assert parse_members("Cụm gồm Sở Tài nguyên và Môi trường 4 tỉnh: Sơn La, Điện Biên, Lai Châu và Hòa Bình; "
                         "Sở Tài nguyên và Môi trường tỉnh Sơn La là Cụm trưởng.") == [
        "Sơn La", "Điện Biên", "Lai Châu", "Hòa Bình"]


def test_a_list_of_localities_with_va_is_still_no_body() -> None:
    # "thị xã A và 3 huyện: …" — the "và" joins two items, no organisation's name
    assert parse_members("Cụm gồm thị xã Nghi Sơn và 3 huyện: Tĩnh Gia, Nông Cống, Như Thanh.") != [
        "Tĩnh Gia", "Nông Cống", "Như Thanh"]


def test_the_units_left_after_a_merger_are_the_members() -> None:
    assert parse_members("Sau khi hợp nhất, Khối hiện còn 3 đơn vị: Công đoàn ngành Y tế, Công đoàn ngành "
                         "Xây dựng và Công đoàn Viên chức tỉnh; Công đoàn ngành Y tế là Khối trưởng.") == [
        "Công đoàn ngành Y tế", "Công đoàn ngành Xây dựng", "Công đoàn Viên chức tỉnh"]


def test_a_figure_after_con_is_no_list() -> None:
    assert parse_members("Toàn Cụm còn 1.200 hộ nghèo chưa được hỗ trợ vay vốn.") is None


def test_an_online_meetings_points_name_its_members() -> None:
    row = _one("Cụm thi đua Hội Nông dân các tỉnh Bắc Trung Bộ sơ kết 6 tháng đầu năm 2022",
               "Ngày 8/7, Cụm thi đua Hội Nông dân các tỉnh Bắc Trung Bộ tổ chức hội nghị trực tuyến sơ kết "
               "công tác thi đua 6 tháng đầu năm 2022.\n\nHội nghị được kết nối từ điểm cầu chính tại Hội Nông "
               "dân tỉnh Hà Tĩnh tới 3 điểm cầu của Hội Nông dân các tỉnh Nghệ An, Quảng Bình và Quảng Trị.",
               "2022-07-09")
    assert row["members"] == ["Hội Nông dân tỉnh Hà Tĩnh", "Hội Nông dân tỉnh Nghệ An",
                              "Hội Nông dân tỉnh Quảng Bình", "Hội Nông dân tỉnh Quảng Trị"]


def test_points_at_localities_name_no_members() -> None:
    row = _one("Khối thi đua các ngân hàng sơ kết quý III",
               "Ngày 6/10, Khối thi đua các ngân hàng tổ chức hội nghị trực tuyến sơ kết công tác thi đua quý "
               "III năm 2023.\n\nHội nghị được kết nối từ điểm cầu chính tại Ngân hàng Nhà nước chi nhánh tỉnh "
               "đến 4 điểm cầu tại thành phố Sóc Trăng, thị xã Vĩnh Châu, huyện Mỹ Xuyên và huyện Trần Đề.",
               "2023-10-07")
    assert row["members"] == []


# --- the chair named with its role, its name holding a dash ----------------------------------

def test_a_chair_whose_name_holds_a_dash_is_the_host() -> None:
    row = _one("Khối thi đua các sở, ngành nội chính tổng kết năm 2023",
               "Ngày 21/12, tại hội trường Sở Tư pháp, Khối thi đua các sở, ngành nội chính tỉnh tổ chức hội "
               "nghị tổng kết công tác thi đua năm 2023.\n\nKhối gồm 4 đơn vị: Sở Tư pháp, Sở Nội vụ, Thanh tra "
               "tỉnh và Sở Lao động - Thương binh và Xã hội; Sở Lao động - Thương binh và Xã hội là Khối trưởng "
               "năm 2023.")
    assert row["host"] == "Sở Lao động - Thương binh và Xã hội"


# --- honouring ceremonies (README "Meetings": the convention of the labelled text sets) ------

def test_a_units_honouring_ceremony_is_a_meeting() -> None:
    row = _one("Tuyên dương 70 nông dân sản xuất giỏi tiêu biểu",
               "Nhân kỷ niệm 90 năm Ngày thành lập Hội Nông dân Việt Nam, sáng 12/10, Hội Nông dân tỉnh tổ "
               "chức tuyên dương 70 nông dân sản xuất, kinh doanh giỏi tiêu biểu năm 2020.", "2020-10-13")
    assert row["kind"] == "tuyên dương điển hình"
    assert row["cluster_name"] is None
