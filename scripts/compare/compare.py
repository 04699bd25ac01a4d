#!/usr/bin/env python3
"""scripts/compare/run hands over to this file (after installing Saxon-HE).

Side by side: the official EN 16931 Schematron (compiled by sch2xslt.py,
run on Saxon-HE in one JVM) and `chorus validate --no-xsd --rules en16931`,
over the same folder. Compares per file the multiset of (rule id, flag)
fired, prints every difference and the timings, and exits 1 when the two
disagree on any file (2 on a tool failure, or when the compiled XSLT does
not meet the CEN suite's expectations or has a fatal finding on an official
example: that would be a compiler bug).

Default corpus: the official examples, every inline document of the CEN
suite, samples/generated, and --mutants N deterministic mutants of the
examples and samples. Give folders to compare on those instead.

examples:
  scripts/compare/run                          # default corpus
  scripts/compare/run --mutants 3000 --seed 2
  scripts/compare/run path/to/invoices/
"""

import argparse
import collections
import json
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import corpus  # noqa: E402
import sch2xslt  # noqa: E402

SAXON_JAR = "/usr/share/java/Saxon-HE.jar"
SCHEMAS = [  # (schema under rules/en16931, documents it applies to)
    ("ubl/EN16931-UBL-validation-preprocessed.sch", "/ubl:Invoice | /cn:CreditNote"),
    ("cii/EN16931-CII-validation-preprocessed.sch", "/rsm:CrossIndustryInvoice"),
]


def fail(message, code=2):
    print("compare: " + message, file=sys.stderr)
    sys.exit(code)


