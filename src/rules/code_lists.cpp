// BR-CL-*: the code list rules, on the XML, as the official artefacts
// phrase them for each syntax (the "Codesmodel" pattern of the UBL artefact
// plus its BR-CL-08 in "UBL-model"; the "EN16931-Codes" pattern of the CII
// artefact).
//
// One pass over the document. Each element is first dispatched on its local
// name to the few rules whose context can end on it; the rules are then
// tried in artefact order and only the first whose whole context matches
// asserts on the element, as a Schematron pattern does.
#include "rules/code_lists.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <pugixml.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format/xml_ns.h"
#include "rules/code_lists_eval.h"
#include "rules/engine_internal.h"

namespace chorus::rules {
namespace {

namespace x = chorus::xml;
using code_lists_eval::Walk;

// Namespace ids of the shared DocIndex.
enum UblNs {
  kUblInvoiceNs = kNsInvoice,
  kUblCreditNoteNs = kNsCreditNote,
  kCacNs = kNsCac,
  kCbcNs = kNsCbc
};
enum CiiNs {
  kRsmNs = kNsRsm,
  kRamNs = kNsRam,
  kUdtNs = kNsUdt,
  kQdtNs = kNsQdt
};

// Attribute names, as template arguments need them.
constexpr char kUnitCode[] = "unitCode";
constexpr char kMimeCode[] = "mimeCode";
constexpr char kCurrencyId[] = "currencyID";
constexpr char kSchemeId[] = "schemeID";
constexpr char kListId[] = "listID";

// What an assertion checks. Most BR-CL tests read
//   not(contains(normalize-space(V), ' ')) and
//   contains(LIST, concat(' ', normalize-space(V), ' '))
// with V the element (".") or one of its attributes; the rest are custom.
using CustomTest = bool (*)(const Walk&, int32_t);
struct Check {
  const char* attribute = nullptr;  // nullptr: the element's string value
  CodeList list = CodeList::kCount;
  bool upper_case = false;      // BR-CL-22 upper-cases the value
  CustomTest custom = nullptr;  // replaces the above when set
};

Check TextIn(CodeList list) {
  Check c;
  c.list = list;
  return c;
}
Check UpperTextIn(CodeList list) {
  Check c = TextIn(list);
  c.upper_case = true;
  return c;
}
Check AttributeIn(const char* attribute, CodeList list) {
  Check c = TextIn(list);
  c.attribute = attribute;
  return c;
}
Check Custom(CustomTest test) {
  Check c;
  c.custom = test;
  return c;
}

// The context besides the element's own name: parent step, predicates.
using ContextTest = bool (*)(const Walk&, int32_t);

// A context step the element's parent must match; no local: none.
// (`alt`: a second name taken alike). Contexts that test more keep their
// own parent test too; the step only rules elements out early.
struct ParentStep {
  int ns = 0;
  const char* local = nullptr;
  const char* alt = nullptr;
};

struct Rule {
  std::string_view id;
  int ns;  // namespace of the context's last step
  std::vector<std::string_view> locals;
  ContextTest context;  // nullptr: the name (and parent) alone match
  Check check;
  // Tested before `context`, inline: most contexts name the parent.
  ParentStep parent = {};
};

bool Standard(const Walk& w, int32_t n, const Check& c) {
  return w.InList(n, c.attribute, c.list, c.upper_case);
}

// ---------------------------------------------------------------- UBL

bool HasSchemeId(const Walk& w, int32_t n) {
  return w.Attribute(n, "schemeID");
}

constexpr char kInvoicePeriod[] = "InvoicePeriod";
constexpr char kPartyIdentification[] = "PartyIdentification";
constexpr char kPartyLegalEntity[] = "PartyLegalEntity";
constexpr char kCountry[] = "Country";
constexpr char kOriginCountry[] = "OriginCountry";
constexpr char kPaymentMeans[] = "PaymentMeans";
constexpr char kTaxCategory[] = "TaxCategory";
constexpr char kClassifiedTaxCategory[] = "ClassifiedTaxCategory";
constexpr char kStandardItemIdentification[] = "StandardItemIdentification";
constexpr char kDeliveryLocation[] = "DeliveryLocation";

// cac:AdditionalDocumentReference[cbc:DocumentTypeCode = '130']/cbc:ID
// [@schemeID] | cac:DocumentReference[...]/cbc:ID[@schemeID]
bool UblObjectIdContext(const Walk& w, int32_t n) {
  int32_t p = w.Parent(n);
  if (!w.IsElement(p, kCacNs, "AdditionalDocumentReference") &&
      !w.IsElement(p, kCacNs, "DocumentReference")) {
    return false;
  }
  return w.Attribute(n, "schemeID") &&
         w.AnyChildStringEquals(p, kCbcNs, "DocumentTypeCode", "130");
}

bool UblItemClassificationContext(const Walk& w, int32_t n) {
  return w.IsElement(w.Parent(n), kCacNs, "CommodityClassification") &&
         w.Attribute(n, "listID");
}

template <bool kCharge>
bool UblReasonCodeContext(const Walk& w, int32_t n) {
  int32_t p = w.Parent(n);
  if (!w.IsElement(p, kCacNs, "AllowanceCharge")) return false;
  const int path[] = {kCbcNs};
  const std::string_view names[] = {"ChargeIndicator"};
  return w.BooleanPredicate(p, path, names, kCharge);
}

template <const char* kAttribute>
bool HasAttribute(const Walk& w, int32_t n) {
  return w.Attribute(n, kAttribute);
}

// /ubl:Invoice/cbc:Note | /cn:CreditNote/cbc:Note
bool UblDocumentNoteContext(const Walk& w, int32_t n) {
  int32_t p = w.Parent(n);
  if (p < 0 || w.Parent(p) >= 0) return false;  // p: the root element
  return w.IsElement(p, kUblInvoiceNs, "Invoice") ||
         w.IsElement(p, kUblCreditNoteNs, "CreditNote");
}

bool UblDocumentTypeTest(const Walk& w, int32_t n) {
  // The context is InvoiceTypeCode | CreditNoteTypeCode, so "not an
  // invoice type code" is the self::cbc:CreditNoteTypeCode branch.
  bool invoice = w.IsElement(n, kCbcNs, "InvoiceTypeCode");
  return Standard(w, n,
                  TextIn(invoice ? CodeList::kUncl1001InvoiceUbl
                                 : CodeList::kUncl1001CreditNoteUbl));
}

bool UblPartyIdTest(const Walk& w, int32_t n) {
  if (Standard(w, n, AttributeIn(kSchemeId, CodeList::kIso6523Icd))) {
    return true;
  }
  if (!Standard(w, n, AttributeIn(kSchemeId, CodeList::kSepa))) return false;
  return w.HasAncestor(n, kCacNs, "AccountingSupplierParty") ||
         w.HasAncestor(n, kCacNs, "PayeeParty");
}

// (contains(.,'#') and string-length(S)=3 and contains(LIST, S)) or
// not(contains(.,'#')) or not(string-length(S)=3), where
// S = substring-before(substring-after(.,'#'),'#').
bool UblNoteSubjectTest(const Walk& w, int32_t n) {
  std::string_view value = w.StringValue(n);
  std::size_t first = value.find('#');
  if (first == std::string_view::npos) return true;
  std::string_view after = value.substr(first + 1);
  std::size_t second = after.find('#');
  std::string_view subject = second == std::string_view::npos
                                 ? std::string_view()
                                 : after.substr(0, second);
  if (code_lists_eval::CodePoints(subject) != 3) return true;
  return ListHasSubstring(CodeList::kUncl4451Ubl, subject);
}

bool MimeTest(const Walk& w, int32_t n) {
  return ListHasExact(CodeList::kMime, w.Attribute(n, "mimeCode").value());
}

std::vector<Rule> UblRules() {
  return {
      // Pattern "Codesmodel", in artefact order.
      {"BR-CL-01",
       kCbcNs,
       {"InvoiceTypeCode", "CreditNoteTypeCode"},
       nullptr,
       Custom(UblDocumentTypeTest)},
      {"BR-CL-03",
       kCbcNs,
       {"Amount", "BaseAmount", "PriceAmount", "TaxAmount", "TaxableAmount",
        "LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount",
        "AllowanceTotalAmount", "ChargeTotalAmount", "PrepaidAmount",
        "PayableRoundingAmount", "PayableAmount"},
       nullptr,
       AttributeIn(kCurrencyId, CodeList::kIso4217)},
      {"BR-CL-04",
       kCbcNs,
       {"DocumentCurrencyCode"},
       nullptr,
       TextIn(CodeList::kIso4217)},
      {"BR-CL-05",
       kCbcNs,
       {"TaxCurrencyCode"},
       nullptr,
       TextIn(CodeList::kIso4217)},
      {"BR-CL-06",
       kCbcNs,
       {"DescriptionCode"},
       nullptr,
       TextIn(CodeList::kUncl2005Subset),
       {kCacNs, kInvoicePeriod}},
      {"BR-CL-07",
       kCbcNs,
       {"ID"},
       UblObjectIdContext,
       AttributeIn(kSchemeId, CodeList::kUncl1153),
       {kCacNs, "AdditionalDocumentReference", "DocumentReference"}},
      {"BR-CL-10",
       kCbcNs,
       {"ID"},
       HasSchemeId,
       Custom(UblPartyIdTest),
       {kCacNs, kPartyIdentification}},
      {"BR-CL-11",
       kCbcNs,
       {"CompanyID"},
       HasSchemeId,
       AttributeIn(kSchemeId, CodeList::kIso6523Icd),
       {kCacNs, kPartyLegalEntity}},
      {"BR-CL-13",
       kCbcNs,
       {"ItemClassificationCode"},
       UblItemClassificationContext,
       AttributeIn(kListId, CodeList::kUncl7143),
       {kCacNs, "CommodityClassification"}},
      {"BR-CL-14",
       kCbcNs,
       {"IdentificationCode"},
       nullptr,
       TextIn(CodeList::kIso3166Ubl),
       {kCacNs, kCountry}},
      {"BR-CL-15",
       kCbcNs,
       {"IdentificationCode"},
       nullptr,
       TextIn(CodeList::kIso3166Ubl),
       {kCacNs, kOriginCountry}},
      {"BR-CL-16",
       kCbcNs,
       {"PaymentMeansCode"},
       nullptr,
       TextIn(CodeList::kUncl4461),
       {kCacNs, kPaymentMeans}},
      {"BR-CL-17",
       kCbcNs,
       {"ID"},
       nullptr,
       TextIn(CodeList::kUncl5305),
       {kCacNs, kTaxCategory}},
      {"BR-CL-18",
       kCbcNs,
       {"ID"},
       nullptr,
       TextIn(CodeList::kUncl5305),
       {kCacNs, kClassifiedTaxCategory}},
      {"BR-CL-19",
       kCbcNs,
       {"AllowanceChargeReasonCode"},
       UblReasonCodeContext<false>,
       TextIn(CodeList::kUncl5189),
       {kCacNs, "AllowanceCharge"}},
      {"BR-CL-20",
       kCbcNs,
       {"AllowanceChargeReasonCode"},
       UblReasonCodeContext<true>,
       TextIn(CodeList::kUncl7161),
       {kCacNs, "AllowanceCharge"}},
      {"BR-CL-21",
       kCbcNs,
       {"ID"},
       HasSchemeId,
       AttributeIn(kSchemeId, CodeList::kIso6523Icd),
       {kCacNs, kStandardItemIdentification}},
      {"BR-CL-22",
       kCbcNs,
       {"TaxExemptionReasonCode"},
       nullptr,
       UpperTextIn(CodeList::kVatex)},
      {"BR-CL-23",
       kCbcNs,
       {"InvoicedQuantity", "BaseQuantity", "CreditedQuantity"},
       HasAttribute<kUnitCode>,
       AttributeIn(kUnitCode, CodeList::kUnece20And21)},
      {"BR-CL-24",
       kCbcNs,
       {"EmbeddedDocumentBinaryObject"},
       HasAttribute<kMimeCode>,
       Custom(MimeTest)},
      {"BR-CL-25",
       kCbcNs,
       {"EndpointID"},
       HasSchemeId,
       AttributeIn(kSchemeId, CodeList::kEas)},
      {"BR-CL-26",
       kCbcNs,
       {"ID"},
       HasSchemeId,
       AttributeIn(kSchemeId, CodeList::kIso6523Icd),
       {kCacNs, kDeliveryLocation}},
  };
}

// Pattern "UBL-model": no rule before BR-CL-08's can match a cbc:Note child
// of the root (they all end on cac: elements or on the root itself), so it
// runs as a pattern of its own.
std::vector<Rule> UblModelRules() {
  return {{"BR-CL-08",
           kCbcNs,
           {"Note"},
           UblDocumentNoteContext,
           Custom(UblNoteSubjectTest)}};
}

// ---------------------------------------------------------------- CII

constexpr char kExchangedDocument[] = "ExchangedDocument";
constexpr char kOriginTradeCountry[] = "OriginTradeCountry";
constexpr char kPaymentMeansCii[] = "SpecifiedTradeSettlementPaymentMeans";
constexpr char kCategoryTradeTax[] = "CategoryTradeTax";
constexpr char kApplicableTradeTax[] = "ApplicableTradeTax";
constexpr char kSpecifiedTradeProduct[] = "SpecifiedTradeProduct";
constexpr char kUriCommunication[] = "URIUniversalCommunication";

// //ram:GlobalID[@schemeID][not(ancestor::ram:SpecifiedTradeProduct) and
// not(ancestor::ram:ShipToTradeParty)]
bool CiiGlobalIdContext(const Walk& w, int32_t n) {
  return w.Attribute(n, "schemeID") &&
         !w.HasAncestor(n, kRamNs, "SpecifiedTradeProduct") &&
         !w.HasAncestor(n, kRamNs, "ShipToTradeParty");
}

// ram:ID[@schemeID][not(ancestor::ram:SpecifiedTaxRegistration)]
bool CiiRegistrationIdContext(const Walk& w, int32_t n) {
  return w.Attribute(n, "schemeID") &&
         !w.HasAncestor(n, kRamNs, "SpecifiedTaxRegistration");
}

template <bool kCharge>
bool CiiReasonCodeContext(const Walk& w, int32_t n) {
  int32_t p = w.Parent(n);
  if (!w.IsElement(p, kRamNs, "SpecifiedTradeAllowanceCharge")) return false;
  const int path[] = {kRamNs, kUdtNs};
  const std::string_view names[] = {"ChargeIndicator", "Indicator"};
  return w.BooleanPredicate(p, path, names, kCharge);
}

// ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty/ram:GlobalID
// [@schemeID]
bool CiiShipToGlobalIdContext(const Walk& w, int32_t n) {
  int32_t p = w.Parent(n);
  return w.IsElement(p, kRamNs, "ShipToTradeParty") &&
         w.IsElement(w.Parent(p), kRamNs, "ApplicableHeaderTradeDelivery") &&
         w.Attribute(n, "schemeID");
}

std::vector<Rule> CiiRules() {
  return {
      // Pattern "EN16931-Codes", in artefact order.
      {"BR-CL-01",
       kRamNs,
       {"TypeCode"},
       nullptr,
       TextIn(CodeList::kUncl1001Cii),
       {kRsmNs, kExchangedDocument}},
      {"BR-CL-03",
       kRamNs,
       {"TaxTotalAmount"},
       HasAttribute<kCurrencyId>,
       AttributeIn(kCurrencyId, CodeList::kIso4217)},
      {"BR-CL-04",
       kRamNs,
       {"InvoiceCurrencyCode"},
       nullptr,
       TextIn(CodeList::kIso4217)},
      {"BR-CL-05",
       kRamNs,
       {"TaxCurrencyCode"},
       nullptr,
       TextIn(CodeList::kIso4217)},
      {"BR-CL-06",
       kRamNs,
       {"DueDateTypeCode"},
       nullptr,
       TextIn(CodeList::kUncl2475Subset)},
      {"BR-CL-07",
       kRamNs,
       {"ReferenceTypeCode"},
       nullptr,
       TextIn(CodeList::kUncl1153)},
      {"BR-CL-08",
       kRamNs,
       {"SubjectCode"},
       nullptr,
       TextIn(CodeList::kUncl4451Cii)},
      {"BR-CL-10",
       kRamNs,
       {"GlobalID"},
       CiiGlobalIdContext,
       AttributeIn(kSchemeId, CodeList::kIso6523Icd)},
      {"BR-CL-11",
       kRamNs,
       {"ID"},
       CiiRegistrationIdContext,
       AttributeIn(kSchemeId, CodeList::kIso6523Icd)},
      {"BR-CL-13",
       kRamNs,
       {"ClassCode"},
       HasAttribute<kListId>,
       AttributeIn(kListId, CodeList::kUncl7143)},
      {"BR-CL-14",
       kRamNs,
       {"CountryID"},
       nullptr,
       TextIn(CodeList::kIso3166Cii)},
      {"BR-CL-15",
       kRamNs,
       {"ID"},
       nullptr,
       TextIn(CodeList::kIso3166Cii),
       {kRamNs, kOriginTradeCountry}},
      {"BR-CL-16",
       kRamNs,
       {"TypeCode"},
       nullptr,
       TextIn(CodeList::kUncl4461),
       {kRamNs, kPaymentMeansCii}},
      {"BR-CL-17",
       kRamNs,
       {"CategoryCode"},
       nullptr,
       TextIn(CodeList::kUncl5305),
       {kRamNs, kCategoryTradeTax}},
      {"BR-CL-18",
       kRamNs,
       {"CategoryCode"},
       nullptr,
       TextIn(CodeList::kUncl5305),
       {kRamNs, kApplicableTradeTax}},
      {"BR-CL-19",
       kRamNs,
       {"ReasonCode"},
       CiiReasonCodeContext<false>,
       TextIn(CodeList::kUncl5189),
       {kRamNs, "SpecifiedTradeAllowanceCharge"}},
      {"BR-CL-20",
       kRamNs,
       {"ReasonCode"},
       CiiReasonCodeContext<true>,
       TextIn(CodeList::kUncl7161),
       {kRamNs, "SpecifiedTradeAllowanceCharge"}},
      {"BR-CL-21",
       kRamNs,
       {"GlobalID"},
       HasSchemeId,
       AttributeIn(kSchemeId, CodeList::kIso6523Icd),
       {kRamNs, kSpecifiedTradeProduct}},
      {"BR-CL-22",
       kRamNs,
       {"ExemptionReasonCode"},
       nullptr,
       UpperTextIn(CodeList::kVatex)},
      {"BR-CL-23",
       kRamNs,
       {"BasisQuantity", "BilledQuantity"},
       HasAttribute<kUnitCode>,
       AttributeIn(kUnitCode, CodeList::kUnece20And21)},
      {"BR-CL-24",
       kRamNs,
       {"AttachmentBinaryObject"},
       HasAttribute<kMimeCode>,
       Custom(MimeTest)},
      {"BR-CL-25",
       kRamNs,
       {"URIID"},
       HasSchemeId,
       AttributeIn(kSchemeId, CodeList::kEas),
       {kRamNs, kUriCommunication}},
      {"BR-CL-26",
       kRamNs,
       {"GlobalID"},
       CiiShipToGlobalIdContext,
       AttributeIn(kSchemeId, CodeList::kIso6523Icd),
       {kRamNs, "ShipToTradeParty"}},
  };
}

// Patterns compiled for dispatch: each element name some context ends on,
// with the rules that can take it (in pattern order, then artefact order),
// in an open-addressing table keyed by namespace and NameKey.
class Dispatch {
 public:
  explicit Dispatch(std::vector<std::vector<Rule>> patterns)
      : patterns_(std::move(patterns)) {
    for (std::size_t p = 0; p < patterns_.size(); ++p) {
      for (const Rule& rule : patterns_[p]) {
        for (std::string_view local : rule.locals) {
          Candidate c{&rule, static_cast<int>(p)};
          if (rule.parent.local != nullptr) {
            c.parent_local = rule.parent.local;
            c.parent_key = x::NameKey(c.parent_local);
            c.parent_ns = rule.parent.ns;
            if (rule.parent.alt != nullptr) {
              c.parent_alt = rule.parent.alt;
              c.parent_alt_key = x::NameKey(c.parent_alt);
            }
          }
          groups_[GroupOf(rule.ns, local)].candidates.push_back(c);
        }
      }
    }
    std::size_t size = 16;
    while (size < 8 * groups_.size()) size <<= 1;  // most lookups miss
    slots_.assign(size, -1);
    mask_ = size - 1;
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      std::size_t i = Hash(groups_[g].ns, groups_[g].key) & mask_;
      while (slots_[i] >= 0) i = (i + 1) & mask_;
      slots_[i] = static_cast<int>(g);
      filter_.Add(groups_[g].ns, groups_[g].key);
    }
  }

