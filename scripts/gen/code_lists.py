#!/usr/bin/env python3
"""Generates src/rules/code_lists_data.inc: the code lists that the official
EN 16931 Schematron artefacts (CEN/TC434) embed in their BR-CL-* assertions,
each distinct list once, under a name.

Run at development time only (the build never needs the artefacts):

    scripts/gen/code_lists.py [--shared /work/shared] [--out FILE]

Each list is kept as the exact literal of the artefact (" A B C "): the C++
side reproduces contains(LIST, concat(' ', v, ' ')) from it, so nothing is
lost by re-tokenising. The script refuses to run when an assertion embeds a
list it has no name for, or when one name would stand for two different
literals: the UBL and CII artefacts embed different versions of a few lists,
and those get one name per artefact.
"""

import argparse
import pathlib
import re
import sys
import textwrap
import xml.etree.ElementTree as ET

SCH_NS = "{http://purl.oclc.org/dsdl/schematron}"
ARTEFACTS = {
    "UBL": "rules/en16931/ubl/EN16931-UBL-validation-preprocessed.sch",
    "CII": "rules/en16931/cii/EN16931-CII-validation-preprocessed.sch",
}

# Enumerator, description. The order is the enum order in code_lists.h.
LISTS = [
    ("kUncl1001InvoiceUbl",
     "UNTDID 1001 document types, invoice subset (UBL artefact)"),
    ("kUncl1001CreditNoteUbl",
     "UNTDID 1001 document types, credit note subset (UBL artefact)"),
    ("kUncl1001Cii",
     "UNTDID 1001 document types, invoice and credit note (CII artefact)"),
    ("kIso4217", "ISO 4217 alpha-3 currency codes"),
    ("kUncl2005Subset", "UNTDID 2005 VAT point date codes, restricted (UBL)"),
    ("kUncl2475Subset", "UNTDID 2475 VAT point date codes, restricted (CII)"),
    ("kUncl1153", "UNTDID 1153 reference code qualifiers"),
    ("kUncl4451Ubl", "UNTDID 4451 text subject qualifiers (UBL artefact)"),
    ("kUncl4451Cii", "UNTDID 4451 text subject qualifiers (CII artefact)"),
    ("kIso6523Icd", "ISO 6523 ICD identifier schemes"),
    ("kSepa", "SEPA creditor identifier scheme (UBL BR-CL-10 only)"),
    ("kUncl7143", "UNTDID 7143 item type identification codes"),
    ("kIso3166Ubl", "ISO 3166-1 alpha-2 country codes (UBL artefact)"),
    ("kIso3166Cii", "ISO 3166-1 alpha-2 country codes (CII artefact)"),
    ("kUncl4461", "UNTDID 4461 payment means codes"),
    ("kUncl5305", "UNTDID 5305 duty/tax/fee category codes"),
    ("kUncl5189", "UNTDID 5189 allowance reason codes"),
    ("kUncl7161", "UNTDID 7161 charge reason codes"),
    ("kVatex", "CEF VATEX exemption reason codes"),
    ("kUnece20And21", "UN/ECE Recommendation 20 and 21 unit codes"),
    ("kMime", "MIME media types of attached documents"),
    ("kEas", "CEF EAS electronic address schemes"),
]

# (artefact, rule) -> names of the list literals of its test, in order.
BINDINGS = {
    ("UBL", "BR-CL-01"): ["kUncl1001InvoiceUbl", "kUncl1001CreditNoteUbl"],
    ("CII", "BR-CL-01"): ["kUncl1001Cii"],
    ("*", "BR-CL-03"): ["kIso4217"],
    ("*", "BR-CL-04"): ["kIso4217"],
    ("*", "BR-CL-05"): ["kIso4217"],
    ("UBL", "BR-CL-06"): ["kUncl2005Subset"],
    ("CII", "BR-CL-06"): ["kUncl2475Subset"],
    ("*", "BR-CL-07"): ["kUncl1153"],
    ("UBL", "BR-CL-08"): ["kUncl4451Ubl"],
    ("CII", "BR-CL-08"): ["kUncl4451Cii"],
    ("UBL", "BR-CL-10"): ["kIso6523Icd", "kSepa"],
    ("CII", "BR-CL-10"): ["kIso6523Icd"],
    ("*", "BR-CL-11"): ["kIso6523Icd"],
    ("*", "BR-CL-13"): ["kUncl7143"],
    ("UBL", "BR-CL-14"): ["kIso3166Ubl"],
    ("UBL", "BR-CL-15"): ["kIso3166Ubl"],
    ("CII", "BR-CL-14"): ["kIso3166Cii"],
    ("CII", "BR-CL-15"): ["kIso3166Cii"],
    ("*", "BR-CL-16"): ["kUncl4461"],
    ("*", "BR-CL-17"): ["kUncl5305"],
    ("*", "BR-CL-18"): ["kUncl5305"],
    ("*", "BR-CL-19"): ["kUncl5189"],
    ("*", "BR-CL-20"): ["kUncl7161"],
    ("*", "BR-CL-21"): ["kIso6523Icd"],
    ("*", "BR-CL-22"): ["kVatex"],
    ("*", "BR-CL-23"): ["kUnece20And21"],
    ("*", "BR-CL-24"): ["kMime"],
    ("*", "BR-CL-25"): ["kEas"],
    ("*", "BR-CL-26"): ["kIso6523Icd"],
}

