"""The codebook of themes: list with usage counts, create on the fly, rename, recolour, merge and delete; a merge
or a deletion returns what it removed, and ``restore`` puts the theme and its notes' tags back (undo)."""

from __future__ import annotations

from dataclasses import dataclass

from consultant_app.domain.model import Theme
from consultant_app.store.base import RecordPart
from consultant_app.store.errors import NotFound

PALETTE = ["#2A7DE1", "#E07A1F", "#2E9E6A", "#C23B5A", "#7A5CC7", "#1C9BA8", "#B8892B", "#5B6B7F"]


@dataclass(frozen=True)
class RemovedTheme:
    """A theme merged into another (``target_id``) or deleted, with the notes it tagged; ``added`` are the notes
    the merge newly tagged with the target (those already tagged with it keep that tag on restore)."""

    theme: Theme
    note_ids: tuple[str, ...]
    target_id: str | None = None
    added: tuple[str, ...] = ()


@dataclass
class ThemeUsage:
    theme: Theme
    notes: int


class Themes(RecordPart[Theme]):
    table, record_type, noun = "themes", Theme, "theme"

    def list(self) -> list[Theme]:
        return self._select(order="name COLLATE NOCASE")

    def usage(self) -> list[ThemeUsage]:
        """Every theme with the number of notes tagged with it, by name."""
        counts = dict(self.db.execute("SELECT theme_id, COUNT(*) FROM note_themes GROUP BY theme_id").fetchall())
        return [ThemeUsage(t, counts.get(t.id, 0)) for t in self.list()]

    def by_name(self, name: str) -> Theme:
        found = self._select("name = ? COLLATE NOCASE", [name.strip()])
        if not found:
            raise NotFound(f"No theme called {name!r}.")
        return found[0]

    def save(self, theme: Theme) -> Theme:
        theme.name = " ".join(theme.name.split())
        clash = self._select("name = ? COLLATE NOCASE AND id != ?", [theme.name, theme.id])
        if clash:
            raise ValueError(f"There is already a theme called {clash[0].name!r}; merge the two instead.")
        with self.store.write("themes"):
            self._write(theme)
        return theme

    def ensure(self, names: list[str]) -> dict[str, str]:
        """The theme id for each name, creating themes the codebook does not have yet (call inside a write)."""
        ids = {}
        for name in names:
            clean = " ".join(name.split())
            row = self.db.execute("SELECT id FROM themes WHERE name = ? COLLATE NOCASE", [clean]).fetchone()
            if row is None:
                theme = Theme(name=clean, color=PALETTE[self._count() % len(PALETTE)])
                with self.store.write("themes"):
                    self._write(theme)
                row = (theme.id,)
            ids[name] = row[0]
        return ids

    def notes_tagged(self, theme_id: str) -> list[str]:
        """The ids of the notes tagged with the theme."""
        return [r[0] for r in self.db.execute("SELECT note_id FROM note_themes WHERE theme_id = ?", [theme_id])]

    def merge(self, source_id: str, target_id: str) -> RemovedTheme:
        """Moves every note tagged with the source theme to the target, then removes the source."""
        if source_id == target_id:
            raise ValueError("A theme cannot be merged into itself.")
        source, _ = self.get(source_id), self.get(target_id)
        with self.store.write("themes", "notes"):
            note_ids = self.notes_tagged(source_id)
            had_target = set(self.notes_tagged(target_id))
            self.db.execute(
                "INSERT OR IGNORE INTO note_themes (note_id, theme_id) "
                "SELECT note_id, ? FROM note_themes WHERE theme_id = ?",
                [target_id, source_id],
            )
            self.db.execute("DELETE FROM themes WHERE id = ?", [source_id])
            self.store.audit.record("merge-themes", source=source_id, target=target_id, notes=len(note_ids))
        added = tuple(n for n in note_ids if n not in had_target)
        return RemovedTheme(source, tuple(note_ids), target_id, added)

    def delete(self, theme_id: str) -> RemovedTheme:
        """Removes the theme; the notes keep their text and lose only the tag."""
        theme = self.get(theme_id)
        with self.store.write("themes", "notes"):
            note_ids = self.notes_tagged(theme_id)
            self.db.execute("DELETE FROM themes WHERE id = ?", [theme_id])
            self.store.audit.record("delete-theme", theme=theme_id, notes=len(note_ids))
        return RemovedTheme(theme, tuple(note_ids))

    def restore(self, removed: RemovedTheme) -> Theme:
        """Undoes a merge or a deletion: the theme comes back under its id, name and colour, tags the notes it
        tagged that still exist, and a merge's target loses the tags the merge added."""
        theme = removed.theme
        if self.exists(theme.id):
            raise ValueError(f"The theme {theme.name!r} is already in the codebook.")
        clash = self._select("name = ? COLLATE NOCASE", [theme.name])
        if clash:
            raise ValueError(f"There is now another theme called {clash[0].name!r}; rename it first.")
        with self.store.write("themes", "notes"):
            self._write(theme)
            self.db.executemany(
                "INSERT OR IGNORE INTO note_themes (note_id, theme_id) SELECT id, ? FROM notes WHERE id = ?",
                [(theme.id, n) for n in removed.note_ids],
            )
            if removed.target_id:
                self.db.executemany(
                    "DELETE FROM note_themes WHERE theme_id = ? AND note_id = ?",
                    [(removed.target_id, n) for n in removed.added],
                )
            self.store.audit.record("restore-theme", theme=theme.id, undoes="merge" if removed.target_id else "delete")
        return theme

    def _count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM themes").fetchone()[0]
