"""What the rule catalogue generators share (rule_catalogue.py for EN 16931,
facturx_catalogue.py and facturx_tables.py for the Factur-X profiles): the
id order, the business terms of a text, C++ string literals, and the
RuleInfo rows of a generated catalogue.
"""

import re
import sys

FLAGS = {"fatal": "kFatal", "warning": "kWarning"}
# A line break with the indentation around it is source layout, not text.
WRAP_RE = re.compile(r"[ \t]*\r?\n[ \t\r\n]*")
TRIMMED = " \t\r\n\u00a0"
TERM_RE = re.compile(r"\bB[TG]-\d+\b")


def terms_of(text):
    seen = []
    for term in TERM_RE.findall(text):
        if term not in seen:
            seen.append(term)
    return " ".join(seen)


def natural_key(rule_id):
    # Numbers sort before text at the same position, so the plain "BR-2"
    # comes before "BR-AE-01"; the raw id breaks ties ("04" vs "004").
    parts = []
    for chunk in re.split(r"(\d+)", rule_id.upper()):
        if chunk.isdigit():
            parts.append((0, int(chunk), ""))
        elif chunk:
            parts.append((1, 0, chunk))
    return (parts, rule_id)


def cpp_string(text):
    # Ordinary literals with \\ and \" escaped: the source is UTF-8, so
    # non-ASCII characters such as the sigma are kept as they are.
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    if any(ord(ch) < 0x20 for ch in out):
        sys.exit(f"control character in message: {text!r}")
    return '"' + out + '"'


def render_catalogue(header, array, rows):
    """A generated .inc: the `header` comment lines, then `array` as a
    RuleInfo table. Each row is (id, flag, syntax, text, rule_set): flag
    "fatal" or "warning", syntax "kBoth", "kUbl" or "kCii", rule_set None
    for the default set ("en16931")."""
    lines = [f"// {line}" for line in header]
    lines += ["", f"inline constexpr RuleInfo {array}[] = {{"]
    for rule_id, flag, syntax, text, rule_set in rows:
        lines.append(f"    {{{cpp_string(rule_id)}, Severity::{FLAGS[flag]}, "
                     f"RuleSyntax::{syntax},")
        lines.append(f"     {cpp_string(text)},")
        tail = "" if rule_set is None else f", {cpp_string(rule_set)}"
        lines.append(f"     {cpp_string(terms_of(text))}{tail}}},")
    lines.append("};")
    return "\n".join(lines) + "\n"