  // False when no rule can take an element of that name: a few
  // instructions that spare most elements the table lookup.
  bool MayTake(const DocIndex::Entry& e) const { return filter_.MayHold(e); }

  void Visit(const Walk& w, const RunContext& ctx, int32_t n) const {
    const DocIndex::Entry& e = w.index()[n];
    const Group* group = Find(e);
    if (group == nullptr) return;
    // The parent, read once for all candidates (null for the root).
    const DocIndex::Entry* parent =
        e.parent >= 0 ? &w.index()[e.parent] : nullptr;
    int done = -1;  // the pattern whose first matching rule has run
    for (const Candidate& c : group->candidates) {
      if (c.pattern == done) continue;
      if (!c.parent_local.empty() && !c.ParentMatches(parent)) continue;
      const Rule& rule = *c.rule;
      if (rule.context != nullptr && !rule.context(w, n)) continue;
      bool ok = rule.check.custom != nullptr ? rule.check.custom(w, n)
                                             : Standard(w, n, rule.check);
      if (!ok) ctx.Fail(rule.id, e.node);
      done = c.pattern;
    }
  }

 private:
  struct Candidate {
    const Rule* rule;
    int pattern;
    // The rule's parent step ("" for none), with NameKeys.
    std::string_view parent_local = {};
    std::string_view parent_alt = {};
    uint64_t parent_key = 0;
    uint64_t parent_alt_key = 0;
    int parent_ns = 0;

