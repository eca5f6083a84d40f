"""Where the 34 provinces are, for the meetings map: coordinates from `vietnamadminunits`.

The package ships a SQLite file of today's provinces and wards with their coordinates (the
province's centre and every ward's), so the map needs no tile server and no internet: the
provinces table here places a circle per province, and the 3,300 ward points drawn in grey
give the country its shape.

Table (owned here): `provinces`, one row per current province, refreshed by the migration
that creates it (the package's data, not the crawl, decides its content).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlite_utils import Database

from archive import store

__all__ = ["province_points", "save_provinces", "ward_points"]


def _query(sql: str) -> list[dict[str, Any]]:
    from vietnamadminunits.database import query

    return query(sql)


@lru_cache(maxsize=1)
def province_points() -> list[dict[str, Any]]:
    """[{name, code, latitude, longitude, wards}] for the 34 provinces, named as the archive
    names them (archive/places.py, by the 2025 code both packages use)."""
    from archive.places import current_provinces

    ours = current_provinces()
    rows = _query("select provinceShort as name, provinceCode as code, provinceLat as latitude, "
                  "provinceLon as longitude, count(*) as wards from admin_units "
                  "group by provinceCode order by provinceCode")
    for row in rows:
        row["name"] = ours.get(row["code"], row["name"])
    return rows


@lru_cache(maxsize=1)
def ward_points() -> list[dict[str, float]]:
    """Every ward's centre, rounded to ~1 km: the outline of the country for the map."""
    rows = _query("select wardLat as lat, wardLon as lon from admin_units "
                  "where wardLat is not null and wardLon is not null")
    return [{"lat": round(r["lat"], 2), "lon": round(r["lon"], 2)} for r in rows]


def save_provinces(db: Database) -> int:
    """(Re)write the provinces table; returns the number of rows."""
    rows = province_points()
    with store.transaction(db):
        db.conn.execute("delete from provinces")
        db.conn.executemany(
            "insert into provinces (name, code, latitude, longitude, wards) values (?, ?, ?, ?, ?)",
            [(r["name"], r["code"], r["latitude"], r["longitude"], r["wards"]) for r in rows])
    return len(rows)
