#include "rules/business_vat_xml.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace chorus::rules::vat {
namespace {

constexpr std::array<xml::KnownNs, 5> kKnown = {{
    {"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
     "cbc"},
    {"urn:oasis:names:specification:ubl:schema:xsd:"
     "CommonAggregateComponents-2",
     "cac"},
    {"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100", "rsm"},
    {"urn:un:unece:uncefact:data:standard:"
     "ReusableAggregateBusinessInformationEntity:100",
     "ram"},
    {"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100", "udt"},
}};

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void AppendText(pugi::xml_node n, std::string* out) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out->append(c.value());
    } else if (c.type() == pugi::node_element) {
      AppendText(c, out);
    }
  }
}

}  // namespace

Tree::Tree(pugi::xml_node root) : root_(root), names_(root, kKnown) {
  if (!root_) return;
  // Iterative pre-order walk: documents may nest deeply.
  pugi::xml_node n = root_;
  while (n) {
    if (n.type() == pugi::node_element) {
      index_[{names_.Id(n), xml::LocalName(n.name())}].push_back(n);
      if (pugi::xml_node c = n.first_child()) {
        n = c;
        continue;
      }
    }
    while (n && n != root_ && !n.next_sibling()) n = n.parent();
    if (!n || n == root_) break;
    n = n.next_sibling();
  }
}

bool Tree::Is(pugi::xml_node n, int ns, std::string_view local) const {
  return n && n.type() == pugi::node_element &&
         xml::LocalName(n.name()) == local && names_.Id(n) == ns;
}

Nodes Tree::Kids(pugi::xml_node n, int ns, std::string_view local) const {
  Nodes out;
  if (!n) return out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (Is(c, ns, local)) out.push_back(c);
  }
  return out;
}

pugi::xml_node Tree::Kid(pugi::xml_node n, int ns,
                         std::string_view local) const {
  if (!n) return {};
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (Is(c, ns, local)) return c;
  }
  return {};
}

Nodes Tree::Path(
    pugi::xml_node n,
    std::initializer_list<std::pair<int, std::string_view>> steps) const {
  Nodes current{n};
  for (const auto& [ns, local] : steps) {
    Nodes next;
    for (pugi::xml_node c : current) {
      for (pugi::xml_node k : Kids(c, ns, local)) next.push_back(k);
    }
    current = std::move(next);
  }
  return current;
}

const Nodes& Tree::All(int ns, std::string_view local) const {
  static const Nodes kNone;
  auto it = index_.find({ns, local});
  return it == index_.end() ? kNone : it->second;
}

std::string StringValue(pugi::xml_node n) {
  std::string out;
  if (n) AppendText(n, &out);
  return out;
}

std::string NormalizeSpace(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (IsXmlSpace(c)) {
      pending = !out.empty();
    } else {
      if (pending) out.push_back(' ');
      pending = false;
      out.push_back(c);
    }
  }
  return out;
}

std::string UpperCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Num DecimalOf(pugi::xml_node n) {
  Num out;
  if (!n) return out;
  out.value = Decimal::Parse(StringValue(n));
  out.error = !out.value;
  return out;
}

Num DoubleOf(pugi::xml_node n) {
  Num out;
  if (!n) return out;
  out.value = Decimal::ParseWithExponent(StringValue(n));
  out.error = !out.value;
  return out;
}

Num SingleDecimal(const Nodes& nodes) {
  if (nodes.size() > 1) return Num{true, std::nullopt};
  return DecimalOf(nodes.empty() ? pugi::xml_node() : nodes[0]);
}

std::optional<double> UntypedDouble(pugi::xml_node n, bool* error) {
  if (!n) return std::nullopt;
  std::string text = NormalizeSpace(StringValue(n));
  std::string_view v = text;
  bool negative = false;
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
    negative = v[0] == '-';
    v.remove_prefix(1);
  }
  if (v == "INF") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  // from_chars also takes "inf", "nan" and hex forms XPath does not.
  bool digits = false;
  for (char c : v) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
      digits = false;
      break;
    }
  }
  double out = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (!digits || ec != std::errc() || end != v.data() + v.size()) {
    *error = true;
    return std::nullopt;
  }
  return negative ? -out : out;
}

double ToDouble(const Decimal& d) {
  std::string text = d.ToCanonical();
  double out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

std::optional<Decimal> FromDouble(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  if (ec != std::errc()) return std::nullopt;
  return Decimal::ParseWithExponent(std::string_view(buffer, end - buffer));
}

double RoundDouble(double d) {
  if (!std::isfinite(d)) return d;
  return std::floor(d + 0.5);
}

std::optional<bool> BooleanOf(pugi::xml_node n) {
  std::string v = NormalizeSpace(StringValue(n));
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return std::nullopt;
}

bool IndicatorIs(const Nodes& indicators, bool want, bool* error) {
  bool found = false;
  for (pugi::xml_node n : indicators) {
    std::optional<bool> b = BooleanOf(n);
    if (!b) {
      *error = true;
    } else if (*b == want) {
      found = true;
    }
  }
  return found;
}

}  // namespace chorus::rules::vat
