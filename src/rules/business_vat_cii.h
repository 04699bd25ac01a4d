// The CII VAT category rules' evaluator (business_vat_cii*.cpp): the
// category table of the CII artefact, and the facts of every
// ram:ApplicableTradeTax / ram:CategoryTradeTax gathered in one pass over
// the document (which codes its CategoryCodes carry, its TypeCode test).
// Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_VAT_CII_H_
#define CHORUS_SRC_RULES_BUSINESS_VAT_CII_H_

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/business_vat_doc.h"
#include "rules/engine_internal.h"

namespace chorus::rules::cii {
struct NameInfo;  // cii_syntax_names.h
}  // namespace chorus::rules::cii

namespace chorus::rules::cii_vat {

using vat::CodeBit;
using vat::CodeIndex;
using vat::CodeMask;
using vat::El;
using vat::Els;
using vat::kCodes;
using vat::Num;

inline constexpr int kRam = kNsRam;
inline constexpr int kRsm = kNsRsm;
inline constexpr int kUdt = kNsUdt;

enum class Presence { kTwoOrNone, kExactlyOne, kOneIfBreakdown };  // 01
enum class Ids {
  kSeller,
  kSellerVatOnly,
  kReverseCharge,
  kIntraCommunity,
  kNoVatIds  // last: sizes CiiVat::ids_ok_
};           // 02-04
enum class Rate { kPositive, kNonNegative, kZero, kAbsent };  // 05-07
// Which breakdown element is the context of 08-10: the CategoryCode (with
// or without the TypeCode condition) or the ApplicableTradeTax itself.
enum class HeaderContext { kCode, kCodeVat, kTaxVat };
enum class Taxable { kPerRate, kTolerance, kExact, kVacuous };  // 08
enum class TaxAmount { kFromRate, kZero, kVacuous };            // 09
enum class Exemption { kForbidden, kRequired };                 // 10

struct Category {
  std::string_view code;  // a view: no strlen where it is compared
  const char* prefix;
  Presence presence;
  Ids ids;
  Rate rate;
  HeaderContext header;
  Taxable taxable;
  TaxAmount tax_amount;
  Exemption exemption;
};

inline constexpr std::array<Category, 9> kCategories = {{
    {"S", "BR-S", Presence::kTwoOrNone, Ids::kSeller, Rate::kPositive,
     HeaderContext::kCode, Taxable::kPerRate, TaxAmount::kFromRate,
     Exemption::kForbidden},
    {"Z", "BR-Z", Presence::kExactlyOne, Ids::kSeller, Rate::kZero,
     HeaderContext::kCode, Taxable::kTolerance, TaxAmount::kZero,
     Exemption::kForbidden},
    {"E", "BR-E", Presence::kExactlyOne, Ids::kSeller, Rate::kZero,
     HeaderContext::kCodeVat, Taxable::kTolerance, TaxAmount::kZero,
     Exemption::kRequired},
    {"AE", "BR-AE", Presence::kExactlyOne, Ids::kReverseCharge, Rate::kZero,
     HeaderContext::kCodeVat, Taxable::kTolerance, TaxAmount::kZero,
     Exemption::kRequired},
    {"K", "BR-IC", Presence::kExactlyOne, Ids::kIntraCommunity, Rate::kZero,
     HeaderContext::kCodeVat, Taxable::kTolerance, TaxAmount::kZero,
     Exemption::kRequired},
    {"G", "BR-G", Presence::kExactlyOne, Ids::kSellerVatOnly, Rate::kZero,
     HeaderContext::kCodeVat, Taxable::kTolerance, TaxAmount::kZero,
     Exemption::kRequired},
    {"O", "BR-O", Presence::kOneIfBreakdown, Ids::kNoVatIds, Rate::kAbsent,
     HeaderContext::kTaxVat, Taxable::kExact, TaxAmount::kZero,
     Exemption::kRequired},
    // AF-08/AG-08 read ../ram:RateApplicablePercent from the
    // ApplicableTradeTax context (always empty) and AF-09/AG-09 are true():
    // both are vacuous in the official CII artefact.
    {"L", "BR-AF", Presence::kTwoOrNone, Ids::kSeller, Rate::kPositive,
     HeaderContext::kTaxVat, Taxable::kVacuous, TaxAmount::kVacuous,
     Exemption::kForbidden},
    {"M", "BR-AG", Presence::kTwoOrNone, Ids::kSeller, Rate::kNonNegative,
     HeaderContext::kTaxVat, Taxable::kVacuous, TaxAmount::kVacuous,
     Exemption::kForbidden},
}};

inline std::string RuleId(const Category& c, int n) {
  std::string id = c.prefix;
  id += n < 10 ? "-0" : "-";
  id += std::to_string(n);
  return id;
}

// A ram:ApplicableTradeTax or ram:CategoryTradeTax, wherever it is.
struct Tax {
  El el = -1;
  CodeMask codes = 0;         // codes equal to some ram:CategoryCode child
  bool other_than_o = false;  // some ram:CategoryCode child is not 'O'
  bool type_vat = false;      // TypeIsVat
  // The first ram:RateApplicablePercent child (-1: none), and whether
  // there are more.
  El rate = -1;
  bool many_rates = false;
  // Likewise for ram:BasisAmount and ram:CalculatedAmount, and whether an
  // ram:ExemptionReason or ram:ExemptionReasonCode child is there: the
  // breakdown rules ask, and Gather looks at every child anyway.
  El basis = -1;
  bool many_bases = false;
  El calculated = -1;
  bool many_calculated = false;
  bool has_reason = false;
  // xs:decimal(ram:RateApplicablePercent), parsed on first use: an index
  // into Buffers::percents, -1 until then.
  int32_t percent = -1;
};

// Takes child `k` as the first of its name (`first`; -1 while none) and
// notes when it is not the first.
inline void TakeFirst(El k, El& first, bool& many) {
  many = first >= 0;
  first = first >= 0 ? first : k;
}
// Doc::Only of the children TakeFirst saw.
inline El OnlyOf(El first, bool many) { return many ? vat::Doc::kMany : first; }

// A ram:SpecifiedTradeAllowanceCharge's ChargeIndicator tests.
struct Indicator {
  bool charge = false;     // ram:ChargeIndicator/udt:Indicator = true()
  bool allowance = false;  // ... = false()
};

// One term of RoundedSum's sums: a line settlement (its net amounts) or a
// header allowance or charge (its amount), with its taxes, in the order
// the official paths visit them.
struct SumTerm {
  int32_t taxes_begin = 0;  // [begin, end) of Buffers::sum_taxes
  int32_t taxes_end = 0;
  int32_t values_begin = 0;  // [begin, end) of Buffers::sum_values
  int32_t values_end = 0;
  // The codes of its taxes: RoundedSum, asked once per breakdown, tests a
  // bit instead of looking each tax up again.
  CodeMask codes = 0;
  bool line = false;
  bool charge = false;
  bool allowance = false;
};

// CiiVat's containers, reused from document to document (vat::Reused).
struct Buffers {
  std::vector<Tax> taxes;
  std::vector<Indicator> indicators;
  std::vector<int32_t> slot;
  std::vector<El> settlements, transactions, allowance_taxes, trade_taxes,
      allowances, line_taxes;
  std::array<std::vector<El>, 3> parties;
  std::vector<SumTerm> sum_terms;
  std::vector<El> sum_taxes;
  // The lines' ram:SpecifiedTradeSettlementLineMonetarySummation, whose
  // amounts ReadSumTerms parses into the first sum_values.
  std::vector<El> sum_summations;
  std::vector<vat::Term> sum_values;
  std::vector<Num> percents;  // PercentOf's values
  // HeaderTaxes(false) and HeaderTaxes(true), built on first use.
  std::array<std::vector<El>, 2> header_taxes;
  void Clear();
};

class CiiVat {
 public:
  // `names`: the CII syntax walk's NameInfo per entry, when it ran (else
  // empty): Gather then picks elements by their exact name id instead of
  // hashing and comparing names.
  CiiVat(const RunContext& ctx, std::span<const cii::NameInfo> names);
  void Run();
  // For tests: what Gather picked, flattened (each list's size, then its
  // elements).
  std::vector<El> GatheredForTest() const;

