"""YAML in, with the line of every node kept, so that every problem can say `file:line`.

pydantic reports an error at a `loc` path (`rules, 3, require, all, 0, fact`); `LineMap.line_of` turns that
path into the line of the deepest node that exists in the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PathKey = tuple[str | int, ...]
#: libyaml's parser when PyYAML was built with it (ten times faster on the rule set), else the pure-Python one
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def _walk(node: yaml.Node, path: PathKey, out: dict[PathKey, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
            if k in seen:  # PyYAML keeps the last value silently; a rule would lose its first `require`
                raise YamlError(f"duplicate key `{k}`", key.start_mark.line + 1)
            seen.add(k)
            out[(*path, k)] = key.start_mark.line + 1
            _walk(value, (*path, k), out)
            out[(*path, k)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            _walk(value, (*path, i), out)


class YamlError(Exception):
    """The text is not valid YAML; carries the 1-based line."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def load_with_lines(text: str) -> tuple[Any, LineMap]:
    """Parse one YAML document; return the data and its line map."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlError(str(problem), line) from exc
    if node is None:
        return None, LineMap({})
    lines: dict[PathKey, int] = {}
    _walk(node, (), lines)
    loader = _Loader(text)
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlError(str(exc), mark.line + 1 if mark is not None else 1) from exc
    finally:
        loader.dispose()
    return data, LineMap(lines)


def read_yaml(path: Path) -> tuple[Any, LineMap]:
    """Read and parse a YAML file (UTF-8)."""
    return load_with_lines(path.read_text(encoding="utf-8"))
