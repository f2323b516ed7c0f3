"""Writing one SQLite cache table: the rows of a build, old formats dropped, unused rows pruned.

The Markdown cache (markdown.py) and the entries cache (entries.py) keep their rows the same
way; only their columns differ. A cache that cannot be written just means no caching.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from pathlib import Path


def store_rows(path: Path, table: str, columns: str, rows: Iterable[tuple], used: Collection[str]) -> None:
    """Add `rows` to `table` (`columns`: its SQL column list, `key` first) in the database at
    `path`; drop the tables of other formats (same name before the format number); forget rows
    this build did not use when they outnumber the used ones."""
    family = table.rstrip("0123456789")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path)
        try:
            with db:
                db.execute("PRAGMA journal_mode=WAL")
                old = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?", (family + "%",))
                for (name,) in old.fetchall():
                    if name != table:  # rows of an earlier format: never read again
                        db.execute(f'DROP TABLE "{name}"')
                db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
                marks = ", ".join("?" * (columns.count(",") + 1))
                db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)
                (count,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
                if count > 2 * len(used):
                    db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                    db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
                    db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
        finally:
            db.close()
    except sqlite3.DatabaseError:  # not a database any more (a crash, a stray file): start again
        path.unlink(missing_ok=True)
    except (sqlite3.Error, OSError):
        pass  # read-only or full: the next build works again