 private:
  enum Party { kSeller, kSellerRepresentative, kBuyer };

  void Gather(std::span<const cii::NameInfo> names);
  Tax& TaxOf(El tax) { return taxes_[static_cast<std::size_t>(Slot(tax))]; }
  int32_t Slot(El el) const { return slot_[static_cast<std::size_t>(el)]; }
  // ram:CategoryCode = 'X': a raw comparison, any CategoryCode child.
  bool HasCode(El tax, int code) {
    return (TaxOf(tax).codes & CodeBit(code)) != 0;
  }
  bool TypeIsVat(El tax) { return TaxOf(tax).type_vat; }
  static bool IsVat(std::string_view type_code);
  // Whether Gather took `el` as a tax so far.
  bool IsTax(El el) const;
  bool ChargeIs(El ac, bool charge) const {
    const Indicator& i = indicators_[static_cast<std::size_t>(Slot(ac))];
    return charge ? i.charge : i.allowance;
  }
  // Inline for the usual call, which finds the value parsed already.
  const Num& PercentOf(El tax) {
    Tax& t = TaxOf(tax);
    if (t.percent < 0) ReadPercent(t);
    return percents_[static_cast<std::size_t>(t.percent)];
  }
  void ReadPercent(Tax& t);
  const std::vector<El>& HeaderTaxes(bool in_transaction);
  bool TaxId(Party party, bool anywhere, bool fc_too) const;
  bool BuyerLegalId() const;
  bool IdentifiersOk(Ids ids);
  bool ComputeIdentifiersOk(Ids ids);
  bool RateOk(Rate rate, El tax);
  // ParseFixed of a leaf's text, remembering the last one: the lines of an
  // invoice repeat one rate.
  std::optional<vat::Fixed> RateFixed(El leaf);

