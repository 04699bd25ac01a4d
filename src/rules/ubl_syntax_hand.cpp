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

// A path literal compiled once, at its first use.
#define UBL_PATH(text)                              \
  ([]() -> const Path& {                            \
    static const Path compiled = CompilePath(text); \
    return compiled;                                \
  }())

// Calls f(entry) for every child of `parent` named (ns, local), in order.
template <typename F>
void EachChild(const Nav& nav, int32_t parent, int ns, const xml::Name& local,
               F&& f) {
  for (int32_t c = nav.First(parent, ns, local); c >= 0;
       c = nav.Next(c, ns, local)) {
    f(c);
  }
}

int CountChildren(const Nav& nav, int32_t parent, int ns,
                  const xml::Name& local) {
  int n = 0;
  EachChild(nav, parent, ns, local, [&](int32_t) { ++n; });
  return n;
}

// count(a/b) for the child steps a = (ns_a, a), b = (ns_b, b).
int CountGrandchildren(const Nav& nav, int32_t parent, int ns_a,
                       const xml::Name& a, int ns_b, const xml::Name& b) {
  int n = 0;
  EachChild(nav, parent, ns_a, a,
            [&](int32_t c) { n += CountChildren(nav, c, ns_b, b); });
  return n;
}
bool HasGrandchild(const Nav& nav, int32_t parent, int ns_a, const xml::Name& a,
                   int ns_b, const xml::Name& b) {
  for (int32_t c = nav.First(parent, ns_a, a); c >= 0;
       c = nav.Next(c, ns_a, a)) {
    if (nav.First(c, ns_b, b) >= 0) return true;
  }
  return false;
}

// Some child named (ns, local) has string value `value`.
bool SomeChildEquals(const Nav& nav, int32_t n, int ns, const xml::Name& local,
                     std::string_view value) {
  std::string scratch;
  for (int32_t c = nav.First(n, ns, local); c >= 0;
       c = nav.Next(c, ns, local)) {
    if (nav.StringValue(c, scratch) == value) return true;
  }
  return false;
}

// cac:TaxScheme/upper-case(cbc:ID) = 'VAT' (is[1]) and != 'VAT' (is[0]),
// in one pass over the schemes: 1 true, 0 false, -1 dynamic error (a
// TaxScheme with several IDs before one that decides).
void TaxSchemeIsVat(const Nav& nav, int32_t party_tax_scheme, int is[2]) {
  constexpr int kUndecided = 2;
  is[0] = is[1] = kUndecided;
  std::string scratch;
  for (int32_t scheme = nav.First(party_tax_scheme, kCac, "TaxScheme");
       scheme >= 0; scheme = nav.Next(scheme, kCac, "TaxScheme")) {
    int32_t id = nav.First(scheme, kCbc, "ID");
    if (id >= 0 && nav.Next(id, kCbc, "ID") >= 0) {
      for (int k = 0; k < 2; ++k) {
        if (is[k] == kUndecided) is[k] = -1;
      }
      return;
    }
    std::string_view v = id < 0 ? "" : nav.StringValue(id, scratch);
    int& decided = is[UpperEquals(v, "VAT") ? 1 : 0];
    if (decided == kUndecided) decided = 1;
    if (is[0] != kUndecided && is[1] != kUndecided) return;
  }
  for (int k = 0; k < 2; ++k) {
    if (is[k] == kUndecided) is[k] = 0;
  }
}

// count(<role>/cac:Party/cac:PartyTaxScheme[VAT test]/cbc:CompanyID) <= 1
// over a role's tax schemes (in document order, as the walk collected
// them), for the test != 'VAT' (holds[0]) and = 'VAT' (holds[1]) at once.
void VatCompanyIdsAtMostOne(const Nav& nav,
                            const std::vector<int32_t>& tax_schemes,
                            bool holds[2]) {
  int count[2] = {0, 0};
  bool error[2] = {false, false};
  for (int32_t pts : tax_schemes) {
    if (error[0] && error[1]) break;
    int is[2];
    TaxSchemeIsVat(nav, pts, is);
    int ids = -1;  // CompanyID children, counted when first needed
    for (int k = 0; k < 2; ++k) {
      if (error[k]) continue;
      if (is[k] < 0) {
        error[k] = true;
      } else if (is[k] == 1) {
        if (ids < 0) ids = CountChildren(nav, pts, kCbc, "CompanyID");
        count[k] += ids;
      }
    }
  }
  for (int k = 0; k < 2; ++k) holds[k] = !error[k] && count[k] <= 1;
}

