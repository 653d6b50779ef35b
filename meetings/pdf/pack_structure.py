"""The pack's structure tree: each tagged part's own tree, grafted under one Part element.

Copying pages into a new PDF leaves the parts' structure trees behind, and with them what a
screen reader follows (headings, tables, lists, reading order). Each tagged part's tree is
copied after its pages, so its elements' /Pg and annotation references land on the pack's
copies of those pages, and hung under a Part element titled as the part's bookmark. The
marked content of a page finds its elements through the parent tree, under the page's
/StructParents key: every part numbers its keys from 0, so each part's keys are moved past
the ones before it, on its pages, annotations and forms, and in the pack's one parent tree.

A part without a structure tree (an uploaded paper made without tags) stays untagged: its
pages are in the pack as they came, outside the tree.
"""

from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String


@dataclass
class TaggedPart:
    """A part as merged: its bookmark title, its source document, its pages in the pack."""

    title: str
    source: pikepdf.Pdf
    first: int  # index of its first page in the pack
    end: int  # index after its last page


def is_tagged(document):
    """Whether an opened PDF has a structure tree with something in it."""
    tree = document.Root.get(Name.StructTreeRoot)
    if not isinstance(tree, Dictionary):
        return False
    return any(isinstance(kid, Dictionary) for kid in _kids(tree.get(Name.K)))


class PackTree:
    """The pack's structure tree, built one part at a time: `add` each part in order after
    every part's pages are in the pack (and before the sources are closed), then `finish`."""

    def __init__(self, pack):
        self.pack = pack
        self.root = pack.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = pack.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=self.root)
        )
        self.elements, self.numbers, self.next_key = [], [], 0
        self.role_map, self.class_map = Dictionary(), Dictionary()

    def add(self, part):
        """Graft the part's tree under a Part element; leave an untagged part out."""
        pages = [self.pack.pages[index] for index in range(part.first, part.end)]
        if not is_tagged(part.source):
            _forget_keys(pages)
            return
        tree = part.source.Root.StructTreeRoot
        if not tree.is_indirect:
            tree = part.source.Root.StructTreeRoot = part.source.make_indirect(tree)
        tree = self.pack.copy_foreign(tree)
        entries = _parent_tree(tree)  # read before anything changes: it may be damaged
        element = _part_element(self.pack, tree, part.title, self.document)
        # The part's language was its document's: a paper in Welsh stays Welsh in the pack.
        lang = part.source.Root.get(Name.Lang)
        if isinstance(lang, String) and Name.Lang not in element:
            element.Lang = lang
        self.elements.append(element)
        used = _move_keys(pages, self.next_key)
        for key, value in entries:
            self.numbers += [key + self.next_key, value]
            used = max(used, key + 1)
        self.next_key += max(used, _integer(tree.get(Name.ParentTreeNextKey)))
        _merge_into(self.role_map, tree.get(Name.RoleMap))
        _merge_into(self.class_map, tree.get(Name.ClassMap))

    def finish(self):
        """Hang the tree on the pack, marked as tagged; with no tagged part, there is none.
        Returns whether the pack has a tree."""
        if not self.elements:
            return False
        self.document.K = Array(self.elements)
        root = self.root
        root.K = Array([self.document])
        root.ParentTree = self.pack.make_indirect(Dictionary(Nums=Array(self.numbers)))
        root.ParentTreeNextKey = self.next_key
        if self.role_map:
            root.RoleMap = self.role_map
        if self.class_map:
            root.ClassMap = self.class_map
        self.pack.Root.StructTreeRoot = root
        self.pack.Root.MarkInfo = Dictionary(Marked=True)
        return True


def _kids(k):
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _part_element(pack, tree, title, document):
    """The Part element of one part: its own Document element renamed, or a new one around
    whatever its tree's root holds."""
    kids = [kid for kid in _kids(tree.get(Name.K)) if isinstance(kid, Dictionary)]
    if len(kids) == 1 and isinstance(kids[0], Dictionary) and kids[0].get(Name.S) == Name.Document:
        element = kids[0]
        element.S = Name.Part
    else:
        element = pack.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Part, K=Array(kids)))
        for kid in kids:
            if isinstance(kid, Dictionary) and Name.S in kid:
                kid.P = element
    element.P = document
    element.T = String(title)
    return element


def _parent_tree(tree):
    """(key, value) of a parent tree, a number tree that may be split into /Kids."""
    parent_tree = tree.get(Name.ParentTree)
    if not isinstance(parent_tree, Dictionary):
        return []
    return [
        (key, value)
        for key, value in pikepdf.NumberTree(parent_tree).items()
        if isinstance(key, int) and key >= 0
    ]


def _keyed(pages, numbers_only=True):
    """The objects of the pages that carry a parent-tree key: the pages, their annotations
    (/StructParent) and their forms (/StructParents), each once."""
    seen = set()
    for page in pages:
        candidates = [(page.obj, Name.StructParents)]
        for annotation in page.obj.get(Name.Annots, ()):
            if isinstance(annotation, Dictionary):
                candidates.append((annotation, Name.StructParent))
        resources = page.obj.get(Name.Resources)
        forms = resources.get(Name.XObject) if isinstance(resources, Dictionary) else None
        for form in (forms or {}).values() if isinstance(forms, Dictionary) else ():
            if isinstance(form, pikepdf.Stream):
                candidates.append((form, Name.StructParents))
        for target, key in candidates:
            # An uploaded paper's key may be anything: only a number leads into a tree.
            value = target.get(key)
            if value is None or (numbers_only and not isinstance(value, int)):
                continue
            if target.is_indirect:  # shared by several pages: moved once
                if target.objgen in seen:
                    continue
                seen.add(target.objgen)
            yield target, key


def _move_keys(pages, offset):
    """Add `offset` to every parent-tree key on the pages; return the highest key + 1."""
    used = 0
    for target, key in _keyed(pages):
        moved = int(target[key]) + offset
        target[key] = moved
        used = max(used, moved - offset + 1)
    return used


def _forget_keys(pages):
    """Drop the parent-tree keys of an untagged part: they lead into no tree of the pack."""
    for target, key in list(_keyed(pages, numbers_only=False)):
        del target[key]


def _integer(value):
    return value if isinstance(value, int) and value >= 0 else 0


def _merge_into(merged, extra):
    """Add a part's role or class map: the first part to name a role or class keeps it."""
    if not isinstance(extra, Dictionary):
        return
    for key, value in extra.items():
        if key not in merged:
            merged[key] = value
