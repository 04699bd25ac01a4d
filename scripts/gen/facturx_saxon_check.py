#!/usr/bin/env python3
"""Development check, not a generator: runs the Factur-X profile Schematron on
Saxon-HE and chorus's native rules side by side on mutated copies of the
profile samples, and reports every file where the rules fired differ (id and
count). Nothing it writes goes into the repository.

    scripts/gen/facturx_saxon_check.py --sch2xslt /tmp/sch2xslt.py \\
        [--shared ../shared] [--chorus build/release/chorus] [--work /tmp/fxcmp] \\
        [--mutants 250] [--seed 11]

sch2xslt.py is the Schematron-to-XSLT compiler of scripts/compare/ (branch
saxon): `git show saxon:scripts/compare/sch2xslt.py > /tmp/sch2xslt.py`.
The asserts get the ids of the chorus catalogue (facturx_sch.py numbering)
before compiling, so both sides speak of the same rules. BASIC documents
run the EN16931 rules, whose code list 1 lacks BASIC's BT-24: that one
Saxon finding is expected and dropped.
"""

import argparse
import collections
import copy
import json
import os
import pathlib
import random
import subprocess
import xml.etree.ElementTree as ET

import facturx_sch as fx

PROFILES = {"basicwl": "facturx-basicwl", "basic": "facturx-en16931",
            "en16931": "facturx-en16931", "extended": "facturx-extended"}
NAMESPACES = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:"
           "ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}


def compile_sets(args, work):
    ET.register_namespace("", fx.SCH_NS[1:-1])
    for set_name, file_name, prefix, codedb in fx.SETS:
        tree = ET.parse(fx.rules_dir(args.shared) / file_name)
        seq = 0
        for rule in tree.getroot().iter(fx.SCH_NS + "rule"):
            for child in rule:
                if child.tag not in (fx.SCH_NS + "assert", fx.SCH_NS + "report"):
                    continue
                m = fx.ID_RE.match("".join(child.itertext()))
                if not m:
                    seq += 1
                child.set("id", m.group(1).strip() if m else f"{prefix}-{seq:04d}")
        tree.write(work / f"{set_name}.sch", xml_declaration=True, encoding="UTF-8")
        subprocess.run(["python3", args.sch2xslt, str(work / f"{set_name}.sch"),
                        "-o", str(work / f"{set_name}.xsl")], check=True)
        link = work / file_name.replace(".sch", "_codedb.xml")
        if not link.exists():
            link.symlink_to(fx.rules_dir(args.shared) / f"FACTUR-X_{codedb}_codedb.xml")


def mutate(source, out_dir, count, rng):
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    base = ET.parse(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        tree = copy.deepcopy(base)
        root = tree.getroot()
        for _ in range(rng.choice([1, 1, 2])):
            parents = {c: p for p in root.iter() for c in p}
            e = rng.choice([x for x in root.iter() if x is not root])
            kind = rng.choice(["del", "text", "text", "dup", "attr", "num"])
            if kind == "del":
                parents[e].remove(e)
            elif kind == "dup":
                parents[e].insert(list(parents[e]).index(e), copy.deepcopy(e))
            elif kind == "attr":
                e.set(rng.choice(["schemeID", "currencyID", "listID", "format"]),
                      rng.choice(["VA", "EUR", "ZZ", "102", "0088"]))
            elif kind == "num" and len(e) == 0 and e.text:
                try:
                    e.text = str(round(float(e.text) + rng.choice([0.01, 1, -3.5]), 2))
                except ValueError:
                    e.text = rng.choice(["1.005", "0", "-12.50"])
            elif len(e) == 0:
                e.text = rng.choice(["ZZZ", "", "S", "E", "AE", "VAT", "380", "0",
                                     "abc", "EUR", "20", "  "])
        tree.write(out_dir / f"m{i:04d}.xml", xml_declaration=True, encoding="UTF-8")


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sch2xslt", required=True)
    ap.add_argument("--shared", default=str(root.parent / "shared"))
    ap.add_argument("--chorus", default=str(root / "build/release/chorus"))
    ap.add_argument("--saxon", default="/usr/share/java/Saxon-HE.jar")
    ap.add_argument("--work", default="/tmp/fxcmp")
    ap.add_argument("--mutants", type=int, default=250)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    compile_sets(args, work)
    rng = random.Random(args.seed)
    files = differing = 0
    diffs = collections.Counter()
    for profile, set_name in PROFILES.items():
        docs, out = work / "mut" / profile, work / "out" / profile
        mutate(pathlib.Path(args.shared) / f"conformance/facturx/factur-x-{profile}.xml",
               docs, args.mutants, rng)
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(["java", "-jar", args.saxon, f"-s:{docs}", f"-o:{out}",
                        f"-xsl:{work / (set_name + '.xsl')}"], check=True)
        names = sorted(os.listdir(docs))
        r = subprocess.run([args.chorus, "validate", "--no-xsd", "--rules", "facturx",
                            "--format", "json", "-j", "1"] + [str(docs / n) for n in names],
                           capture_output=True, text=True)
        for f in json.loads(r.stdout)["files"]:
            name = os.path.basename(f["path"])
            ours = collections.Counter(d["rule"] for d in f["diagnostics"]
                                       if not d["rule"].startswith("CHORUS"))
            theirs = collections.Counter(
                line.split("\t")[1] for line in open(out / name, encoding="utf-8")
                if line.startswith(("FIRED\t", "ERROR\t")))
            if profile == "basic":
                theirs.pop("FX-EN-0020", None)  # BT-24 list of EN16931
            files += 1
            if ours != theirs:
                differing += 1
                for k in set(ours) | set(theirs):
                    if ours[k] != theirs[k]:
                        diffs[k] += 1
                        print(f"{profile}/{name}: {k} chorus {ours[k]} saxon {theirs[k]}")
    print(f"{files} files, {differing} differing")


if __name__ == "__main__":
    main()