// In preorder, a's subtree is [a, end(a)).
bool IsAncestor(const Nav& nav, int32_t maybe_ancestor, int32_t n) {
  return maybe_ancestor < n && n < nav.index()[maybe_ancestor].end;
}

// count(//X[not(preceding::X/. = .)]) <= 1: at most one value among the
// nodes, where "preceding" excludes ancestors.
bool AtMostOneDistinct(const Nav& nav, const std::vector<int32_t>& nodes) {
  if (nodes.size() < 2) return true;
  // Values are taken again for each pair rather than copied: most are an
  // element's own text, which StringValue hands out without a copy.
  std::string scratch_i;
  std::string scratch_j;
  int firsts = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::string_view value = nav.StringValue(nodes[i], scratch_i);
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j) {
      seen = nav.StringValue(nodes[j], scratch_j) == value &&
             !IsAncestor(nav, nodes[j], nodes[i]);
    }
    if (!seen && ++firsts > 1) return false;
  }
  return true;
}

bool HasUnprefixedAttribute(const Nav& nav, int32_t n, std::string_view name) {
  return nav.index()[n].has_attributes &&
         nav.index().elements().FindAttribute(n, name) != nullptr;
}

std::string_view SchemeIdOf(const Nav& nav, int32_t n) {
  if (!nav.index()[n].has_attributes) return "";
  const xml::ElementIndex::Attribute* a =
      nav.index().elements().FindAttribute(n, "schemeID");
  return a == nullptr ? std::string_view() : a->value;
}

// (cac:PartyName/cbc:Name) != (../cac:AccountingSupplierParty/cac:Party/
// cac:PartyLegalEntity/cbc:RegistrationName): some pair differs. Pairs in
// any order give the same answer: the seller's names outside, so that no
// list of the payee's is kept.
bool ComputePayeeNameDiffersFromSeller(const Nav& nav, int32_t payee) {
  if (!HasGrandchild(nav, payee, kCac, "PartyName", kCbc, "Name")) {
    return false;
  }
  std::string seller_scratch;
  std::string payee_scratch;
  bool differs = false;
  int32_t parent = nav.index()[payee].parent;
  EachChild(nav, parent, kCac, "AccountingSupplierParty", [&](int32_t asp) {
    EachChild(nav, asp, kCac, "Party", [&](int32_t party) {
      EachChild(nav, party, kCac, "PartyLegalEntity", [&](int32_t ple) {
        EachChild(nav, ple, kCbc, "RegistrationName", [&](int32_t rn) {
          if (differs) return;
          std::string_view seller = nav.StringValue(rn, seller_scratch);
          EachChild(nav, payee, kCac, "PartyName", [&](int32_t pn) {
            EachChild(nav, pn, kCbc, "Name", [&](int32_t name) {
              if (!differs && nav.StringValue(name, payee_scratch) != seller) {
                differs = true;
              }
            });
          });
        });
      });
    });
  });
  return differs;
}

// UBL-SR-19, SR-20 and SR-21 each ask it of the same payee: once per payee.
bool PayeeNameDiffersFromSeller(const Nav& nav, int32_t payee) {
  Nav::Memo& memo = nav.payee_memo();
  if (memo.node != payee) {
    memo.value = ComputePayeeNameDiffersFromSeller(nav, payee);
    memo.node = payee;
  }
  return memo.value;
}

int PayeeIdsNotSepa(const Nav& nav, int32_t payee) {
  int count = 0;
  EachChild(nav, payee, kCac, "PartyIdentification", [&](int32_t pid) {
    EachChild(nav, pid, kCbc, "ID", [&](int32_t id) {
      if (!UpperEquals(SchemeIdOf(nav, id), "SEPA")) ++count;
    });
  });
  return count;
}

}  // namespace