def parse_args():
    ap = argparse.ArgumentParser(prog="scripts/compare/run",
                                 description=__doc__.split("\n\n", 1)[1].split("examples:")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="examples:" + __doc__.split("examples:")[1])
    ap.add_argument("folders", nargs="*", help="compare on these folders' *.xml instead")
    ap.add_argument("--shared", default=os.environ.get("CHORUS_SHARED_DIR",
                                                       os.path.join(ROOT, "..", "shared")),
                    help="reference material (default $CHORUS_SHARED_DIR or ../shared)")
    ap.add_argument("--mutants", type=int, default=1000, help="mutated documents (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="mutation seed (default 1)")
    ap.add_argument("--cold", type=int, default=3,
                    help="files to time with one JVM each (default 3, 0 to skip)")
    ap.add_argument("--chorus", help="chorus binary (default: build build/release)")
    ap.add_argument("--work", default=os.path.join(ROOT, "out", "compare"),
                    help="working folder, emptied first (default out/compare)")
    return ap.parse_args()


def build_chorus():
    env = dict(os.environ)
    env.setdefault("CMAKE_CXX_COMPILER_LAUNCHER", "ccache" if shutil.which("ccache") else "")
    if not os.path.exists(os.path.join(ROOT, "build", "release", "CMakeCache.txt")):
        subprocess.run(["cmake", "--preset", "release"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", "build/release", "--target", "chorus", "-j2"],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, "build", "release", "chorus")


def make_corpus(args, folder):
    """Fills folder; returns (expectations of CEN docs, mutant descriptions)."""
    os.makedirs(folder)
    if args.folders:
        for f in args.folders:
            if not os.path.isdir(f):
                fail("%s is not a folder" % f)
        for i, f in enumerate(args.folders):
            corpus.add_folder(f, folder, "in%d" % i)
        return {}, {}
    conf = os.path.join(args.shared, "conformance", "en16931")
    seeds = []
    for ex in corpus.EXAMPLES:
        corpus.add_folder(os.path.join(conf, ex), folder, ex)
        seeds += list(corpus.xml_files(os.path.join(conf, ex)))
    generated = os.path.join(ROOT, "samples", "generated")
    corpus.add_folder(generated, folder, "samples")
    seeds += list(corpus.xml_files(generated))
    expectations = corpus.add_cen_suite(conf, folder)
    mutants = corpus.add_mutants(seeds, folder, args.mutants, args.seed)
    return expectations, mutants


def compile_rules(shared, out):
    schemas = []
    for path, condition in SCHEMAS:
        schemas.append((sch2xslt.read_with_includes(
            os.path.join(shared, "rules", "en16931", path)), condition))
    with open(out, "w", encoding="utf-8") as f:
        f.write(sch2xslt.compile_schemas(schemas))
    ids = set()
    for schema, _ in schemas:
        for check in schema.iter():
            if check.tag in (sch2xslt.q("assert"), sch2xslt.q("report")) and check.get("id"):
                ids.add(check.get("id"))
    return ids


class Clock:
    """Wall and CPU (user + system, all threads of the child) seconds."""

    def __enter__(self):
        self.wall = time.perf_counter()
        u = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = u.ru_utime + u.ru_stime
        return self

    def __exit__(self, *_):
        self.wall = time.perf_counter() - self.wall
        u = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = u.ru_utime + u.ru_stime - self.cpu


def saxon(xsl, source, out):
    cmd = ["java", "-cp", SAXON_JAR, "net.sf.saxon.Transform",
           "-xsl:" + xsl, "-s:" + source, "-o:" + out]
    with Clock() as c:
        r = subprocess.run(cmd, capture_output=True, text=True)
    return c, r


def read_saxon(path):
    """(Counter of (id, flag) fired, {id: error text}) from one output file;
    None when the document is neither UBL nor CII."""
    fired, errors = collections.Counter(), {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "UNMATCHED":
                return None
            if parts[0] == "FIRED":
                fired[(parts[1], parts[2])] += 1
            elif parts[0] == "ERROR":
                errors.setdefault(parts[1], parts[4] if len(parts) > 4 else "")
    return fired, errors


def run_chorus(binary, folder):
    cmd = [binary, "validate", "--no-xsd", "--format", "json", "--rules", "en16931", folder]
    with Clock() as elapsed:
        r = subprocess.run(cmd, capture_output=True, text=True)
    # Exit 2 also means "a file could not be processed": still a report.
    try:
        report = json.loads(r.stdout)
        report["files"]
    except (ValueError, KeyError, TypeError):
        fail("chorus exited %d without a report: %s" % (r.returncode, r.stderr.strip()[:2000]))
    return elapsed, report


def meets(kind, rule, found):
    flags = [flag for (rid, flag), n in found.items() if rid == rule and n]
    if kind == "success":
        return not flags
    return ("fatal" if kind == "error" else "warning") in flags


def show(counter):
    return ", ".join("%s/%s%s" % (r, f, " x%d" % n if n > 1 else "")
                     for (r, f), n in sorted(counter.items())) or "-"


def chorus_findings(report):
    """{file name: Counter of (rule, severity)} from chorus's JSON report."""
    by_name = {}
    for f in report["files"]:
        c = collections.Counter()
        for d in f.get("diagnostics", []):
            c[(d["rule"], d["severity"])] += 1
        by_name[os.path.basename(f["path"])] = c
    return by_name


def only(counter, keep):
    return collections.Counter({k: n for k, n in counter.items() if keep(k[0])})


class Comparison:
    """Per-document outcome of official XSLT vs chorus."""

    def __init__(self):
        self.equal = 0
        self.differ = []     # (name, note or "", "rule/flag a vs b, ...")
        self.errored = []    # (name, rule, XSLT error, what chorus said)
        self.suite_bad = []  # (name, kind, rule, what the XSLT fired)
        self.skipped = []    # neither UBL nor CII
        self.examples = [0, 0]  # official examples seen, fatal XSLT findings on them

    def add(self, name, saxon_file, mine, official_ids, expected):
        if not os.path.exists(saxon_file):
            self.differ.append((name, "Saxon wrote no result (see its messages)", ""))
            return
        result = read_saxon(saxon_file)
        if result is None:
            self.skipped.append(name)
            return
        fired, errors = result
        if name.startswith(corpus.EXAMPLES):
            self.examples[0] += 1
            self.examples[1] += sum(n for (_, flag), n in fired.items() if flag == "fatal")
        if mine is None:
            self.differ.append((name, "chorus reported nothing for this file", ""))
            return
        other = only(mine, lambda r: r not in official_ids)
        mine = only(mine, lambda r: r in official_ids)
        for rule, text in sorted(errors.items()):
            self.errored.append((name, rule, text, show(only(mine, lambda r: r == rule))))
        # A rule whose test raised an error in the XSLT has no official verdict.
        fired = only(fired, lambda r: r not in errors)
        mine = only(mine, lambda r: r not in errors)
        if fired == mine:
            self.equal += 1
        else:
            self.differ.append((name, "", ", ".join(
                "%s/%s %d vs %d" % (r, f, fired[(r, f)], mine[(r, f)])
                for r, f in sorted(set(fired) | set(mine)) if fired[(r, f)] != mine[(r, f)])))
        if other:
            self.differ.append((name, "chorus ids not in the official rules: " + show(other), ""))
        for kind, rule in expected:
            if rule not in errors and not meets(kind, rule, fired):
                self.suite_bad.append((name, kind, rule, show(only(fired, lambda r: r == rule))))

    def print(self, n, expectations, mutants, work):
        print("documents: %d (%d CEN suite docs, %d mutants)" % (n, len(expectations), len(mutants)))
        if self.skipped:
            print("skipped %d documents that are neither UBL nor CII: %s" % (
                len(self.skipped),
                ", ".join(self.skipped[:10]) + (" ..." if len(self.skipped) > 10 else "")))
        print("agreement: %d equal, %d different; %d rule verdicts left out because the XSLT "
              "raised a dynamic error (%d documents)"
              % (self.equal, len({d[0] for d in self.differ}), len(self.errored),
                 len({e[0] for e in self.errored})))
        if self.examples[0]:
            print("XSLT on the %d official examples: %d fatal findings" % tuple(self.examples))
        if expectations:
            total = sum(len(v) for v in expectations.values())
            print("XSLT vs the CEN suite's expectations: %d of %d met"
                  % (total - len(self.suite_bad), total))
            for name, kind, rule, got in self.suite_bad:
                print("  suite %s: expected %s %s, XSLT fired %s" % (name, kind, rule, got))
        for name, note, counts in self.differ:
            print("DIFF %s%s" % (name, " (" + mutants[name] + ")" if name in mutants else ""))
            print("  " + (note or "fired (official XSLT vs chorus): " + counts))
        if self.errored:
            # The official artefacts would stop on such a document; the
            # verdicts go to a file, the console gets counts per rule.
            listing = os.path.join(work, "xslt-errors.txt")
            with open(listing, "w", encoding="utf-8") as f:
                for name, rule, text, got in self.errored:
                    f.write("%s\t%s\t%s\tchorus: %s\n" % (name, rule, text, got))
            per_rule = collections.Counter(e[1] for e in self.errored)
            print("rules whose XSLT test raised a dynamic error (documents), listed in %s:" % listing)
            print("  " + ", ".join("%s %d" % kv for kv in sorted(per_rule.items())))


def print_timings(args, xsl, folder, names, saxon_time, chorus_time):
    n = len(names)
    print("\ntimings for the same %d documents (wall, and CPU of all threads):" % n)
    print("  Saxon-HE, one JVM, whole folder:   %7.2f s wall %7.2f s CPU  (%.2f ms/doc wall)"
          % (saxon_time.wall, saxon_time.cpu, 1000 * saxon_time.wall / n))
    print("  chorus validate --no-xsd --rules en16931, whole folder:\n"
          "                                     %7.3f s wall %7.3f s CPU  (%.3f ms/doc wall)"
          % (chorus_time.wall, chorus_time.cpu, 1000 * chorus_time.wall / n))
    print("  ratio Saxon / chorus, whole folder: %.0fx wall, %.0fx CPU"
          % (saxon_time.wall / chorus_time.wall, saxon_time.cpu / chorus_time.cpu))
    # One JVM per document, as most tools run the official XSLT; on whole
    # invoices (the examples) when the folder has them.
    examples = [x for x in names if x.startswith(corpus.EXAMPLES)]
    cold = []
    cold_out = os.path.join(args.work, "cold")
    for name in (examples or names)[: args.cold]:
        os.makedirs(cold_out, exist_ok=True)
        c, _ = saxon(xsl, os.path.join(folder, name), os.path.join(cold_out, name))
        cold.append(c.wall)
    if cold:
        avg = sum(cold) / len(cold)
        print("  Saxon-HE, one JVM per document (cold, mean of %d): %.2f s/doc" % (len(cold), avg))
        if n > 1:
            print("  Saxon-HE warm, after JVM start and stylesheet compile: ~%.2f ms/doc"
                  % (1000 * max(saxon_time.wall - avg, 0) / (n - 1)))
        print("  ratio Saxon cold per document / chorus per document: %.0fx"
              % (avg / (chorus_time.wall / n)))


def main():
    args = parse_args()
    if not os.path.exists(SAXON_JAR) or not shutil.which("java"):
        fail("Saxon-HE or java is missing: run scripts/deps saxon")
    if not os.path.isdir(os.path.join(args.shared, "rules", "en16931")):
        fail("no reference material at %s (use --shared or CHORUS_SHARED_DIR)" % args.shared)
    subprocess.run([os.path.join(HERE, "selftest", "check")], check=True)
    binary = args.chorus or build_chorus()
    shutil.rmtree(args.work, ignore_errors=True)
    folder = os.path.join(args.work, "corpus")
    expectations, mutants = make_corpus(args, folder)
    names = sorted(os.listdir(folder))
    if not names:
        fail("no *.xml to compare")
    xsl = os.path.join(args.work, "en16931.xsl")
    official_ids = compile_rules(args.shared, xsl)

    saxon_out = os.path.join(args.work, "saxon")
    os.makedirs(saxon_out)
    saxon_time, r = saxon(xsl, folder, saxon_out)
    if r.returncode != 0 and not os.listdir(saxon_out):
        fail("Saxon failed: " + r.stderr.strip()[-2000:])
    chorus_time, report = run_chorus(binary, folder)
    mine = chorus_findings(report)

    result = Comparison()
    for name in names:
        result.add(name, os.path.join(saxon_out, name), mine.get(name), official_ids,
                   expectations.get(name, []))
    result.print(len(names), expectations, mutants, args.work)
    print_timings(args, xsl, folder, names, saxon_time, chorus_time)
    print("\nrerun: scripts/compare/run%s" % (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else ""))
    if result.suite_bad or result.examples[1]:
        # The official rules meet the suite and pass the examples: if the
        # compiled XSLT does not, the compiler is wrong, not chorus.
        fail("the compiled XSLT misses the CEN suite or fails an example: see above")
    sys.exit(1 if result.differ else 0)


if __name__ == "__main__":
    main()
