#include "format/cii_read_context.h"

#include <algorithm>
#include <string>
#include <utility>

#include "format/leaf_text.h"

namespace chorus::cii {
namespace {

constexpr size_t kMaxValueBytes = 80;

// Shortens to at most kMaxValueBytes without splitting a UTF-8 sequence.
std::string Shorten(std::string s) {
  if (s.size() <= kMaxValueBytes) return s;
  size_t cut = kMaxValueBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  s += "...";
  return s;
}

}  // namespace

ReadContext::ReadContext(const XmlDocument& doc,
                         std::shared_ptr<const xml::DocTree> tree,
                         ReadResult& out, bool report_unmapped,
                         bool cut_free_text)
    : doc_(doc),
      out_(out),
      tree_(std::move(tree)),
      index_(tree_->elements),
      entries_(index_.size() > 0 ? &index_[0] : nullptr),
      report_unmapped_(report_unmapped),
      cut_free_text_(cut_free_text) {}

El ReadContext::Root() const {
  if (index_.size() == 0) return El{};
  return At(0);
}

bool ReadContext::Ignored(int32_t owner,
                          const xml::ElementIndex::Attribute& a) const {
  if (xml::IsNamespaceDeclaration(a.name)) return true;
  return a.name.find(':') != std::string_view::npos &&
         ResolveSlow(index_, owner, a.name, true) == Ns::kXsi;
}

void ReadContext::CheckAttrs(El e, Attrs used, AttrValue* values) {
  if (e.index < 0) return;
  for (const xml::ElementIndex::Attribute& a : index_.AttributesOf(e.index)) {
    // No name a reader maps is a namespace declaration ("xmlns", "xmlns:p"):
    // those are told apart (Ignored) only when not mapped.
    const std::string_view* at = used.begin();
    while (at != used.end() && !xml::SameName(*at, a.name)) ++at;
    if (at != used.end()) {
      AttrValue* v = values ? values + (at - used.begin()) : nullptr;
      if (v && !v->present) *v = AttrValue{true, TrimView(a.value)};
      continue;
    }
    if (!report_unmapped_ || Ignored(e.index, a)) continue;
    ReportAttr(e.index, a, kNotEn);
  }
}

std::string_view ReadContext::CheckedView(El e, Attrs used, AttrValue* values) {
  // Without the unmapped report, attributes are looked at only for values.
  if (e.has_attrs() && (values != nullptr || report_unmapped_)) {
    CheckAttrs(e, used, values);
  }
  if (e.index < 0) return {};
  const xml::ElementIndex::Entry& entry = EntryAt(e.index);
  if (report_unmapped_) {
    for (int32_t c = entry.first_child; c >= 0; c = EntryAt(c).next) {
      Unmapped(At(c), kNotEn);
    }
  }
  return entry.text;
}

void ReadContext::NotANumber(Amount& out, El e, std::string_view term) {
  out.reset();
  // The text View gave ReadNumber.
  Diag(e, std::string(term) + ": '" + Shorten(std::string(Peek(e))) +
              "' is not a decimal number; the value is ignored");
}

std::optional<Date> ReadContext::DateIn(El wrapper, std::string_view term) {
  std::optional<Date> result;
  bool seen = false;
  Children(wrapper, [&](El c) {
    const Ns ns = c.ns();
    bool is_string = (ns == Ns::kUdt || ns == Ns::kQdt) &&
                     (c.local == "DateTimeString" || c.local == "DateString");
    bool is_typed =
        ns == Ns::kUdt && (c.local == "DateTime" || c.local == "Date");
    if (!is_string && !is_typed) return false;
    if (!Once(seen, c)) return true;
    AttrValue format;
    std::string_view text = View(c, {"format"}, &format);
    if (is_typed) {
      Diag(c, std::string(term) +
                  ": only a date string with format 102 is "
                  "supported, not udt:" +
                  std::string(c.local));
      return true;
    }
    if (format.present && format.value != "102") {
      Diag(c, std::string(term) + ": date format '" +
                  std::string(format.value) +
                  "' is not supported (EN 16931 uses 102, CCYYMMDD)");
      return true;
    }
    result = Date::ParseBasic(text);
    if (!result) {
      Diag(c, std::string(term) + ": '" + Shorten(std::string(text)) +
                  "' is not a valid CCYYMMDD date; the value is ignored");
    }
    return true;
  });
  if (!seen) Diag(wrapper, std::string(term) + ": the date string is missing");
  return result;
}

std::optional<bool> ReadContext::IndicatorIn(El wrapper) {
  std::optional<bool> result;
  bool seen = false;
  Children(wrapper, [&](El c) {
    if (!c.Is(Ns::kUdt, "Indicator")) return false;
    if (!Once(seen, c)) return true;
    std::string_view text = View(c, {});
    if (text == "true" || text == "1") {
      result = true;
    } else if (text == "false" || text == "0") {
      result = false;
    } else {
      Diag(c, "indicator '" + Shorten(std::string(text)) +
                  "' is not true or false");
    }
    return true;
  });
  if (!seen) Diag(wrapper, "the udt:Indicator is missing");
  return result;
}

void ReadContext::IdInto(Identifier& id, El e, std::string_view scheme_attr) {
  if (scheme_attr.empty()) {
    xml::AssignText(id.value, View(e, {}));
    return;
  }
  AttrValue scheme;
  xml::AssignText(id.value, View(e, {scheme_attr}, &scheme));
  if (scheme.present) xml::EmplaceText(id.scheme, scheme.value);
}

const std::string& ReadContext::PathFor(int32_t i) {
  if (i == path_entry_) return path_;
  int32_t parent = EntryAt(i).parent;
  if (parent == path_parent_entry_) {
    path_ = path_parent_ + StepOf(index_, i);
  } else {
    path_ = PathOf(index_, i);
    path_parent_entry_ = parent;
    path_parent_ = path_.substr(0, path_.rfind('/'));
  }
  path_entry_ = i;
  return path_;
}

void ReadContext::Unmapped(El e, std::string_view reason) {
  if (e.index >= 0 && report_unmapped_) ReportNode(e.index, reason);
}

void ReadContext::ReportNode(int32_t i, std::string_view reason) {
  bool has_child = false;
  bool has_attr = false;
  for (const xml::ElementIndex::Attribute& a : index_.AttributesOf(i)) {
    if (Ignored(i, a)) continue;
    has_attr = true;
    ReportAttr(i, a, reason);
  }
  for (int32_t c = EntryAt(i).first_child; c >= 0; c = EntryAt(c).next) {
    has_child = true;
    ReportNode(c, reason);
  }
  std::string_view text = EntryAt(i).text;
  if (!text.empty() || (!has_child && !has_attr)) {
    out_.unmapped.push_back(UnmappedDatum{
        PathFor(i), Line(i), Shorten(std::string(text)), std::string(reason)});
  }
}

void ReadContext::StrayText(int32_t owner, std::size_t offset,
                            std::string_view text) {
  if (!report_unmapped_) return;
  std::string_view value = TrimView(text);
  if (value.empty()) return;
  out_.unmapped.push_back(
      UnmappedDatum{PathFor(owner) + "/text()", LineAt(offset),
                    Shorten(std::string(value)), std::string(kNotEn)});
}

std::size_t ReadContext::CollectStrays(int32_t i) {
  index_.ForEachPiece(
      i, [&](const xml::ElementIndex::Piece& p) { strays_.push_back(p); });
  return strays_.size();
}

std::size_t ReadContext::ReportStrays(std::size_t from, std::size_t end,
                                      uint32_t before) {
  for (; from < end && strays_[from].offset < before; ++from) {
    // A copy: StrayText does not touch strays_, but the view stays valid
    // only while nothing is appended.
    const xml::ElementIndex::Piece p = strays_[from];
    StrayText(p.owner, p.offset, p.text);
  }
  return from;
}

void ReadContext::LeafText(int32_t i) {
  if (!report_unmapped_) return;
  const xml::ElementIndex::Entry& e = EntryAt(i);
  for (const xml::LeafTextNode& node :
       xml::LeafTextNodes(doc_.bytes, e.offset, e.raw)) {
    StrayText(i, node.offset, node.text);
  }
}

void ReadContext::ReportAttr(int32_t owner,
                             const xml::ElementIndex::Attribute& a,
                             std::string_view reason) {
  out_.unmapped.push_back(UnmappedDatum{
      PathFor(owner) + "/@" + std::string(a.name), Line(owner),
      Shorten(std::string(TrimView(a.value))), std::string(reason)});
}

void ReadContext::Diag(El e, std::string message, Severity severity) {
  std::string location;
  if (e.index >= 0) {
    location = PathOf(index_, e.index);
    if (int line = Line(e.index); line > 0) {
      location += " (line " + std::to_string(line) + ")";
    }
  }
  out_.diagnostics.push_back(Diagnostic{
      "CHORUS-READ", severity, std::move(message), std::move(location)});
}

}  // namespace chorus::cii