Hand HandOf(std::string_view id) {
  struct Named {
    std::string_view id;
    Hand hand;
  };
  static constexpr Named kHands[] = {
      {"UBL-CR-002", Hand::kCr002}, {"UBL-CR-412", Hand::kCr412},
      {"UBL-CR-665", Hand::kCr665}, {"UBL-CR-666", Hand::kCr666},
      {"UBL-CR-673", Hand::kCr673}, {"UBL-DT-18", Hand::kDt18},
      {"UBL-SR-04", Hand::kSr04},   {"UBL-SR-12", Hand::kSr12},
      {"UBL-SR-13", Hand::kSr13},   {"UBL-SR-18", Hand::kSr18},
      {"UBL-SR-29", Hand::kSr29},   {"UBL-SR-44", Hand::kSr44},
      {"UBL-SR-47", Hand::kSr47},   {"UBL-DT-01", Hand::kDt01},
      {"UBL-SR-51", Hand::kSr51},   {"UBL-SR-43", Hand::kSr43},
      {"UBL-DT-06", Hand::kDt06},   {"UBL-DT-07", Hand::kDt07},
      {"UBL-SR-53", Hand::kSr53},   {"UBL-SR-48", Hand::kSr48},
      {"UBL-SR-19", Hand::kSr19},   {"UBL-SR-20", Hand::kSr20},
      {"UBL-SR-21", Hand::kSr21},   {"UBL-SR-07", Hand::kSr07},
  };
  for (const Named& n : kHands) {
    if (n.id == id) return n.hand;
  }
  return Hand::kUnknown;
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

int AllowanceRuleOf(const Nav& nav, int32_t allowance) {
  if (ChargeIndicatorIs(nav, allowance, false) == 1) return kAllowanceRule;
  if (ChargeIndicatorIs(nav, allowance, true) == 1) return kChargeRule;
  return -1;
}

void CollectPartyIds(const Nav& nav, int32_t party_identification,
                     RootFacts& facts) {
  static constexpr xml::Name kId("ID");
  for (int32_t id = nav.First(party_identification, kCbc, kId); id >= 0;
       id = nav.Next(id, kCbc, kId)) {
    facts.party_ids.push_back(id);
  }
}

bool HasAllowanceChargeChild(const Nav& nav, int32_t price) {
  return nav.index().elements().Find(price, kCac, "AllowanceCharge") >= 0;
}

int ChargeIndicatorIs(const Nav& nav, int32_t allowance, bool value) {
  std::string scratch;
  for (int32_t c = nav.First(allowance, kCbc, "ChargeIndicator"); c >= 0;
       c = nav.Next(c, kCbc, "ChargeIndicator")) {
    std::string_view v = xml::TrimXml(nav.StringValue(c, scratch));
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

void GatherRootChildren(const Nav& nav, RootFacts& f) {
  const DocIndex& index = nav.index();
  auto is = [](const DocIndex::Entry& e, int ns, const xml::Name& name) {
    return e.key == name.key() && e.ns == ns &&
           (e.local.size() < 8 || SameTail(e.local, name.text()));
  };
  for (int32_t c = index[f.root].first_child; c >= 0; c = index[c].next) {
    const DocIndex::Entry& e = index[c];
    if (is(e, kCbc, "UBLVersionID")) {
      f.version_ids.push_back(c);
    } else if (is(e, kCac, "PaymentMeans")) {
      f.payment_means.push_back(c);
    }
  }
  for (int32_t adr : f.additional_docs) {
    if (SomeChildEquals(nav, adr, kCbc, "DocumentTypeCode", "130")) {
      f.additional_130.push_back(adr);
    }
  }
  VatCompanyIdsAtMostOne(nav, f.supplier_tax_schemes, f.supplier_vat_ids_ok);
  bool customer[2];
  VatCompanyIdsAtMostOne(nav, f.customer_tax_schemes, customer);
  f.customer_vat_ids_ok = customer[1];
}

namespace {

// The root asserts that read values, out of line: HoldsOnRoot runs a dozen
// times a document, most of them on facts gathered already.
[[gnu::noinline]] bool VersionIs21(const Nav& nav, const RootFacts& f) {
  std::string scratch;
  for (int32_t v : f.version_ids) {
    if (nav.StringValue(v, scratch) == "2.1") return true;
  }
  return f.version_ids.empty();
}

[[gnu::noinline]] bool NoSchemeIdOffType130(const Nav& nav,
                                            const RootFacts& f) {
  std::string scratch;
  for (int32_t adr : f.additional_docs) {
    int32_t code = nav.First(adr, kCbc, "DocumentTypeCode");
    bool selected = code < 0;
    for (; code >= 0; code = nav.Next(code, kCbc, "DocumentTypeCode")) {
      if (nav.StringValue(code, scratch) != "130") selected = true;
    }
    if (selected && nav.Exists(adr, UBL_PATH("cbc:ID/@schemeID"))) {
      return false;
    }
  }
  return true;
}

[[gnu::noinline]] bool NoDueDateInPaymentMeans(const Nav& nav,
                                               const RootFacts& f) {
  if (f.credit_note) return true;
  for (int32_t pm : f.payment_means) {
    if (nav.First(pm, kCbc, "PaymentDueDate") >= 0) return false;
  }
  return true;
}

[[gnu::noinline]] bool NoneOfType130Has(const Nav& nav, const RootFacts& f,
                                        Hand hand) {
  const Path& tail = hand == Hand::kCr666 ? UBL_PATH("cac:Attachment")
                                          : UBL_PATH("cbc:DocumentDescription");
  for (int32_t adr : f.additional_130) {
    if (nav.Exists(adr, tail)) return false;
  }
  return true;
}

[[gnu::noinline]] bool AtMostOneIdOfType130(const Nav& nav,
                                            const RootFacts& f) {
  int count = 0;
  for (int32_t adr : f.additional_130) {
    if (nav.index()[adr].parent == f.root) {  // a child of the root
      count += CountChildren(nav, adr, kCbc, "ID");
    }
  }
  return count <= 1;
}

[[gnu::noinline]] bool AtMostOneSepaId(const Nav& nav, const RootFacts& f) {
  int count = 0;
  for (int32_t n : f.party_ids) {
    if (UpperEquals(SchemeIdOf(nav, n), "SEPA")) ++count;
  }
  return count <= 1;
}

}  // namespace

// Every case answers from the facts or calls one function out of line (a
// tail call): so that the dozen calls a document makes save no registers.
bool HoldsOnRoot(Hand hand, const Nav& nav, const RootFacts& f) {
  switch (hand) {
    case Hand::kCr002:
      return VersionIs21(nav, f);
    case Hand::kCr412:
      return NoDueDateInPaymentMeans(nav, f);
    case Hand::kCr665:
      return NoSchemeIdOffType130(nav, f);
    case Hand::kCr666:
    case Hand::kCr673:
      return NoneOfType130Has(nav, f, hand);
    case Hand::kDt18:
      return !f.name_attribute_elsewhere;
    case Hand::kSr04:
      return AtMostOneIdOfType130(nav, f);
    case Hand::kSr12:
      return f.supplier_vat_ids_ok[1];
    case Hand::kSr13:
      return f.supplier_vat_ids_ok[0];
    case Hand::kSr18:
      return f.customer_vat_ids_ok;
    case Hand::kSr29:
      return AtMostOneSepaId(nav, f);
    case Hand::kSr44:
      return AtMostOneDistinct(nav, f.payment_ids);
    case Hand::kSr47:
      return AtMostOneDistinct(nav, f.means_codes);
    default:
      return false;
  }
}

bool HoldsOnNode(Hand hand, const Nav& nav, int32_t n) {
  std::string scratch;
  switch (hand) {
    case Hand::kDt01: {
      const DocIndex::Entry& e = nav.index()[n];
      std::string_view v =
          e.first_child < 0 ? e.raw : nav.StringValue(n, scratch);
      return AtMostTwoDecimals(v);
    }
    case Hand::kSr51:
      return CountChildren(nav, n, kCac, "AddressLine") <= 1;
    case Hand::kSr43:
      if (SomeChildEquals(nav, n, kCbc, "DocumentTypeCode", "130")) {
        return true;
      }
      // The root element's local name, whatever its namespace.
      if (nav.index()[0].local == "CreditNote" &&
          SomeChildEquals(nav, n, kCbc, "DocumentTypeCode", "50")) {
        return true;
      }
      return !nav.Exists(n, UBL_PATH("cbc:ID/@schemeID")) &&
             !nav.Exists(n, UBL_PATH("cbc:DocumentTypeCode"));
    case Hand::kDt06:
      return HasUnprefixedAttribute(nav, n, "mimeCode");
    case Hand::kDt07:
      return HasUnprefixedAttribute(nav, n, "filename");
    case Hand::kSr53:
      return HasGrandchild(nav, n, kCac, "TaxScheme", kCbc, "ID") &&
             nav.First(n, kCbc, "CompanyID") >= 0;
    case Hand::kSr48:
      return CountGrandchildren(nav, n, kCac, "Item", kCac,
                                "ClassifiedTaxCategory") == 1;
    case Hand::kSr19:
      return CountGrandchildren(nav, n, kCac, "PartyName", kCbc, "Name") <= 1 &&
             PayeeNameDiffersFromSeller(nav, n);
    case Hand::kSr20:
      return PayeeIdsNotSepa(nav, n) <= 1 && PayeeNameDiffersFromSeller(nav, n);
    case Hand::kSr21:
      return CountGrandchildren(nav, n, kCac, "PartyLegalEntity", kCbc,
                                "CompanyID") <= 1 &&
             PayeeNameDiffersFromSeller(nav, n);
    case Hand::kSr07:
      return HasGrandchild(nav, n, kCac, "InvoiceDocumentReference", kCbc,
                           "ID");
    default:
      return false;
  }
}

}  // namespace chorus::rules::ubl
