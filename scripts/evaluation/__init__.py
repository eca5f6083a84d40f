"""What `make eval` (scripts/eval.py) is made of, one module per job.

- corpora: where the labelled sets are and how their gold and pages are read;
- scoring: the field rules, pure functions over (result, gold) — no files, no extractors;
- tools: the two extractors compared (ours, trafilatura), timed;
- runners: a corpus read, run through the tools and scored into a report dict;
- floors: the report held against scripts/eval_baseline.json;
- report: the report as the text `make eval` prints.
- layouts: how a labelled text item is read into title, lead, body and published time by its
  layout (`split_item`, which scripts/eval_meetings.py re-exports).
- meeting_judging: a meeting set's item judged (field verdicts, further meetings, misses, the
  confidence bucket of its row), pure functions over rows and label;
- meeting_report: the meeting reports as scripts/eval_meetings.py prints them, and the confidence
  table it measures and writes (archive/meetings/calibration.toml);
- v11: the recorded output of meeting extractor version 11 (scripts/record_v11.py writes it,
  the v11 column of the meeting tables reads it).

scripts/eval.py is the command line over them and re-exports the names the tests use.
"""
