#!/usr/bin/env python3
"""Compiles an ISO Schematron schema (XSLT 2 query binding) into an XSLT 3.0
stylesheet that Saxon-HE runs, so chorus can be compared with the official
rules without the ISO skeleton, which this repository must not copy.

What it handles: <include> (recursively, relative hrefs), abstract patterns
instantiated with is-a and <param name value>, abstract rules reached through
<extends rule>, <let> at schema, pattern and rule level, <ns>, phases
(defaultPhase, or --phase), <assert> and <report> with id, flag and role.

Semantics kept from Schematron: each active pattern walks the whole document
in its own mode; a node is handled by the first rule (in document order of
the schema) whose context matches it, through template priorities that fall
with rule order; every other node is just descended through.

Output of the stylesheet (method text), one line per finding:
    FIRED <tab> id <tab> flag <tab> path
    ERROR <tab> id <tab> flag <tab> path <tab> error code and message
An assert whose test raises a dynamic error (a type error on a malformed
amount, say) would abort the whole transformation in the official artefacts;
here it is caught and written as ERROR so the other rules still report.
`--no-catch` drops that and behaves like the official artefacts.

Several schemas can share one stylesheet (one JVM for a folder mixing UBL
and CII): give each as SCHEMA.sch::XPATH, XPATH choosing its documents.

Usage: sch2xslt.py SCHEMA.sch[::XPATH]... [-o OUT.xsl] [--phase ID] [--no-catch]
"""

import argparse
import copy
import os
import re
import sys
import xml.etree.ElementTree as ET

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
XS = "http://www.w3.org/2001/XMLSchema"


def q(local):
    return "{%s}%s" % (SCH, local)


def read_with_includes(path, seen=()):
    """The schema tree with every <include> replaced by the element it names."""
    path = os.path.abspath(path)
    if path in seen:
        raise SystemExit("sch2xslt: include cycle through %s" % path)
    root = ET.parse(path).getroot()
    base = os.path.dirname(path)

    def expand(parent):
        for i, child in enumerate(list(parent)):
            if child.tag == q("include"):
                href, _, fragment = child.get("href", "").partition("#")
                included = read_with_includes(os.path.join(base, href), seen + (path,))
                if fragment:
                    found = [e for e in included.iter() if e.get("id") == fragment]
                    if not found:
                        raise SystemExit("sch2xslt: %s has no id %s" % (href, fragment))
                    included = found[0]
                parent.remove(child)
                parent.insert(i, included)
            else:
                expand(child)

    expand(root)
    return root


def substitute(text, params):
    """Replaces $name by the parameter's value, longest names first so that
    $ab is not taken for $a followed by b."""
    if text is None or not params:
        return text
    for name in sorted(params, key=len, reverse=True):
        text = re.sub(r"\$" + re.escape(name) + r"(?![\w.\-])",
                      lambda _m, v=params[name]: v, text)
    return text


def instantiate(abstract, params, new_id):
    pattern = copy.deepcopy(abstract)
    pattern.attrib.pop("abstract", None)
    if new_id:
        pattern.set("id", new_id)
    # Every attribute: contexts, tests and lets, but also ids built from a
    # parameter (id="X-$code").
    for e in pattern.iter():
        for name, value in e.attrib.items():
            e.set(name, substitute(value, params))
    return pattern


