"""Reading an interchange file as a stream of records with bounded memory: each candidate (with its interviews
and notes) is built whole by ``ijson``'s C parser and handed on, the clients around them are built from the
parser's events, and top-level values (firm, themes, guides) whole. Keys may come in any order: a client's
candidates are held back only until its ``id`` is known. What the old whole-file parser refused plainly is
refused as it is read (bytes that are not UTF-8, nesting deeper than any interchange file), and parse errors
become one plain line."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from itertools import compress, tee
from operator import gt, itemgetter, methodcaller
from typing import IO, Any

import ijson

from consultant_app.interchange.document import InterchangeError

CANDIDATE = "clients.item.candidates.item"
CHILD_LISTS = {"candidate": ("interview", "interviews"), "interview": ("note", "notes")}
# The parser names each value by its path ("clients.item.roles.item.title"), a string it keeps for every level
# it is in: memory grows with the square of the depth (20,000 brackets deep took 1 GB). A path longer than this
# (about 2,000 levels, or a name of thousands of characters) is refused as it is read, checked in C per event.
MAX_PATH = 10_000
# The parser reads this many bytes at a time and lists the events of each read with their paths before any is
# checked, so a read of brackets alone holds a path for each: 4 KB of them ~40 MB, the default 64 KB ~10 GB.
READ_SIZE = 4096
PREFIX_ROOM = (True,) * MAX_PATH
TOO_DEEP = "document: nested too deeply to be an interchange file"
BOM = codecs.BOM_UTF8
TOO_MANY_DIGITS = "document: holds a number with thousands of digits, which no field accepts"

# Items: (kind, path, value, parent, order). ``kind`` is "top" for a top-level value (``path`` is its key), or a
# record kind; ``order`` sorts problems into the order of the document (the order the whole-file check used).
Item = tuple[str, str, Any, Any, tuple]


class LateClientField(Exception):
    """A client's field came after its candidates, which went on ahead of it: the file is to be read again with
    each client after its candidates."""


class GuardedReader:
    """A binary file read through a check that it is UTF-8 (a leading BOM skipped), keeping count of the lines
    read for plain errors."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.offset = 0
        self.line = 1

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        if not self.offset and data.startswith(BOM):
            data = data[len(BOM) :]
            self.offset = len(BOM)
        try:
            self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            at = self.offset + exc.start
            raise InterchangeError([f"document: not UTF-8 text (bad byte at position {at})"]) from None
        self.offset += len(data)
        self.line += data.count(b"\n")
        return data


def read_items(reopen: Callable[[], IO[bytes]], first: bool = True) -> Iterator[Item]:
    """The items of the interchange file that ``reopen`` opens (twice: one parser builds the candidates, the other
    reads around them), in the file's order (clients ``first``: see ``_client``); raises ``InterchangeError`` on
    bytes that are not a JSON document."""
    reader = GuardedReader(reopen())
    try:
        yield from _items(reader, GuardedReader(reopen()), first)
    except IndexError:  # from PREFIX_ROOM: the path to a value is longer than any interchange file's
        raise InterchangeError([TOO_DEEP]) from None
    except ijson.JSONError as exc:
        reason = str(exc).split("\n", 1)[0].removeprefix("b'")
        if "integer overflow" in reason:
            raise InterchangeError([TOO_MANY_DIGITS]) from None
        raise InterchangeError([f"document: not valid JSON ({reason}, by line {reader.line})"]) from None


def _items(reader: GuardedReader, again: GuardedReader, first: bool) -> Iterator[Item]:
    """Two parsers over the same bytes: ``outline`` sees every event but those inside a candidate (each checked
    for its depth first, in C) and passes a candidate's end only once it has read it whole; ``candidates`` then
    builds that candidate in C from the second copy of the bytes."""
    parsed, paths = tee(ijson.parse(reader, buf_size=READ_SIZE, use_float=True))
    lengths, prefixes = tee(map(itemgetter(0), paths))
    room = map(PREFIX_ROOM.__getitem__, map(len, lengths))  # True, or IndexError for a path too long
    inside = map(methodcaller("startswith", CANDIDATE + "."), prefixes)
    outline = compress(parsed, map(gt, room, inside))
    candidates = ijson.items(again, CANDIDATE, buf_size=READ_SIZE, use_float=True)
    if next(outline)[1] != "start_map":
        for _ in outline:  # as deep or as broken as it may be, it is read to the end as the old parser did
            pass
        raise InterchangeError(["document: expected a JSON object at the top level"])
    for prefix, event, value in outline:
        if event == "end_map" and prefix == "":
            break
        if value == "clients" and event == "map_key" and prefix == "":
            yield from _clients(outline, candidates, first)
        elif event == "map_key":
            yield "top", value, _build(outline), None, ()
    for _ in outline:  # trailing garbage after the document raises here
        pass


def _build(events: Iterator[tuple[str, str, Any]]) -> Any:
    """The value whose first event is next in ``events``, built whole."""
    for _prefix, event, value in events:
        return _value(event, value, events)
    raise ijson.IncompleteJSONError("premature EOF")


