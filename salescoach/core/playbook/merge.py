"""`extends`: a child playbook says only what differs from its parent.

Mappings merge key by key; lists of items with an `id` merge item by item (a child's item
replaces the parent's fields it names and adds new items at the end); any other value in the
child replaces the parent's. Positions travel with the values so that errors in a merged
playbook still point into the file that wrote the value.
"""

from __future__ import annotations

from typing import Any

from salescoach.core.kernel.yamlread import Path

Where = tuple[str, int, int]  # file, line, column
Marks = dict[Path, Where]


def _is_keyed_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value)
    )


def _rebase(marks: Marks, old: Path, new: Path) -> Marks:
    size = len(old)
    return {new + path[size:]: where for path, where in marks.items() if path[:size] == old}


def merge(
    parent: Any, pmarks: Marks, child: Any, cmarks: Marks, path: Path = ()
) -> tuple[Any, Marks]:
    """Merge `child` over `parent` at `path`; returns the value and the marks below `path`."""
    if isinstance(parent, dict) and isinstance(child, dict):
        result = dict(parent)
        marks = _rebase(pmarks, path, path)
        marks.update({path: cmarks[path]} if path in cmarks else {})
        for key, value in child.items():
            sub = (*path, key)
            if key in parent:
                result[key], submarks = merge(parent[key], pmarks, value, cmarks, sub)
            else:
                result[key], submarks = value, _rebase(cmarks, sub, sub)
            marks = {p: w for p, w in marks.items() if p[: len(sub)] != sub}
            marks.update(submarks)
        return result, marks
    if _is_keyed_list(parent) and _is_keyed_list(child):
        items: list[Any] = []
        marks = {path: cmarks.get(path, pmarks.get(path, ("", 1, 1)))}
        by_id = {item["id"]: i for i, item in enumerate(child)}
        for i, item in enumerate(parent):
            j = by_id.pop(item["id"], None)
            if j is None:
                items.append(item)
                marks.update(_rebase(pmarks, (*path, i), (*path, len(items) - 1)))
            else:
                cpath = (*path, j)
                rebased_child = _rebase(cmarks, cpath, (*path, i))
                merged, submarks = merge(item, pmarks, child[j], rebased_child, (*path, i))
                items.append(merged)
                marks.update(submarks)
        for j in sorted(by_id.values()):
            items.append(child[j])
            marks.update(_rebase(cmarks, (*path, j), (*path, len(items) - 1)))
        return items, marks
    return child, _rebase(cmarks, path, path)