def concrete_patterns(schema):
    """Patterns in schema order, abstract ones instantiated, abstract rules
    merged into the rules that extend them."""
    abstracts = {p.get("id"): p for p in schema.iter(q("pattern"))
                 if p.get("abstract") == "true"}
    abstract_rules = {r.get("id"): r for r in schema.iter(q("rule"))
                      if r.get("abstract") == "true"}
    out = []
    for p in schema.iter(q("pattern")):
        if p.get("abstract") == "true":
            continue
        if p.get("is-a"):
            base = abstracts.get(p.get("is-a"))
            if base is None:
                raise SystemExit("sch2xslt: no abstract pattern %s" % p.get("is-a"))
            params = {x.get("name"): x.get("value", "") for x in p.findall(q("param"))}
            p = instantiate(base, params, p.get("id"))
        for rule in p.findall(q("rule")):
            for ext in rule.findall(q("extends")):
                base = abstract_rules.get(ext.get("rule"))
                if base is None:
                    raise SystemExit("sch2xslt: no abstract rule %s" % ext.get("rule"))
                at = list(rule).index(ext)
                rule.remove(ext)
                for k, child in enumerate(base):
                    rule.insert(at + k, copy.deepcopy(child))
        out.append(p)
    return out


def active_patterns(schema, patterns, phase):
    phase = phase or schema.get("defaultPhase") or "#ALL"
    if phase == "#ALL":
        return patterns
    for ph in schema.iter(q("phase")):
        if ph.get("id") == phase:
            wanted = [a.get("pattern") for a in ph.findall(q("active"))]
            return [p for p in patterns if p.get("id") in wanted]
    raise SystemExit("sch2xslt: no phase %s" % phase)


class Writer:
    """Builds the stylesheet as text: ElementTree cannot emit the prefix
    declarations that the XPath expressions in attributes depend on."""

    def __init__(self):
        self.lines = []

    def add(self, depth, text):
        self.lines.append("  " * depth + text)


def attr(value):
    return (value.replace("&", "&amp;").replace("<", "&lt;")
            .replace('"', "&quot;").replace("\n", "&#10;"))


def emit_lets(w, depth, lets, ns=""):
    for let in lets:
        select = let.get("value")
        if select is None:
            raise SystemExit("sch2xslt: <let name=%s> without value" % let.get("name"))
        w.add(depth, '<xsl:variable name="%s" select="%s" %s/>'
              % (attr(let.get("name")), attr(select), ns))


def emit_finding(w, depth, check, kind):
    ident = check.get("id", "")
    flag = check.get("flag", check.get("role", ""))
    w.add(depth, '<xsl:text>%s&#9;%s&#9;%s&#9;</xsl:text><xsl:value-of select="path()"/>'
          % (kind, attr(ident), attr(flag)))


def emit_check(w, depth, check, catch):
    test = attr(check.get("test"))
    is_assert = check.tag == q("assert")
    if catch:
        w.add(depth, "<xsl:try>")
        depth += 1
    if is_assert:
        w.add(depth, '<xsl:choose><xsl:when test="%s"/><xsl:otherwise>' % test)
    else:
        w.add(depth, '<xsl:if test="%s">' % test)
    emit_finding(w, depth + 1, check, "FIRED")
    w.add(depth + 1, "<xsl:text>&#10;</xsl:text>")
    w.add(depth, "</xsl:otherwise></xsl:choose>" if is_assert else "</xsl:if>")
    if catch:
        w.add(depth, "<xsl:catch>")
        emit_finding(w, depth + 1, check, "ERROR")
        w.add(depth + 1, '<xsl:value-of select="concat(&quot;&#9;&quot;, $err:code, '
                         '&quot; &quot;, translate($err:description, &quot;&#10;&#9;&quot;, '
                         '&quot;  &quot;), &quot;&#10;&quot;)"/>')
        w.add(depth, "</xsl:catch>")
        w.add(depth - 1, "</xsl:try>")


def namespace_decls(schema):
    namespaces = {"xs": XS}
    for ns in schema.iter(q("ns")):
        namespaces[ns.get("prefix")] = ns.get("uri")
    return " ".join('xmlns:%s="%s"' % (p, attr(u)) for p, u in namespaces.items())


