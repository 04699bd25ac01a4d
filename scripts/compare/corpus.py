"""The documents scripts/compare/run feeds to both validators: the official
examples, the inline documents of the CEN suite (with their expectations),
the repo's generated samples, and deterministic mutants of the examples.
Everything lands flat in one folder, since Saxon walks a folder one level
deep; file names say where each document came from."""

import decimal
import os
import random
import re
import xml.dom.minidom as minidom

VEFA = "http://difi.no/xsd/vefa/validator/1.0"
SUITES = ("Invoice-unit-UBL", "CreditNote-unit-UBL", "cii-unit")
EXAMPLES = ("ubl-examples", "cii-examples")


def flat_name(*parts):
    stem = "__".join(re.sub(r"\.xml$", "", p, flags=re.I) for p in parts)
    return re.sub(r"[^A-Za-z0-9_.-]", "_", stem) + ".xml"


def link(src, folder, name):
    dest = os.path.join(folder, name)
    os.symlink(os.path.abspath(src), dest)
    return name


def xml_files(folder):
    for base, _, names in sorted(os.walk(folder)):
        for n in sorted(names):
            if n.lower().endswith(".xml"):
                yield os.path.join(base, n)


def add_folder(folder, corpus, tag):
    """Links every *.xml under folder into the corpus; returns the names."""
    names = []
    for path in xml_files(folder):
        rel = os.path.relpath(path, folder)
        names.append(link(path, corpus, flat_name(tag, *rel.split(os.sep))))
    return names


def _text(node):
    return "".join(c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE).strip()


def _standalone(element):
    """The inline document with the namespace declarations it inherits from
    the testSet copied onto its root, as XML scoping says."""
    copy = element.cloneNode(True)
    parent = element.parentNode
    while parent is not None and parent.nodeType == parent.ELEMENT_NODE:
        for i in range(parent.attributes.length):
            a = parent.attributes.item(i)
            if (a.name == "xmlns" or a.name.startswith("xmlns:")) and not copy.hasAttribute(a.name):
                copy.setAttribute(a.name, a.value)
        parent = parent.parentNode
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + copy.toxml()


def add_cen_suite(conformance, corpus):
    """Writes each <test>'s inline document; returns {name: [(kind, rule)]},
    the expectations restricted to the file's scope."""
    expectations = {}
    for suite in SUITES:
        folder = os.path.join(conformance, suite)
        for path in xml_files(folder):
            dom = minidom.parse(path)
            root = dom.documentElement
            scope = []
            for a in root.childNodes:
                if a.nodeType == a.ELEMENT_NODE and a.localName == "assert":
                    for s in a.getElementsByTagNameNS(VEFA, "scope"):
                        scope += _text(s).split()
            index = 0
            for test in root.getElementsByTagNameNS(VEFA, "test"):
                index += 1
                expected, doc = [], None
                for child in test.childNodes:
                    if child.nodeType != child.ELEMENT_NODE:
                        continue
                    if child.localName == "assert" and child.namespaceURI == VEFA:
                        for e in child.childNodes:
                            if e.nodeType == e.ELEMENT_NODE and e.localName in ("success", "error", "warning"):
                                rule = _text(e)
                                if not scope or rule in scope:
                                    expected.append((e.localName, rule))
                    elif doc is None:
                        doc = child
                if doc is None:
                    continue
                name = flat_name("cen", suite, os.path.basename(path), "t%d" % index)
                with open(os.path.join(corpus, name), "w", encoding="utf-8") as f:
                    f.write(_standalone(doc))
                expectations[name] = expected
    return expectations


# Values a mutation writes: amounts with too many decimals, signs, exponents,
# blanks and junk; codes valid in some list and not in others; bad dates.
AMOUNTS = ["", " ", "abc", "0", "-0", "0.001", "1e3", " 12.50 ", "-15.00", "100.005",
           "99999999999999999999.99", "1,5"]
CODES = ["", "XX", "ZZZ", "S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B", "380", "381",
         "384", "EUR", "USD", "FR", "DE", "VAT", "0088", "0002", "58", "30", "C62", "EA", "9930"]
