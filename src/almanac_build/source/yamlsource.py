"""YAML read with a location for every key and value, so schema errors can say `file:line:col`.

Only plain data is accepted: mappings, lists and scalars. Anchors and aliases are refused (they allow
"billion laughs" expansion and no editor needs them); tags such as `!!python/object` are refused too.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..diagnostics import AlmanacError, Diagnostic, Loc

_BOOL_TRUE = {"true", "yes", "on"}
# libyaml's parser when PyYAML was built with it (the wheels are): same events and marks, ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class Located:
    """A YAML value with where it was written (and, for mapping entries, where its key was)."""

    value: object
    loc: Loc
    key_loc: Loc | None = None


def load_yaml(text: str, path: str, line_offset: int = 0) -> Located:
    """Parse `text` into nested dict/list of `Located` values; raise AlmanacError with a location."""
    try:
        _refuse_aliases(text, path, line_offset)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _mark_loc(mark, path, line_offset) if mark else Loc(path, line_offset + 1, 1)
        problem = (exc.problem or exc.context or "is not valid YAML").strip()
        raise AlmanacError(Diagnostic(loc, f"YAML syntax error: {problem}",
                                      "check the indentation and that text containing ': ' or '#' is in quotes")) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises Marked errors for text input
        raise AlmanacError(Diagnostic(Loc(path, line_offset + 1, 1), f"YAML error: {exc}", "")) from None
    if node is None:
        return Located(None, Loc(path, line_offset + 1, 1))
    return _convert(node, path, line_offset)


MAX_DEPTH = 16  # lists and mappings inside each other; the almanac's data needs three


def _refuse_aliases(text: str, path: str, line_offset: int) -> None:
    """Refuse what plain data never needs (anchors, aliases, tags) and nesting deep enough to exhaust
    Python's stack, from the parser's event stream, before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise AlmanacError(Diagnostic(_mark_loc(event.start_mark, path, line_offset),
                                              f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                                              "write the data with fewer lists and groups inside each other"))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor:
            raise AlmanacError(Diagnostic(_mark_loc(event.start_mark, path, line_offset),
                                          "YAML anchors (&name) and aliases (*name) are not supported",
                                          "write the value out in full"))
        tag = getattr(event, "tag", None)  # set only when the text writes one (`!!str`, `!!python/…`)
        if tag is not None:
            raise AlmanacError(Diagnostic(_mark_loc(event.start_mark, path, line_offset),
                                          f"YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} is not supported",
                                          "remove the tag: write the value alone"))


def _mark_loc(mark, path: str, line_offset: int) -> Loc:
    return Loc(path, mark.line + 1 + line_offset, mark.column + 1)


def _convert(node: yaml.Node, path: str, off: int) -> Located:
    loc = _mark_loc(node.start_mark, path, off)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_loc = _mark_loc(key_node.start_mark, path, off)
            if key in out:
                raise AlmanacError(Diagnostic(key_loc, f"key '{key}' is written twice",
                                              "keep one of them"))
            item = _convert(value_node, path, off)
            item.key_loc = key_loc
            out[key] = item
        return Located(out, loc)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(n, path, off) for n in node.value], loc)
    return Located(_scalar(node), loc)


def _scalar(node: yaml.ScalarNode) -> object:
    tag, value = node.tag, node.value
    if node.style:  # quoted scalars are always text
        return value
    if tag.endswith(":bool"):
        return value.lower() in _BOOL_TRUE
    if tag.endswith(":int"):
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag.endswith(":float"):
        try:
            return float(value)
        except ValueError:
            return value
    if tag.endswith(":null"):
        return None
    return value  # str and timestamp stay text; the schema checks their form