def compile_schemas(schemas, phase=None, catch=True):
    """One stylesheet for several schemas, each applied only to documents
    its condition (an XPath on the document node, or None) holds for.
    The prefixes each schema declares are put on the elements of its own
    part only, so two schemas may bind one prefix differently (udt in UBL
    and in CII)."""
    w = Writer()
    w.add(0, '<?xml version="1.0" encoding="UTF-8"?>')
    w.add(0, '<xsl:stylesheet version="3.0" xmlns:xsl="%s" '
             'xmlns:err="http://www.w3.org/2005/xqt-errors" '
             'exclude-result-prefixes="#all">' % XSL)
    w.add(1, '<xsl:output method="text" encoding="UTF-8"/>')
    parts = []
    for s, (schema, condition) in enumerate(schemas):
        patterns = active_patterns(schema, concrete_patterns(schema), phase)
        parts.append((s, schema, condition, patterns, namespace_decls(schema)))
    w.add(1, '<xsl:template match="/">')
    w.add(2, "<xsl:choose>")
    for s, schema, condition, patterns, ns in parts:
        w.add(3, '<xsl:when test="%s" %s>' % (attr(condition or "true()"), ns))
        for i, _ in enumerate(patterns):
            w.add(4, '<xsl:apply-templates select="/" mode="S%dM%d"/>' % (s, i))
        w.add(3, "</xsl:when>")
    w.add(3, "<xsl:otherwise><xsl:text>UNMATCHED&#10;</xsl:text></xsl:otherwise>")
    w.add(2, "</xsl:choose>")
    w.add(1, "</xsl:template>")
    for s, schema, condition, patterns, ns in parts:
        emit_lets(w, 1, schema.findall(q("let")), ns)
        # Pattern-level variables are global too, evaluated on the document.
        for p in patterns:
            emit_lets(w, 1, p.findall(q("let")), ns)
        for i, p in enumerate(patterns):
            emit_pattern(w, p, "S%dM%d" % (s, i), ns, catch)
    w.add(0, "</xsl:stylesheet>")
    return "\n".join(w.lines) + "\n"


def emit_pattern(w, pattern, mode, ns, catch):
    rules = [r for r in pattern.findall(q("rule")) if r.get("abstract") != "true"]
    w.add(1, "<!-- pattern %s -->" % attr(pattern.get("id", mode)).replace("--", "- -"))
    for j, rule in enumerate(rules):
        # Earlier rules win: the first rule whose context matches handles the node.
        priority = 1000 + len(rules) - j
        w.add(1, '<xsl:template match="%s" priority="%d" mode="%s" %s>'
              % (attr(rule.get("context")), priority, mode, ns))
        emit_lets(w, 2, rule.findall(q("let")))
        for check in rule:
            if check.tag in (q("assert"), q("report")):
                emit_check(w, 2, check, catch)
        w.add(2, '<xsl:apply-templates select="*" mode="%s"/>' % mode)
        w.add(1, "</xsl:template>")
    w.add(1, '<xsl:template match="text()" priority="-1" mode="%s"/>' % mode)
    w.add(1, '<xsl:template match="@*|node()" priority="-2" mode="%s">' % mode)
    w.add(2, '<xsl:apply-templates select="*" mode="%s"/>' % mode)
    w.add(1, "</xsl:template>")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("schema", nargs="+",
                    help="SCHEMA.sch, or SCHEMA.sch::XPATH to apply it only to the "
                         "documents XPATH (evaluated on the document node, with the "
                         "schema's prefixes) holds for")
    ap.add_argument("-o", "--output", help="stylesheet to write (default stdout)")
    ap.add_argument("--phase", help="phase id (default: defaultPhase or #ALL)")
    ap.add_argument("--no-catch", action="store_true",
                    help="let a dynamic error abort the run, as the official artefacts do")
    args = ap.parse_args(argv)
    schemas = []
    for spec in args.schema:
        path, _, condition = spec.partition("::")
        schema = read_with_includes(path)
        if schema.tag != q("schema"):
            raise SystemExit("sch2xslt: %s is not an ISO Schematron schema" % path)
        schemas.append((schema, condition or None))
    text = compile_schemas(schemas, args.phase, catch=not args.no_catch)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
