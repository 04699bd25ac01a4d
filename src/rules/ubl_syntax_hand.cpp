// The UBL syntax asserts that are not plain counts, with the artefact's
// XPath 2.0 semantics: general comparisons are existential over node
// sequences, untyped values compare as strings (untrimmed), and a function
// applied to several nodes where one is expected (upper-case(cbc:ID) on a
// repeated ID) is a dynamic error, reported here as a failed assertion.
#include <string>
#include <string_view>
#include <vector>

#include "rules/ubl_syntax_internal.h"

namespace chorus::rules::ubl {
namespace {

bool IsText(pugi::xml_node n) {
  return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

// A path literal compiled once, at its first use.
#define UBL_PATH(text)                              \
  ([]() -> const Path& {                            \
    static const Path compiled = CompilePath(text); \
    return compiled;                                \
  }())

// Some child named (ns, local) has string value `value`.
bool SomeChildEquals(const Nav& nav, pugi::xml_node n, int ns,
                     std::string_view local, std::string_view value) {
  std::string scratch;
  for (pugi::xml_node c : nav.Children(n, ns, local)) {
    if (StringValue(c, scratch) == value) return true;
  }
  return false;
}

// cac:TaxScheme/upper-case(cbc:ID) = 'VAT' (equal) or != 'VAT': 1 true,
// 0 false, -1 dynamic error (a TaxScheme with several IDs).
int TaxSchemeIsVat(const Nav& nav, pugi::xml_node party_tax_scheme,
                   bool equal) {
  std::string scratch;
  for (pugi::xml_node scheme :
       nav.Children(party_tax_scheme, kCac, "TaxScheme")) {
    std::vector<pugi::xml_node> ids = nav.Children(scheme, kCbc, "ID");
    if (ids.size() > 1) return -1;
    std::string_view v = ids.empty() ? "" : StringValue(ids[0], scratch);
    if (UpperEquals(v, "VAT") == equal) return 1;
  }
  return 0;
}

// count(<party>/cac:PartyTaxScheme[VAT test]/cbc:CompanyID) <= 1.
bool VatCompanyIdsAtMostOne(const Nav& nav, pugi::xml_node root,
                            std::string_view party_role, bool vat) {
  int count = 0;
  for (pugi::xml_node role : nav.Children(root, kCac, party_role)) {
    for (pugi::xml_node party : nav.Children(role, kCac, "Party")) {
      for (pugi::xml_node pts : nav.Children(party, kCac, "PartyTaxScheme")) {
        int is = TaxSchemeIsVat(nav, pts, vat);
        if (is < 0) return false;
        if (is == 1) {
          count +=
              static_cast<int>(nav.Children(pts, kCbc, "CompanyID").size());
        }
      }
    }
  }
  return count <= 1;
}

bool IsAncestor(pugi::xml_node maybe_ancestor, pugi::xml_node n) {
  for (pugi::xml_node p = n.parent(); p; p = p.parent()) {
    if (p == maybe_ancestor) return true;
  }
  return false;
}

// count(//X[not(preceding::X/. = .)]) <= 1: at most one value among the
// nodes, where "preceding" excludes ancestors.
bool AtMostOneDistinct(const std::vector<pugi::xml_node>& nodes) {
  std::vector<std::string> values;
  values.reserve(nodes.size());
  std::string scratch;
  for (pugi::xml_node n : nodes) values.emplace_back(StringValue(n, scratch));
  int firsts = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j) {
      seen = values[j] == values[i] && !IsAncestor(nodes[j], nodes[i]);
    }
    if (!seen && ++firsts > 1) return false;
  }
  return true;
}

bool HasUnprefixedAttribute(pugi::xml_node n, const char* name) {
  return static_cast<bool>(n.attribute(name));
}

// (cac:PartyName/cbc:Name) != (../cac:AccountingSupplierParty/cac:Party/
// cac:PartyLegalEntity/cbc:RegistrationName): some pair differs.
bool PayeeNameDiffersFromSeller(const Nav& nav, pugi::xml_node payee) {
  std::vector<std::string> payee_names;
  std::string scratch;
  for (pugi::xml_node pn : nav.Children(payee, kCac, "PartyName")) {
    for (pugi::xml_node name : nav.Children(pn, kCbc, "Name")) {
      payee_names.emplace_back(StringValue(name, scratch));
    }
  }
  if (payee_names.empty()) return false;
  pugi::xml_node parent = payee.parent();
  for (pugi::xml_node asp :
       nav.Children(parent, kCac, "AccountingSupplierParty")) {
    for (pugi::xml_node party : nav.Children(asp, kCac, "Party")) {
      for (pugi::xml_node ple : nav.Children(party, kCac, "PartyLegalEntity")) {
        for (pugi::xml_node rn : nav.Children(ple, kCbc, "RegistrationName")) {
          std::string_view seller = StringValue(rn, scratch);
          for (const std::string& p : payee_names) {
            if (p != seller) return true;
          }
        }
      }
    }
  }
  return false;
}

int PayeeIdsNotSepa(const Nav& nav, pugi::xml_node payee) {
  int count = 0;
  for (pugi::xml_node pid : nav.Children(payee, kCac, "PartyIdentification")) {
    for (pugi::xml_node id : nav.Children(pid, kCbc, "ID")) {
      if (!UpperEquals(id.attribute("schemeID").value(), "SEPA")) ++count;
    }
  }
  return count;
}

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

std::string_view StringValue(pugi::xml_node n, std::string& scratch) {
  pugi::xml_node first = n.first_child();
  if (!first) return {};
  if (!first.next_sibling() && IsText(first)) return first.value();
  scratch.clear();
  // Iterative: foreign subtrees may be arbitrarily deep.
  pugi::xml_node cur = first;
  while (cur) {
    if (IsText(cur)) scratch += cur.value();
    if (cur.type() == pugi::node_element && cur.first_child()) {
      cur = cur.first_child();
      continue;
    }
    while (cur && !cur.next_sibling()) {
      cur = cur.parent();
      if (cur == n) return scratch;
    }
    if (cur) cur = cur.next_sibling();
  }
  return scratch;
}

bool UpperEquals(std::string_view s, std::string_view upper) {
  std::size_t i = 0;
  std::size_t k = 0;
  while (i < s.size()) {
    if (k == upper.size()) return false;
    unsigned char c = static_cast<unsigned char>(s[i]);
    char got;
    if (c < 0x80) {
      got = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A')
                                   : static_cast<char>(c);
      i += 1;
    } else if (s.substr(i, 2) == "\xC5\xBF") {  // long s: upper case is S
      got = 'S';
      i += 2;
    } else if (s.substr(i, 2) == "\xC4\xB1") {  // dotless i: upper case is I
      got = 'I';
      i += 2;
    } else {
      return false;  // no other character upper-cases to ASCII
    }
    if (got != upper[k++]) return false;
  }
  return k == upper.size();
}

bool IsAmountName(std::string_view qname) {
  return qname.ends_with("Amount") && !qname.ends_with("PriceAmount");
}

bool IsBinaryObjectName(std::string_view qname) {
  return qname.ends_with("BinaryObject");
}

int ChargeIndicatorIs(const Nav& nav, pugi::xml_node allowance, bool value) {
  std::string scratch;
  for (pugi::xml_node c : nav.Children(allowance, kCbc, "ChargeIndicator")) {
    std::string_view v = xml::TrimXml(StringValue(c, scratch));
    bool b;
    if (v == "true" || v == "1") {
      b = true;
    } else if (v == "false" || v == "0") {
      b = false;
    } else {
      return -1;
    }
    if (b == value) return 1;
  }
  return 0;
}

bool HoldsOnRoot(std::string_view id, const Nav& nav, const RootFacts& f) {
  pugi::xml_node root = f.root;
  std::string scratch;
  if (id == "UBL-CR-002") {
    return nav.Children(root, kCbc, "UBLVersionID").empty() ||
           SomeChildEquals(nav, root, kCbc, "UBLVersionID", "2.1");
  }
  if (id == "UBL-CR-412") {
    return f.credit_note ||
           !nav.Exists(root, UBL_PATH("cac:PaymentMeans/cbc:PaymentDueDate"));
  }
  if (id == "UBL-CR-665") {
    for (pugi::xml_node adr : f.additional_docs) {
      std::vector<pugi::xml_node> codes =
          nav.Children(adr, kCbc, "DocumentTypeCode");
      bool selected = codes.empty();
      for (pugi::xml_node c : codes) {
        if (StringValue(c, scratch) != "130") selected = true;
      }
      if (selected && nav.Exists(adr, UBL_PATH("cbc:ID/@schemeID")))
        return false;
    }
    return true;
  }
  if (id == "UBL-CR-666" || id == "UBL-CR-673") {
    const Path& tail = id == "UBL-CR-666" ? UBL_PATH("cac:Attachment")
                                          : UBL_PATH("cbc:DocumentDescription");
    for (pugi::xml_node adr : f.additional_docs) {
      if (SomeChildEquals(nav, adr, kCbc, "DocumentTypeCode", "130") &&
          nav.Exists(adr, tail)) {
        return false;
      }
    }
    return true;
  }
  if (id == "UBL-DT-18") return !f.name_attribute_elsewhere;
  if (id == "UBL-SR-04") {
    int count = 0;
    for (pugi::xml_node adr :
         nav.Children(root, kCac, "AdditionalDocumentReference")) {
      if (SomeChildEquals(nav, adr, kCbc, "DocumentTypeCode", "130")) {
        count += static_cast<int>(nav.Children(adr, kCbc, "ID").size());
      }
    }
    return count <= 1;
  }
  if (id == "UBL-SR-12") {
    return VatCompanyIdsAtMostOne(nav, root, "AccountingSupplierParty", true);
  }
  if (id == "UBL-SR-13") {
    return VatCompanyIdsAtMostOne(nav, root, "AccountingSupplierParty", false);
  }
  if (id == "UBL-SR-18") {
    return VatCompanyIdsAtMostOne(nav, root, "AccountingCustomerParty", true);
  }
  if (id == "UBL-SR-29") {
    int count = 0;
    for (pugi::xml_node n : f.party_ids) {
      if (UpperEquals(n.attribute("schemeID").value(), "SEPA")) ++count;
    }
    return count <= 1;
  }
  if (id == "UBL-SR-44") return AtMostOneDistinct(f.payment_ids);
  if (id == "UBL-SR-47") return AtMostOneDistinct(f.means_codes);
  return false;  // an id the table marks hand-written but this file lacks
}

bool HoldsOnNode(std::string_view id, const Nav& nav, pugi::xml_node n) {
  std::string scratch;
  // By far the most frequent context (every amount) is tested first.
  if (id == "UBL-DT-01") {
    std::string_view v = StringValue(n, scratch);
    std::size_t dot = v.find('.');
    return dot == std::string_view::npos || Utf8Length(v.substr(dot + 1)) <= 2;
  }
  if (id == "UBL-SR-51") return nav.Count(n, UBL_PATH("cac:AddressLine")) <= 1;
  if (id == "UBL-SR-43") {
    if (SomeChildEquals(nav, n, kCbc, "DocumentTypeCode", "130")) return true;
    pugi::xml_node root = n.root().first_child();
    while (root && root.type() != pugi::node_element) {
      root = root.next_sibling();
    }
    if (root && xml::LocalName(root.name()) == "CreditNote" &&
        SomeChildEquals(nav, n, kCbc, "DocumentTypeCode", "50")) {
      return true;
    }
    return !nav.Exists(n, UBL_PATH("cbc:ID/@schemeID")) &&
           !nav.Exists(n, UBL_PATH("cbc:DocumentTypeCode"));
  }
  if (id == "UBL-DT-06") return HasUnprefixedAttribute(n, "mimeCode");
  if (id == "UBL-DT-07") return HasUnprefixedAttribute(n, "filename");
  if (id == "UBL-SR-53") {
    return nav.Exists(n, UBL_PATH("cac:TaxScheme/cbc:ID")) &&
           nav.Exists(n, UBL_PATH("cbc:CompanyID"));
  }
  if (id == "UBL-SR-48") {
    return nav.Count(n, UBL_PATH("cac:Item/cac:ClassifiedTaxCategory")) == 1;
  }
  if (id == "UBL-SR-19") {
    return nav.Count(n, UBL_PATH("cac:PartyName/cbc:Name")) <= 1 &&
           PayeeNameDiffersFromSeller(nav, n);
  }
  if (id == "UBL-SR-20") {
    return PayeeIdsNotSepa(nav, n) <= 1 && PayeeNameDiffersFromSeller(nav, n);
  }
  if (id == "UBL-SR-21") {
    return nav.Count(n, UBL_PATH("cac:PartyLegalEntity/cbc:CompanyID")) <= 1 &&
           PayeeNameDiffersFromSeller(nav, n);
  }
  if (id == "UBL-SR-07") {
    return nav.Exists(n, UBL_PATH("cac:InvoiceDocumentReference/cbc:ID"));
  }
  return false;
}

}  // namespace chorus::rules::ubl
