// State shared by the CII reader's group handlers: the namespace walker, the
// value parsers and the reporting of diagnostics and unmapped data.
//
// Consumption is tracked structurally: every group handler visits each child
// once and says whether it mapped it; what it did not map is reported with
// its whole subtree. Leaf readers also report attributes they do not use.
#ifndef CHORUS_FORMAT_CII_READ_CONTEXT_H_
#define CHORUS_FORMAT_CII_READ_CONTEXT_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/model/invoice.h"
#include "format/cii_xml.h"

namespace chorus::cii {

inline constexpr std::string_view kNotEn = "not an EN 16931 term";
inline constexpr std::string_view kRepeated = "repeated: only the first is kept";

using Attrs = std::initializer_list<std::string_view>;

class ReadContext {
 public:
  ReadContext(const XmlDocument& doc, ReadResult& out) : doc_(doc), out_(out) {}

  Walker& walker() { return walker_; }

  // Visits the element children of `parent` with its namespace declarations
  // in scope. `visit(child)` returns false for a child it does not map; that
  // child is reported as unmapped.
  template <typename Visit>
  void Children(const El& parent, Visit&& visit) {
    if (parent.has_attrs) CheckAttrs(parent, {});
    ScopeGuard scope(walker_, parent);
    for (pugi::xml_node c = parent.node.first_child(); c;
         c = c.next_sibling()) {
      pugi::xml_node_type type = c.type();
      if (type == pugi::node_element) {
        El child = walker_.Resolve(c);
        if (!visit(child)) Unmapped(child, kNotEn);
      } else if (type == pugi::node_pcdata || type == pugi::node_cdata) {
        StrayText(c);  // text beside child elements has no term
      }
    }
  }

  // The trimmed text of a leaf. Attributes other than `used` and element
  // children are reported unmapped.
  std::string Str(const El& e, Attrs used = {}) {
    std::string scratch;
    std::string_view v = View(e, used, scratch);
    return v.data() == scratch.data() ? std::move(scratch) : std::string(v);
  }
  // Same without a copy in the usual case of a single text child; the view
  // points into the DOM or, when the text had to be joined, into `scratch`.
  std::string_view View(const El& e, Attrs used, std::string& scratch);
  // A 0..1 text term: a second occurrence is reported, the first kept.
  void SetText(Text& field, const El& e) {
    if (field) {
      Unmapped(e, kRepeated);
    } else {
      field = Str(e);
    }
  }
  // True the first time for a 0..1 term whose field has no "unset" state;
  // afterwards reports `e` as repeated and returns false.
  bool Once(bool& seen, const El& e) {
    if (seen) {
      Unmapped(e, kRepeated);
      return false;
    }
    seen = true;
    return true;
  }

  // A decimal leaf; nullopt (with a diagnostic naming `term`) when invalid.
  std::optional<Decimal> Number(const El& e, std::string_view term,
                                Attrs used = {});
  void SetAmount(Amount& field, const El& e, std::string_view term) {
    if (field) {
      Unmapped(e, kRepeated);
    } else {
      field = Number(e, term);
    }
  }
  // Like SetAmount, for terms whose repeat must be told from an invalid
  // first occurrence (which leaves the field nullopt).
  void SetDecimal(Amount& field, bool& seen, const El& e,
                  std::string_view term) {
    if (!Once(seen, e)) return;
    field = Number(e, term);
  }

  // A udt:DateTimeType / udt:DateType / qdt:FormattedDateTimeType wrapper
  // holding a *String child with format 102.
  std::optional<Date> DateIn(const El& wrapper, std::string_view term);
  void SetDate(std::optional<Date>& field, const El& wrapper,
               std::string_view term) {
    if (field) {
      Unmapped(wrapper, kRepeated);
    } else {
      field = DateIn(wrapper, term);
    }
  }

  // A udt:IndicatorType wrapper; nullopt (with a diagnostic) when invalid.
  std::optional<bool> IndicatorIn(const El& wrapper);

  // An identifier leaf; the scheme comes from `scheme_attr` when given.
  Identifier Id(const El& e, const char* scheme_attr);
  void SetId(OptId& field, const El& e, const char* scheme_attr) {
    if (field) {
      Unmapped(e, kRepeated);
    } else {
      field = Id(e, scheme_attr);
    }
  }

  // Reports attributes of `e` outside `used` (namespace declarations and
  // xsi: attributes excepted).
  void CheckAttrs(const El& e, Attrs used);

  // Reports every datum in the subtree of `e`.
  void Unmapped(const El& e, std::string_view reason);
  void Diag(const El& e, std::string message,
            Severity severity = Severity::kWarning);

  SourcePos Pos(const El& e) const {
    int line = doc_.LineOf(e.node);
    return SourcePos{line > 0 ? static_cast<uint32_t>(line) : 0u};
  }

 private:
  // PathOf with a memo: reports come in runs over one node (its attributes,
  // then its text) and over siblings.
  const std::string& PathFor(pugi::xml_node n);
  void ReportNode(pugi::xml_node n, std::string_view reason);
  void StrayText(pugi::xml_node text);
  void ReportAttr(pugi::xml_node owner, pugi::xml_attribute a,
                  std::string_view reason);

  const XmlDocument& doc_;
  ReadResult& out_;
  Walker walker_;
  pugi::xml_node path_node_, path_parent_node_;
  std::string path_, path_parent_;
};

}  // namespace chorus::cii

#endif  // CHORUS_FORMAT_CII_READ_CONTEXT_H_
