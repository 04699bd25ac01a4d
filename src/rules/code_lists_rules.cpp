// The BR-CL rule tables and their context and custom tests
// (code_lists_rules.h).
#include "rules/code_lists_rules.h"

#include <cstddef>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/doc_index.h"

namespace chorus::rules::code_lists_rules {
namespace {

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

// ---------------------------------------------------------------- UBL

bool HasSchemeId(const Walk& w, int32_t n) {
  return w.Attribute(n, "schemeID") != nullptr;
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
         w.Attribute(n, "listID") != nullptr;
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
  return w.Attribute(n, kAttribute) != nullptr;
}

// /ubl:Invoice/cbc:Note | /cn:CreditNote/cbc:Note
bool UblDocumentNoteContext(const Walk& w, int32_t n) {
  int32_t p = w.Parent(n);
  if (p < 0 || w.Parent(p) >= 0) return false;  // p: the root element
  return w.IsElement(p, kUblInvoiceNs, "Invoice") ||
         w.IsElement(p, kUblCreditNoteNs, "CreditNote");
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
  return ListHasExact(CodeList::kMime, w.AttributeValue(n, "mimeCode"));
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
         !w.HasAncestor(n, kRamNs, "SpecifiedTradeProduct", "ShipToTradeParty");
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
         w.Attribute(n, "schemeID") != nullptr;
}

}  // namespace

std::string_view PresenceOf(ContextTest context) {
  if (context == HasSchemeId) {
    return kSchemeId;
  }
  for (const auto& [test, name] :
       {std::pair<ContextTest, const char*>{HasAttribute<kUnitCode>, kUnitCode},
        {HasAttribute<kMimeCode>, kMimeCode},
        {HasAttribute<kCurrencyId>, kCurrencyId},
        {HasAttribute<kListId>, kListId}}) {
    if (context == test) return name;
  }
  return {};
}

std::vector<Rule> UblRules() {
  return {
      // Pattern "Codesmodel", in artefact order.
      // The context is InvoiceTypeCode | CreditNoteTypeCode, the list
      // chosen by the name: as two rules, an element matches one alone,
      // each an inline list test.
      {"BR-CL-01",
       kCbcNs,
       {"InvoiceTypeCode"},
       nullptr,
       TextIn(CodeList::kUncl1001InvoiceUbl)},
      {"BR-CL-01",
       kCbcNs,
       {"CreditNoteTypeCode"},
       nullptr,
       TextIn(CodeList::kUncl1001CreditNoteUbl)},
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
  // One rule per root: with a parent step, the many notes under other
  // parents (lines, payment terms) are ruled out by the dispatch.
  return {{"BR-CL-08",
           kCbcNs,
           {"Note"},
           UblDocumentNoteContext,
           Custom(UblNoteSubjectTest),
           {kUblInvoiceNs, "Invoice"}},
          {"BR-CL-08",
           kCbcNs,
           {"Note"},
           UblDocumentNoteContext,
           Custom(UblNoteSubjectTest),
           {kUblCreditNoteNs, "CreditNote"}}};
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

}  // namespace chorus::rules::code_lists_rules