  void CheckPresence(const Category& c, int code);
  void CheckUses(const Category& c, int code);
  void CheckBreakdowns(const Category& c, int code);
  void CheckBreakdown(const Category& c, int code, El tax, El context);
  std::optional<bool> TaxableOk(const Category& c, int code, El tax);
  // round(sum(...)*10*10) div 100 of the lines' net amounts, and of the
  // header charges minus that of the allowances, of the category (and rate).
  struct Sum {
    bool error = false;
    vat::FixedSum value;
  };
  Sum RoundedSum(int code, const std::optional<Decimal>& rate);
  // Reads RoundedSum's terms (every category and rate asks for them):
  // the lines' amounts (Gather found the lines' terms) and the header
  // allowances and charges.
  void ReadSumTerms();
  void CheckSplitPayment();
  void Fail(std::string_view id, El at) const { ctx_.Fail(id, at); }

  const RunContext& ctx_;
  vat::Doc doc_;
  El root_;
  El transaction_ = -1;  // /rsm:CrossIndustryInvoice/rsm:SCTT
  vat::Reused<Buffers> buffers_;
  std::vector<Tax>& taxes_ = buffers_->taxes;
  std::vector<Indicator>& indicators_ = buffers_->indicators;
  // Entry -> index into taxes_ or indicators_.
  std::vector<int32_t>& slot_ = buffers_->slot;
  // //ram:ApplicableHeaderTradeSettlement, //rsm:SupplyChainTradeTransaction
  std::vector<El>& settlements_ = buffers_->settlements;
  std::vector<El>& transactions_ = buffers_->transactions;
  // //ram:CategoryTradeTax, //ram:ApplicableTradeTax
  std::vector<El>& allowance_taxes_ = buffers_->allowance_taxes;
  std::vector<El>& trade_taxes_ = buffers_->trade_taxes;
  // //ram:SpecifiedTradeAllowanceCharge, //ram:<Party>
  std::vector<El>& allowances_ = buffers_->allowances;
  std::array<std::vector<El>, 3>& parties_ = buffers_->parties;
  // //rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/
  // ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax
  std::vector<El>& line_taxes_ = buffers_->line_taxes;
  std::vector<SumTerm>& sum_terms_ = buffers_->sum_terms;
  std::vector<El>& sum_taxes_ = buffers_->sum_taxes;
  std::vector<El>& sum_summations_ = buffers_->sum_summations;
  std::vector<vat::Term>& sum_values_ = buffers_->sum_values;
  std::vector<Num>& percents_ = buffers_->percents;
  // The last leaf text PercentOf parsed and its value's index: the lines
  // of an invoice repeat one rate.
  std::string_view percent_text_;
  int32_t percent_last_ = -1;
  std::string_view rate_text_;  // RateFixed's last text and its value
  std::optional<vat::Fixed> rate_fixed_;
  bool rate_known_ = false;
  bool sum_terms_read_ = false;
  std::array<bool, 2> header_taxes_read_ = {};
  CodeMask in_use_ = 0;  // codes some ram:CategoryCode carries
  // CheckPresence's counts, by code, of the taxes some CategoryCode child
  // of which has that code: ram:ApplicableTradeTax children of a line
  // settlement and of a header settlement, and every ram:CategoryTradeTax.
  // Gather counts them as it meets the taxes (a tax has a single parent).
  std::array<int32_t, kCodes> line_count_ = {};
  std::array<int32_t, kCodes> header_count_ = {};
  std::array<int32_t, kCodes> allowance_count_ = {};
  std::array<std::optional<bool>, 5> ids_ok_;  // indexed by Ids
};

// The VAT category rules of a CII document (business_vat_internal.h's
// CheckCiiVatCategoryRules), given the CII syntax walk's `names`.
void CheckVatCategoryRules(const RunContext& ctx,
                           std::span<const cii::NameInfo> names);
// For tests: CiiVat::GatheredForTest of the document.
std::vector<El> GatheredForTest(const RunContext& ctx,
                                std::span<const cii::NameInfo> names);

}  // namespace chorus::rules::cii_vat

#endif  // CHORUS_SRC_RULES_BUSINESS_VAT_CII_H_
