"""YAML in, safely and with the line of every node kept, so that every problem can say `file:line`.

Safe loading only: PyYAML's safe loader (LibYAML's where present), so a tag such as `!!python/object` is
an error, never an object. Nesting deeper than the limit is refused: LibYAML (0.2.5 on) stops a runaway depth
while parsing, else the event stream is scanned before the recursive composer runs, and the walk that records
lines refuses anything deeper than the limit; where the text has an anchor, aliases are expanded in a count
(never in memory) and refused beyond the node limit, or when an alias refers to a node that contains it
(`engine.limits`). A duplicate key is an
error (PyYAML keeps the last value silently). Messages carry PyYAML's problem, never the snippet of the file
it would quote. JSON lines (a batch's JSONL input) go through `load_json`, under the same limits.

pydantic reports an error at a `loc` path (`rules, 3, require, all, 0, fact`); `LineMap.line_of` turns that
path into the line of the deepest node that exists in the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from engine.inputs import read_text
from engine.limits import DEFAULT_LIMITS, Limits

PathKey = tuple[str | int, ...]
#: LibYAML's safe loader where PyYAML was built with it (several times faster); the same safe constructors
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: LibYAML 0.2.5 and later refuse nesting deeper than 1,000 levels themselves, in C, while parsing: then no
#: pre-scan of the events is needed to keep the composer from a runaway recursion (`_walk` refuses anything
#: deeper than the limit); the pure-Python composer, or an older LibYAML, gets the pre-scan
_NATIVE_DEPTH_LIMIT = _Loader is not yaml.SafeLoader and yaml._yaml.get_version() >= (0, 2, 5)


class LineMap:
    """Line numbers (1-based) of the nodes of one YAML document, by key path."""

    def __init__(self, lines: dict[PathKey, int]):
        self._lines = lines

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """The line of the deepest node named by `loc`; path parts the file lacks (union tags) are skipped."""
        path: PathKey = ()
        best = self._lines.get((), 1)
        for part in loc:
            step = (*path, part)
            if step in self._lines:
                path = step
                best = self._lines[step]
        return best


class YamlError(Exception):
    """The text is not valid YAML, or is over a safety limit (`limit`); carries the 1-based line."""

    def __init__(self, message: str, line: int, limit: bool = False):
        super().__init__(message)
        self.line = line
        self.limit = limit


def _walk(node: yaml.Node, path: PathKey, out: dict[PathKey, int], max_depth: int) -> None:
    """The line of every node, by path; a duplicate key, or a collection nested deeper than `max_depth`, is refused
    (the recursion is as deep as the nesting: the limit keeps it short)."""
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.CollectionNode) and len(path) >= max_depth:
        raise YamlError(f"nested more than {max_depth} levels deep", node.start_mark.line + 1, limit=True)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
            if k in seen:  # PyYAML keeps the last value silently; a rule would lose its first `require`
                raise YamlError(f"duplicate key `{k}`", key.start_mark.line + 1)
            seen.add(k)
            out[(*path, k)] = key.start_mark.line + 1
            _walk(value, (*path, k), out, max_depth)
            out[(*path, k)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            _walk(value, (*path, i), out, max_depth)


def _error(exc: yaml.YAMLError, text: str, limits: Limits) -> YamlError:
    """PyYAML's problem and line, without the quoted snippet of the file."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        return YamlError(f"unacceptable character #x{exc.character:04x}: control characters are not allowed", line)
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or type(exc).__name__
    if "maximum nesting depth" in str(problem):  # LibYAML's own depth limit (1,000 levels) came first
        return YamlError(f"nested more than {limits.max_depth} levels deep", line, limit=True)
    return YamlError(str(problem), line)


def _check_depth(text: str, limits: Limits) -> None:
    """Nesting depth from the event stream, which PyYAML parses without recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limits.max_depth:
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                raise YamlError(f"nested more than {limits.max_depth} levels deep", line, limit=True)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node, limits: Limits) -> None:
    """Node count and depth with aliases expanded, computed once per distinct node (iteratively): an alias bomb
    is refused without being expanded, and an alias inside the node it names is refused."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            open_nodes.discard(key)
            if size[key] > limits.max_nodes:
                raise YamlError(f"aliases expand to more than {limits.max_nodes:,} nodes", node.start_mark.line + 1,
                                limit=True)
            if depth[key] > limits.max_depth + 1:
                raise YamlError(f"aliases nest more than {limits.max_depth} levels deep", node.start_mark.line + 1,
                                limit=True)
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise YamlError("an alias refers to a node that contains it", node.start_mark.line + 1, limit=True)
        open_nodes.add(key)
        stack.append((node, True))
        for kid in _children(node):
            if id(kid) in open_nodes:
                raise YamlError("an alias refers to a node that contains it", kid.start_mark.line + 1, limit=True)
            if id(kid) not in size:
                stack.append((kid, False))


def load_with_lines(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, LineMap]:
    """Parse one YAML document safely; return the data and its line map."""
    try:
        if not _NATIVE_DEPTH_LIMIT:
            _check_depth(text, limits)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _error(exc, text, limits) from exc
    if node is None:
        return None, LineMap({})
    if "&" in text:  # an alias needs an anchor: without one, the tree is as written (`_walk` bounds its depth)
        _check_expansion(node, limits)
    lines: dict[PathKey, int] = {}
    _walk(node, (), lines, limits.max_depth)
    loader = _Loader(text)
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _error(exc, text, limits) from exc
    finally:
        loader.dispose()
    return data, LineMap(lines)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) < len(keys):
        duplicate = next(k for n, k in enumerate(keys) if k in keys[:n])
        raise YamlError(f"duplicate key `{duplicate}`", 1)
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise YamlError(f"`{name}` is not a JSON number", 1)


def _json_depth(data: Any, limits: Limits) -> None:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limits.max_depth:
                    raise YamlError(f"nested more than {limits.max_depth} levels deep", 1, limit=True)
                stack.append((child, depth + 1))


def load_json(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """One JSON document (a line of a JSONL batch input) under the same rules as YAML: nesting within the limit,
    no duplicate key. JSON is YAML, but the json module reads it many times faster; a line number is the
    document's own (1 for a JSONL line)."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except RecursionError:  # the json module's own recursion: far deeper than the limit
        raise YamlError(f"nested more than {limits.max_depth} levels deep", 1, limit=True) from None
    except json.JSONDecodeError as exc:
        raise YamlError(f"{exc.msg} (column {exc.colno})", exc.lineno) from None
    _json_depth(data, limits)
    return data


def read_yaml(path: Path, limits: Limits = DEFAULT_LIMITS, shown: str | None = None) -> tuple[Any, LineMap]:
    """Read a file (`engine.inputs.read_text`: size, bytes, UTF-8) and parse it safely; raises `InputError` or
    `YamlError`."""
    return load_with_lines(read_text(path, limits, shown), limits)