# A code list literal: quoted, several characters, space-separated codes.
LIST_LITERAL = re.compile(r"'( [^']+ )'")
MIME_COMPARISON = re.compile(r"@mimeCode\s*=\s*'([^']*)'")


def literals_of(rule_id, test):
    if rule_id == "BR-CL-24":
        # Written as equality comparisons; kept as a list literal so that
        # every list has one representation. No MIME type has a space.
        values = MIME_COMPARISON.findall(test)
        if not values or any(" " in v for v in values):
            sys.exit("unexpected BR-CL-24 test: " + test)
        return [" " + " ".join(values) + " "]
    return LIST_LITERAL.findall(test)


def collect(shared):
    found = {}  # name -> literal
    used_by = {}  # name -> ["UBL BR-CL-03", ...]
    for artefact, rel in ARTEFACTS.items():
        root = ET.parse(shared / rel).getroot()
        for a in root.iter(SCH_NS + "assert"):
            rule_id = a.get("id", "")
            if not rule_id.startswith("BR-CL-"):
                continue
            names = BINDINGS.get((artefact, rule_id)) or BINDINGS.get(
                ("*", rule_id))
            if names is None:
                sys.exit(f"no binding for {artefact} {rule_id}")
            literals = literals_of(rule_id, a.get("test"))
            if len(literals) != len(names):
                sys.exit(f"{artefact} {rule_id}: {len(literals)} literals, "
                         f"{len(names)} names")
            for name, literal in zip(names, literals):
                if name in found and found[name] != literal:
                    sys.exit(f"{name} stands for two different literals "
                             f"(seen again in {artefact} {rule_id})")
                found[name] = literal
                used_by.setdefault(name, []).append(f"{artefact} {rule_id}")
    missing = [n for n, _ in LISTS if n not in found]
    if missing:
        sys.exit("lists never seen: " + ", ".join(missing))
    return found, used_by


def c_string(literal, indent):
    # Adjacent literals of at most ~70 characters, split at spaces.
    pieces, current = [], ""
    for token in literal.split(" "):
        candidate = current + token + " "
        if len(candidate) > 70 and current:
            pieces.append(current)
            current = token + " "
        else:
            current = candidate
    # split(" ") of " A B " ends with "", so `current` carries one extra
    # space; the literal must come back byte for byte.
    pieces.append(current[:-1])
    joined = "".join(pieces)
    assert joined == literal, (joined, literal)
    return "\n".join(indent + '"' + p + '"' for p in pieces)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default="/work/shared")
    here = pathlib.Path(__file__).resolve().parents[2]
    parser.add_argument("--out",
                        default=str(here / "src/rules/code_lists_data.inc"))
    args = parser.parse_args()
    found, used_by = collect(pathlib.Path(args.shared))

    out = [
        "// Generated by scripts/gen/code_lists.py from the CEN/TC434 EN 16931",
        "// Schematron artefacts (UBL and CII, v1.3.16). Do not edit: rerun it.",
        "//",
        "// Rows of kCodeListTable, in CodeList enum order: each literal is the",
        "// artefact's own list, leading and trailing space included.",
        "",
    ]
    for name, description in LISTS:
        out.append(f"// {description}.")
        out.extend(textwrap.wrap("Used by " + ", ".join(used_by[name]) + ".",
                                 width=77, initial_indent="// ",
                                 subsequent_indent="// "))
        out.append(f"{{CodeList::{name}, \"{name[1:]}\",")
        out.append(c_string(found[name], "    ") + "},")
    pathlib.Path(args.out).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
