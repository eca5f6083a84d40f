"""Article text → the emulation meetings it reports (see README, "Meetings", for the stages)."""

from __future__ import annotations

from archive.meetings.clusters import parse_cluster
from archive.meetings.days import resolve_date
from archive.meetings.members import parse_members
from archive.meetings.organisers import hosting_unit, parse_place
from archive.meetings.people import parse_titled_person
from archive.meetings.periods import parse_period
from archive.meetings.provinces import city_districts, city_of_district
from archive.meetings.records import EXTRACTOR_VERSION, extract_meetings
from archive.meetings.segments import repair_glued, strip_outlet

__all__ = [
    "EXTRACTOR_VERSION",
    "city_districts",
    "city_of_district",
    "extract_meetings",
    "hosting_unit",
    "parse_cluster",
    "parse_members",
    "parse_period",
    "parse_place",
    "parse_titled_person",
    "repair_glued",
    "resolve_date",
    "strip_outlet",
]