DATES = ["", "2024-13-45", "20240101", "2024-02-30", "2024-01-01"]
NUMBER = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")
DATE = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")


def _near(text, rng):
    """A number close to text: off by a cent, half a cent or a unit, negated,
    with a plus sign or trailing zeros; what tolerance and rounding see."""
    value = decimal.Decimal(text.strip())
    step = rng.choice(["0.01", "-0.01", "0.005", "-0.005", "1", "-1", "0.5"])
    return rng.choice([str(value + decimal.Decimal(step)), str(-value), "+" + str(value),
                       str(value) + ("0" if "." in str(value) else ".000")])


def _elements(dom):
    root = dom.documentElement
    return [e for e in root.getElementsByTagName("*")]


def _leaves(elements):
    return [x for x in elements if not any(c.nodeType == c.ELEMENT_NODE for c in x.childNodes)]


def _mutate_once(dom, rng):
    elements = _elements(dom)
    if not elements:
        return "nothing"
    op = rng.choice(["delete", "duplicate", "text", "text", "text", "attribute"])
    e = rng.choice(elements)
    if op == "delete":
        e.parentNode.removeChild(e)
        return "delete " + e.tagName
    if op == "duplicate":
        e.parentNode.insertBefore(e.cloneNode(True), e.nextSibling)
        return "duplicate " + e.tagName
    if op == "attribute":
        with_attrs = [x for x in elements if x.attributes.length and
                      any(not x.attributes.item(i).name.startswith("xmlns")
                          for i in range(x.attributes.length))]
        if not with_attrs:
            return "nothing"
        e = rng.choice(with_attrs)
        names = [e.attributes.item(i).name for i in range(e.attributes.length)
                 if not e.attributes.item(i).name.startswith("xmlns")]
        name = rng.choice(names)
        new = rng.choice(CODES)
        e.setAttribute(name, new)
        return "attribute %s/@%s %r" % (e.tagName, name, new)
    e = rng.choice(_leaves(elements))
    old = _text(e)
    if NUMBER.match(old):
        new = rng.choice([rng.choice(AMOUNTS), _near(old, rng)])
    elif DATE.match(old):
        new = rng.choice(DATES)
    else:
        new = rng.choice(CODES)
    for c in list(e.childNodes):
        e.removeChild(c)
    e.appendChild(dom.createTextNode(new))
    return "text %s %r" % (e.tagName, new)


def _split_text(dom, rng):
    """Splits one leaf's text with a comment or an empty CDATA section: the
    value XPath reads is unchanged, a reader of the first piece is not."""
    leaves = [x for x in _leaves(_elements(dom)) if len(_text(x)) >= 2]
    if not leaves:
        return "nothing"
    e = rng.choice(leaves)
    old = _text(e)
    cut = rng.randint(1, len(old) - 1)
    for c in list(e.childNodes):
        e.removeChild(c)
    e.appendChild(dom.createTextNode(old[:cut]))
    comment = rng.random() < 0.5
    e.appendChild(dom.createComment(" x ") if comment else dom.createCDATASection(""))
    e.appendChild(dom.createTextNode(old[cut:]))
    return "split %s %r with a %s" % (e.tagName, old, "comment" if comment else "CDATA section")


def add_mutants(seeds, corpus, count, seed):
    """Writes count mutants (1 to 3 random edits each) of the seed files;
    returns {name: description}. Same seed, same documents."""
    rng = random.Random(seed)
    made = {}
    for k in range(count):
        src = seeds[k % len(seeds)]
        dom = minidom.parse(src)
        edits = [_mutate_once(dom, rng) for _ in range(rng.randint(1, 3))]
        # One mutant in ten also has a value split; its own generator keeps
        # the edits above (and the mutants KNOWN.md names) as they were.
        split_rng = random.Random("split/%d/%d" % (seed, k))
        if split_rng.random() < 0.1:
            edits.append(_split_text(dom, split_rng))
        name = flat_name("mutant", "%04d" % k, os.path.basename(src))
        with open(os.path.join(corpus, name), "w", encoding="utf-8") as f:
            f.write(dom.toxml(encoding="UTF-8").decode("utf-8"))
        made[name] = "%s: %s" % (os.path.basename(src), "; ".join(edits))
    return made