    // As Walk::IsElement(p, parent_ns, parent_local or parent_alt), by key
    // first.
    bool ParentMatches(const DocIndex::Entry* p) const {
      if (p == nullptr) return false;
      const DocIndex::Entry& e = *p;
      if (e.ns != parent_ns) return false;
      const bool long_name = e.local.size() >= 8;
      if (e.key == parent_key &&
          (!long_name || ShortEqual(e.local, parent_local))) {
        return true;
      }
      return !parent_alt.empty() && e.key == parent_alt_key &&
             (!long_name || ShortEqual(e.local, parent_alt));
    }
  };
  struct Group {
    int ns;
    std::string_view local;
    uint64_t key;
    std::vector<Candidate> candidates;
  };

  static std::size_t Hash(int ns, uint64_t key) {
    uint64_t h = (key ^ static_cast<uint64_t>(ns + 2)) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h ^ (h >> 31));
  }

  std::size_t GroupOf(int ns, std::string_view local) {
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      if (groups_[g].ns == ns && groups_[g].local == local) return g;
    }
    groups_.push_back(Group{ns, local, x::NameKey(local), {}});
    return groups_.size() - 1;
  }

  // NameKey holds the length and the first seven bytes: equal keys are
  // equal names below eight bytes.
  const Group* Find(const DocIndex::Entry& e) const {
    for (std::size_t i = Hash(e.ns, e.key) & mask_;; i = (i + 1) & mask_) {
      int g = slots_[i];
      if (g < 0) return nullptr;
      const Group& group = groups_[static_cast<std::size_t>(g)];
      if (group.key == e.key && group.ns == e.ns &&
          (e.local.size() < 8 || ShortEqual(group.local, e.local))) {
        return &group;
      }
    }
  }

  std::vector<std::vector<Rule>> patterns_;
  std::vector<Group> groups_;
  std::vector<int> slots_;
  std::size_t mask_ = 0;
  NameFilter filter_;
};

// Document order: the index lists elements in preorder.
void Run(const RunContext& ctx, const Dispatch& dispatch) {
  const DocIndex& index = ctx.Index();
  Walk w(index);
  const int32_t size = index.size();
  if (size == 0) return;
  // A local base: the loop keeps it in a register across the calls.
  const DocIndex::Entry* entries = &index[0];
  for (int32_t n = 0; n < size; ++n) {
    if (dispatch.MayTake(entries[n])) dispatch.Visit(w, ctx, n);
  }
}

}  // namespace

void CheckCodeListRules(const RunContext& ctx) {
  if (ctx.syntax == Syntax::kUbl) {
    static const Dispatch ubl({UblRules(), UblModelRules()});
    Run(ctx, ubl);
  } else {
    static const Dispatch cii({CiiRules()});
    Run(ctx, cii);
  }
}

}  // namespace chorus::rules
