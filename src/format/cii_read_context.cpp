#include "format/cii_read_context.h"

#include <algorithm>
#include <string>

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

bool IsNamespaceDecl(std::string_view name) {
  return name.size() >= 5 && name.compare(0, 5, "xmlns") == 0 &&
         (name.size() == 5 || name[5] == ':');
}

std::string Location(const XmlDocument& doc, const xml::ElementIndex& index,
                     pugi::xml_node n) {
  std::string loc = PathOf(n, &index);
  int line = doc.LineOf(n);
  if (line > 0) loc += " (line " + std::to_string(line) + ")";
  return loc;
}

}  // namespace

ReadContext::ReadContext(const XmlDocument& doc, ReadResult& out)
    : doc_(doc),
      out_(out),
      tree_(std::make_shared<const xml::DocTree>(doc)),
      index_(tree_->elements) {
  out_.tree = tree_;
}

El ReadContext::Root() const {
  if (index_.size() == 0) return El{};
  return At(0);
}

void ReadContext::CheckAttrs(const El& e, Attrs used, AttrValue* values) {
  for (pugi::xml_attribute a = e.node.first_attribute(); a;
       a = a.next_attribute()) {
    std::string_view name = a.name();
    if (IsNamespaceDecl(name)) continue;
    auto at = std::find(used.begin(), used.end(), name);
    if (at != used.end()) {
      AttrValue* v = values ? values + (at - used.begin()) : nullptr;
      if (v && !v->present) *v = AttrValue{true, TrimView(a.value())};
      continue;
    }
    if (name.find(':') != std::string_view::npos &&
        ResolveSlow(e.node, name, true) == Ns::kXsi) {
      continue;  // schemaLocation and friends carry no invoice data
    }
    ReportAttr(e.node, a, kNotEn);
  }
}

std::string_view ReadContext::CheckedView(const El& e, Attrs used,
                                          AttrValue* values) {
  if (e.has_attrs) CheckAttrs(e, used, values);
  if (e.index < 0) return {};
  const xml::ElementIndex::Entry& entry = index_[e.index];
  for (int32_t c = entry.first_child; c >= 0; c = index_[c].next) {
    Unmapped(At(c), kNotEn);
  }
  return entry.text;
}

void ReadContext::ReadNumber(Amount& out, const El& e, std::string_view term,
                             Attrs used, AttrValue* values) {
  std::string_view text = View(e, used, values);
  if (Decimal::ParseInto(text, out.emplace())) return;
  out.reset();
  Diag(e, std::string(term) + ": '" + Shorten(std::string(text)) +
              "' is not a decimal number; the value is ignored");
}

std::optional<Date> ReadContext::DateIn(const El& wrapper,
                                        std::string_view term) {
  std::optional<Date> result;
  bool seen = false;
  Children(wrapper, [&](const El& c) {
    bool is_string = (c.ns == Ns::kUdt || c.ns == Ns::kQdt) &&
                     (c.local == "DateTimeString" || c.local == "DateString");
    bool is_typed =
        c.ns == Ns::kUdt && (c.local == "DateTime" || c.local == "Date");
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

std::optional<bool> ReadContext::IndicatorIn(const El& wrapper) {
  std::optional<bool> result;
  bool seen = false;
  Children(wrapper, [&](const El& c) {
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

Identifier ReadContext::Id(const El& e, const char* scheme_attr) {
  Identifier id;
  if (scheme_attr == nullptr) {
    id.value = View(e, {});
    return id;
  }
  AttrValue scheme;
  id.value = View(e, {std::string_view(scheme_attr)}, &scheme);
  if (scheme.present) id.scheme.emplace(scheme.value);
  return id;
}

const std::string& ReadContext::PathFor(pugi::xml_node n) {
  if (n == path_node_) return path_;
  pugi::xml_node parent = n.parent();
  if (parent && parent == path_parent_node_) {
    path_ = path_parent_ + StepOf(n, &index_);
  } else {
    path_ = PathOf(n, &index_);
    path_parent_node_ = parent;
    path_parent_ = path_.substr(0, path_.rfind('/'));
  }
  path_node_ = n;
  return path_;
}

void ReadContext::Unmapped(const El& e, std::string_view reason) {
  ReportNode(e.node, reason);
}

void ReadContext::ReportNode(pugi::xml_node n, std::string_view reason) {
  bool has_child = false;
  bool has_attr = false;
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    if (IsNamespaceDecl(name)) continue;
    if (name.find(':') != std::string_view::npos &&
        ResolveSlow(n, name, true) == Ns::kXsi) {
      continue;
    }
    has_attr = true;
    ReportAttr(n, a, reason);
  }
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    has_child = true;
    ReportNode(c, reason);
  }
  std::string text = TrimmedText(n);
  if (!text.empty() || (!has_child && !has_attr)) {
    out_.unmapped.push_back(UnmappedDatum{PathFor(n), doc_.LineOf(n),
                                          Shorten(std::move(text)),
                                          std::string(reason)});
  }
}

void ReadContext::StrayText(pugi::xml_node text) {
  std::string_view value = TrimView(text.value());
  if (value.empty()) return;
  out_.unmapped.push_back(
      UnmappedDatum{PathFor(text.parent()) + "/text()", doc_.LineOf(text),
                    Shorten(std::string(value)), std::string(kNotEn)});
}

void ReadContext::ReportAttr(pugi::xml_node owner, pugi::xml_attribute a,
                             std::string_view reason) {
  out_.unmapped.push_back(UnmappedDatum{
      PathFor(owner) + "/@" + a.name(), doc_.LineOf(owner),
      Shorten(std::string(TrimView(a.value()))), std::string(reason)});
}

void ReadContext::Diag(const El& e, std::string message, Severity severity) {
  out_.diagnostics.push_back(Diagnostic{"CHORUS-READ", severity,
                                        std::move(message),
                                        Location(doc_, index_, e.node)});
}

}  // namespace chorus::cii