def _value(event: str, value: Any, events: Iterator[tuple[str, str, Any]]) -> Any:
    """The value that starts with ``event``, built whole from the events that follow."""
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = event in ("start_map", "start_array")
    if depth:
        for _prefix, event, value in events:
            builder.event(event, value)
            depth += event in ("start_map", "start_array")
            depth -= event in ("end_map", "end_array")
            if not depth:
                break
        else:
            raise ijson.IncompleteJSONError("premature EOF")
    return builder.value


def _clients(outline: Iterator, candidates: Iterator, first: bool) -> Iterator[Item]:
    _prefix, event, value = next(outline)
    if event != "start_array":  # not a list: reported by the document's check
        yield "top", "clients", _value(event, value, outline), None, ()
        return
    yield "top", "clients", [], None, ()
    for ci, (prefix, event, value) in enumerate(outline):
        if prefix == "clients" and event == "end_array":
            return
        if event == "start_map":
            yield from _client(outline, candidates, ci, first)
        else:
            yield "client", f"clients[{ci}]", _value(event, value, outline), None, (5, ci, 0)


def _client(outline: Iterator, candidates: Iterator, ci: int, first: bool) -> Iterator[Item]:
    """One client: its fields and roles built from the events, its candidates streamed. With ``first``, a client
    whose id comes before its candidates goes before them with its roles (as Debrief writes it: every row's parent
    is stored before it), and a field after its candidates raises ``LateClientField``. Without, the client and its
    roles follow its candidates, which are held back only while its id is still to come."""
    client: dict[str, Any] = {}
    held: list[Item] = []
    cpath, roles_sent, early = f"clients[{ci}]", False, False
    for prefix, event, value in outline:
        if prefix == "clients.item" and event == "end_map":
            break
        if early:
            raise LateClientField()
        if value != "candidates" or event != "map_key":
            client[value] = _build(outline)
            continue
        _prefix, event, value = next(outline)
        if event != "start_array":
            client["candidates"] = _value(event, value, outline)
            continue
        client["candidates"] = []  # streamed: each item is checked as it comes
        if first and "id" in client:
            early = roles_sent = True
            yield "client", cpath, client, None, (5, ci, 0)
            yield from _roles(client, cpath, ci)
        pi = 0
        for prefix, event, _ in outline:
            if prefix == "clients.item.candidates" and event == "end_array":
                break
            if event in ("map_key", "start_map", "start_array"):
                continue  # a candidate is built once the outline has read to its end
            items = candidate_items(next(candidates), f"{cpath}.candidates[{pi}]", client, (5, ci, 2, pi))
            if "id" not in client:
                held.extend(items)
            else:
                if not roles_sent and "roles" in client:
                    roles_sent = True
                    yield from _roles(client, cpath, ci)
                yield from held
                held.clear()
                yield from items
            pi += 1
    if early:
        return
    if not roles_sent:
        yield from _roles(client, cpath, ci)
    yield "client", cpath, client, None, (5, ci, 0)
    yield from held


def _roles(client: dict[str, Any], cpath: str, ci: int) -> Iterator[Item]:
    roles = client.get("roles")
    for ri, role in enumerate(roles if isinstance(roles, list) else []):
        yield "role", f"{cpath}.roles[{ri}]", role, client, (5, ci, 1, ri)


def candidate_items(candidate: Any, path: str, client: dict[str, Any], order: tuple) -> list[Item]:
    """A candidate and, under it, its interviews and their notes, as ``walk`` lists them."""
    items: list[Item] = [("candidate", path, candidate, client, order)]
    _children("candidate", candidate, path, order, items)
    return items


def _children(kind: str, record: Any, path: str, order: tuple, items: list[Item]) -> None:
    if kind not in CHILD_LISTS or not isinstance(record, dict):
        return
    child, key = CHILD_LISTS[kind]
    value = record.get(key)
    for i, item in enumerate(value if isinstance(value, list) else []):
        ipath, iorder = f"{path}.{key}[{i}]", (*order, i)
        items.append((child, ipath, item, record, iorder))
        _children(child, item, ipath, iorder, items)


def document_items(doc: Any, first: bool = True) -> Iterator[Item]:
    """The items of a document already in memory, in the order ``read_items`` gives those of a file written by
    Debrief."""
    if not isinstance(doc, dict):
        raise InterchangeError(["document: expected a JSON object at the top level"])
    for key, value in doc.items():
        if key != "clients":
            yield "top", key, value, None, ()
            continue
        yield "top", "clients", value if not isinstance(value, list) else [], None, ()
        for ci, client in enumerate(value if isinstance(value, list) else []):
            cpath = f"clients[{ci}]"
            yield "client", cpath, client, None, (5, ci, 0)
            if not isinstance(client, dict):
                continue
            yield from _roles(client, cpath, ci)
            people = client.get("candidates")
            for pi, candidate in enumerate(people if isinstance(people, list) else []):
                yield from candidate_items(candidate, f"{cpath}.candidates[{pi}]", client, (5, ci, 2, pi))
