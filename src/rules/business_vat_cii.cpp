// VAT category rules as the CII artefact states them. Same ten-rule shape
// per category as in UBL, but the CII text differs: which contexts carry a
// TypeCode 'VAT' condition, which tax registration schemeIDs count, how the
// taxable amount is rounded and compared (some comparisons are vacuous in
// the official text and stay so here), and the breakdown presence counts.
#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/business_vat_internal.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules {
namespace {

using vat::kRam;
using vat::kRsm;
using vat::kUdt;
using vat::Nodes;
using vat::Num;
using vat::Tree;

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
  const char* code;
  const char* prefix;
  Presence presence;
  Ids ids;
  Rate rate;
  HeaderContext header;
  Taxable taxable;
  TaxAmount tax_amount;
  Exemption exemption;
};

constexpr std::array<Category, 9> kCategories = {{
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

std::string RuleId(const Category& c, int n) {
  std::string id = c.prefix;
  id += n < 10 ? "-0" : "-";
  id += std::to_string(n);
  return id;
}

class CiiVat {
 public:
  explicit CiiVat(const RunContext& ctx)
      : ctx_(ctx), t_(ctx.Index()), root_(t_.root()) {
    if (t_.Is(root_, kRsm, "CrossIndustryInvoice")) {
      transaction_ = t_.Kid(root_, kRsm, "SupplyChainTradeTransaction");
    }
  }

  void Run() {
    bool at_root = t_.Is(root_, kRsm, "CrossIndustryInvoice");
    std::vector<std::string> codes = CodesInUse();
    for (const Category& c : kCategories) {
      // Every rule of a category compares some ram:CategoryCode with its
      // code (raw): a code no CategoryCode carries fails none of them.
      if (std::find(codes.begin(), codes.end(), c.code) == codes.end()) {
        continue;
      }
      if (at_root) CheckPresence(c);
      CheckUses(c);
      CheckBreakdowns(c);
    }
    if (at_root) CheckSplitPayment();
  }

 private:
  // The string values of every ram:CategoryCode, wherever it is.
  std::vector<std::string> CodesInUse() const {
    const DocIndex& d = ctx_.Index();
    std::vector<std::string> codes;
    std::string scratch;
    for (int32_t i = 0; i < d.size(); ++i) {
      if (!d.Is(i, kRam, "CategoryCode")) continue;
      std::string_view v = d.StringValue(i, scratch);
      if (std::find(codes.begin(), codes.end(), v) == codes.end()) {
        codes.emplace_back(v);
      }
    }
    return codes;
  }
  // ram:CategoryCode = 'X': a raw comparison, any CategoryCode child.
  bool HasCode(pugi::xml_node tax, std::string_view code) const {
    for (pugi::xml_node c : t_.Kids(tax, kRam, "CategoryCode")) {
      if (vat::StringValue(c) == code) return true;
    }
    return false;
  }
  // [upper-case(ram:TypeCode) = 'VAT'] in a rule context (every caller):
  // upper-case() of two type codes is an error, and a pattern that raises
  // one matches nothing.
  bool TypeIsVat(pugi::xml_node tax) const {
    // Memoized: every category asks it of the same nodes.
    auto [it, added] = type_is_vat_.try_emplace(tax.internal_object(), false);
    if (added) it->second = ComputeTypeIsVat(tax);
    return it->second;
  }
  bool ComputeTypeIsVat(pugi::xml_node tax) const {
    if (t_.Kids(tax, kRam, "TypeCode").size() > 1) return false;
    return vat::UpperCase(vat::StringValue(t_.Kid(tax, kRam, "TypeCode"))) ==
           "VAT";
  }
  bool ChargeIs(pugi::xml_node ac, bool charge) const {
    bool error = false;
    return vat::IndicatorIs(
        t_.Path(ac, {{kRam, "ChargeIndicator"}, {kUdt, "Indicator"}}), charge,
        &error);
  }
  Nodes HeaderTaxes(bool in_transaction) const {
    Nodes out;
    for (pugi::xml_node s : t_.All(kRam, "ApplicableHeaderTradeSettlement")) {
      if (in_transaction &&
          !t_.Is(s.parent(), kRsm, "SupplyChainTradeTransaction"))
        continue;
      for (pugi::xml_node tax : t_.Kids(s, kRam, "ApplicableTradeTax")) {
        out.push_back(tax);
      }
    }
    return out;
  }
  // //rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/
  // ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax
  const Nodes& LineTaxes() const {
    if (!line_taxes_) line_taxes_ = CollectLineTaxes();
    return *line_taxes_;
  }
  Nodes CollectLineTaxes() const {
    Nodes out;
    for (pugi::xml_node t : t_.All(kRsm, "SupplyChainTradeTransaction")) {
      for (pugi::xml_node tax :
           t_.Path(t, {{kRam, "IncludedSupplyChainTradeLineItem"},
                       {kRam, "SpecifiedLineTradeSettlement"},
                       {kRam, "ApplicableTradeTax"}})) {
        out.push_back(tax);
      }
    }
    return out;
  }
  // Tax registration IDs with that schemeID under a party, the party found
  // at the absolute header path or anywhere (//).
  bool TaxId(std::string_view party, bool anywhere, bool fc_too) const {
    Nodes parties;
    if (anywhere) {
      parties = t_.All(kRam, party);
    } else if (transaction_) {
      parties = t_.Path(transaction_, {{kRam, "ApplicableHeaderTradeAgreement"},
                                       {kRam, party}});
    }
    for (pugi::xml_node p : parties) {
      for (pugi::xml_node id :
           t_.Path(p, {{kRam, "SpecifiedTaxRegistration"}, {kRam, "ID"}})) {
        std::string_view scheme = id.attribute("schemeID").value();
        if (scheme == "VA" || (fc_too && scheme == "FC")) return true;
      }
    }
    return false;
  }
  bool BuyerLegalId() const {
    for (pugi::xml_node b : t_.All(kRam, "BuyerTradeParty")) {
      if (!t_.Path(b, {{kRam, "SpecifiedLegalOrganization"}, {kRam, "ID"}})
               .empty())
        return true;
    }
    return false;
  }
  // Same verdict for every line and allowance of the document, so computed
  // once per kind: each party lookup scans the transaction's children, and
  // redoing it per line made 10,000 lines cost seconds.
  bool IdentifiersOk(Ids ids) const {
    std::optional<bool>& cached = ids_ok_[static_cast<std::size_t>(ids)];
    if (!cached) cached = ComputeIdentifiersOk(ids);
    return *cached;
  }
  bool ComputeIdentifiersOk(Ids ids) const {
    switch (ids) {
      case Ids::kSeller:
        return TaxId("SellerTradeParty", false, true) ||
               TaxId("SellerTaxRepresentativeTradeParty", false, false);
      case Ids::kSellerVatOnly:
        return TaxId("SellerTradeParty", true, false) ||
               TaxId("SellerTaxRepresentativeTradeParty", true, false);
      case Ids::kIntraCommunity:
        return IdentifiersOk(Ids::kSellerVatOnly) &&
               TaxId("BuyerTradeParty", true, false);
      case Ids::kReverseCharge:
        return (TaxId("SellerTradeParty", true, true) ||
                TaxId("SellerTaxRepresentativeTradeParty", true, false)) &&
               (TaxId("BuyerTradeParty", true, false) || BuyerLegalId());
      case Ids::kNoVatIds:
        return !TaxId("SellerTradeParty", false, false) &&
               !TaxId("SellerTaxRepresentativeTradeParty", false, false) &&
               !TaxId("BuyerTradeParty", true, false);
    }
    return true;
  }
  bool RateOk(Rate rate, pugi::xml_node tax) const {
    Nodes percents = t_.Kids(tax, kRam, "RateApplicablePercent");
    if (rate == Rate::kAbsent) return percents.empty();
    for (pugi::xml_node p : percents) {
      Num v = vat::DoubleOf(p);
      if (!v.value) continue;
      if ((rate == Rate::kPositive && *v.value > 0) ||
          (rate == Rate::kNonNegative && *v.value >= 0) ||
          (rate == Rate::kZero && v.value->IsZero()))
        return true;
    }
    return false;
  }

  void CheckPresence(const Category& c);
  void CheckUses(const Category& c);
  void CheckBreakdowns(const Category& c);
  void CheckBreakdown(const Category& c, pugi::xml_node tax,
                      pugi::xml_node context);
  std::optional<bool> TaxableOk(const Category& c, pugi::xml_node tax);
  // round(sum(...)*10*10) div 100 of the lines' net amounts, and of the
  // header charges minus that of the allowances, of the category (and rate).
  Num RoundedSum(const std::string& code,
                 const std::optional<Decimal>& rate) const;
  void CheckSplitPayment();

  const RunContext& ctx_;
  Tree t_;
  pugi::xml_node root_;
  pugi::xml_node transaction_;  // /rsm:CrossIndustryInvoice/rsm:SCTT
  mutable std::array<std::optional<bool>, 5> ids_ok_;  // indexed by Ids
  mutable std::optional<Nodes> line_taxes_;
  mutable std::unordered_map<const void*, bool> type_is_vat_;
};

void CiiVat::CheckPresence(const Category& c) {
  auto count = [&](const Nodes& taxes) {
    int n = 0;
    for (pugi::xml_node t : taxes) n += HasCode(t, c.code) ? 1 : 0;
    return n;
  };
  Nodes line_taxes;
  for (pugi::xml_node s : t_.All(kRam, "SpecifiedLineTradeSettlement")) {
    for (pugi::xml_node t : t_.Kids(s, kRam, "ApplicableTradeTax")) {
      line_taxes.push_back(t);
    }
  }
  int header = count(HeaderTaxes(false));
  int lines = count(line_taxes);
  int allowances = count(t_.All(kRam, "CategoryTradeTax"));
  bool ok = false;
  switch (c.presence) {
    case Presence::kTwoOrNone:
      ok = (lines + header >= 2 || lines == 0) &&
           (allowances + header >= 2 || allowances == 0);
      break;
    case Presence::kExactlyOne:
      ok = (header == 0 && lines == 0 && allowances == 0) ||
           (header == 1 && (lines > 0 || allowances > 0));
      break;
    case Presence::kOneIfBreakdown:
      ok = header == 0 || (header == 1 && (lines > 0 || allowances > 0));
      break;
  }
  if (!ok) ctx_.Fail(RuleId(c, 1), root_);
}

void CiiVat::CheckUses(const Category& c) {
  for (pugi::xml_node tax : LineTaxes()) {
    if (!HasCode(tax, c.code) || !TypeIsVat(tax)) continue;
    if (!IdentifiersOk(c.ids)) ctx_.Fail(RuleId(c, 2), tax);
    if (!RateOk(c.rate, tax)) ctx_.Fail(RuleId(c, 5), tax);
  }
  for (pugi::xml_node ac : t_.All(kRam, "SpecifiedTradeAllowanceCharge")) {
    bool allowance = ChargeIs(ac, false);
    bool charge = ChargeIs(ac, true);
    for (pugi::xml_node tax : t_.Kids(ac, kRam, "CategoryTradeTax")) {
      if (!HasCode(tax, c.code) || !TypeIsVat(tax)) continue;
      bool ids = IdentifiersOk(c.ids);
      bool rate = RateOk(c.rate, tax);
      if (allowance && !ids) ctx_.Fail(RuleId(c, 3), tax);
      if (allowance && !rate) ctx_.Fail(RuleId(c, 6), tax);
      if (charge && !ids) ctx_.Fail(RuleId(c, 4), tax);
      if (charge && !rate) ctx_.Fail(RuleId(c, 7), tax);
    }
  }
}

void CiiVat::CheckBreakdowns(const Category& c) {
  bool in_transaction = c.header != HeaderContext::kCode;
  for (pugi::xml_node tax : HeaderTaxes(in_transaction)) {
    if (c.header == HeaderContext::kTaxVat) {
      if (HasCode(tax, c.code) && TypeIsVat(tax)) CheckBreakdown(c, tax, tax);
      continue;
    }
    if (c.header == HeaderContext::kCodeVat && !TypeIsVat(tax)) continue;
    for (pugi::xml_node code : t_.Kids(tax, kRam, "CategoryCode")) {
      if (vat::StringValue(code) == c.code) CheckBreakdown(c, tax, code);
    }
  }
}

Num CiiVat::RoundedSum(const std::string& code,
                       const std::optional<Decimal>& rate) const {
  Num out{false, Decimal(0)};
  if (!transaction_) return out;
  // [ram:ApplicableTradeTax/ram:CategoryCode = 'X' and
  //  ram:ApplicableTradeTax/xs:decimal(ram:RateApplicablePercent) = $rate]
  auto matches = [&](const Nodes& taxes) {
    bool coded = false;
    for (pugi::xml_node t : taxes) coded = coded || HasCode(t, code);
    if (!coded || !rate) return coded;
    bool found = false;
    for (pugi::xml_node t : taxes) {
      Num p = vat::SingleDecimal(t_.Kids(t, kRam, "RateApplicablePercent"));
      if (p.error) out.error = true;
      if (p.value && *p.value == *rate) found = true;
    }
    return found;
  };
  // The absolute paths take every rsm:SupplyChainTradeTransaction.
  const Nodes transactions =
      t_.Kids(root_, kRsm, "SupplyChainTradeTransaction");
  Decimal lines(0);
  Decimal charges(0);
  Decimal allowances(0);
  for (pugi::xml_node transaction : transactions) {
    for (pugi::xml_node s :
         t_.Path(transaction, {{kRam, "IncludedSupplyChainTradeLineItem"},
                               {kRam, "SpecifiedLineTradeSettlement"}})) {
      if (!matches(t_.Kids(s, kRam, "ApplicableTradeTax"))) continue;
      for (pugi::xml_node m :
           t_.Kids(s, kRam, "SpecifiedTradeSettlementLineMonetarySummation")) {
        Num v = vat::SingleDecimal(t_.Kids(m, kRam, "LineTotalAmount"));
        if (v.error) out.error = true;
        if (v.value) lines += *v.value;
      }
    }
    for (pugi::xml_node ac :
         t_.Path(transaction, {{kRam, "ApplicableHeaderTradeSettlement"},
                               {kRam, "SpecifiedTradeAllowanceCharge"}})) {
      bool charge = ChargeIs(ac, true);
      bool allowance = ChargeIs(ac, false);
      if (!charge && !allowance) continue;
      if (!matches(t_.Kids(ac, kRam, "CategoryTradeTax"))) continue;
      Num v = vat::DecimalOf(t_.Kid(ac, kRam, "ActualAmount"));
      if (v.error) out.error = true;
      if (!v.value) continue;
      if (charge) charges += *v.value;
      if (allowance) allowances += *v.value;
    }
  }
  out.value =
      lines.RoundHalfUp(2) + charges.RoundHalfUp(2) - allowances.RoundHalfUp(2);
  return out;
}

// The untyped BasisAmount meets an xs:decimal sum: both compare as
// xs:double, and "BasisAmount - 1" is xs:double arithmetic.
std::optional<bool> CiiVat::TaxableOk(const Category& c, pugi::xml_node tax) {
  const std::string code = c.code;
  Nodes basis = t_.Kids(tax, kRam, "BasisAmount");
  // ram:BasisAmount = $sum, a general comparison over the BasisAmounts.
  auto equals = [&](const Decimal& sum) -> std::optional<bool> {
    bool error = false;
    bool equal = false;
    for (pugi::xml_node b : basis) {
      std::optional<double> v = vat::UntypedDouble(b, &error);
      equal = equal || (v && *v == vat::ToDouble(sum));
    }
    if (error) return std::nullopt;
    return equal;
  };
  switch (c.taxable) {
    case Taxable::kVacuous:
      return true;
    case Taxable::kExact: {
      Num sum = RoundedSum(code, std::nullopt);
      if (sum.error) return std::nullopt;
      return equals(*sum.value);
    }
    case Taxable::kTolerance: {
      bool error = basis.size() > 1;
      std::optional<double> b = vat::UntypedDouble(
          basis.empty() ? pugi::xml_node() : basis[0], &error);
      Num sum = RoundedSum(code, std::nullopt);
      if (error || sum.error) return std::nullopt;
      if (!b) return false;
      double s = vat::ToDouble(*sum.value);
      return *b - 1 < s && *b + 1 > s;
    }
    case Taxable::kPerRate:
      for (pugi::xml_node p : t_.Kids(tax, kRam, "RateApplicablePercent")) {
        Num rate = vat::DecimalOf(p);
        if (rate.error) return std::nullopt;
        Num sum = RoundedSum(code, rate.value);
        if (sum.error) return std::nullopt;
        std::optional<bool> equal = equals(*sum.value);
        if (equal != std::optional<bool>(true)) return equal;
      }
      return true;
  }
  return true;
}

void CiiVat::CheckBreakdown(const Category& c, pugi::xml_node tax,
                            pugi::xml_node context) {
  if (TaxableOk(c, tax) != std::optional<bool>(true))
    ctx_.Fail(RuleId(c, 8), context);
  bool amount_ok = true;
  if (c.tax_amount == TaxAmount::kZero) {
    amount_ok = false;
    for (pugi::xml_node a : t_.Kids(tax, kRam, "CalculatedAmount")) {
      Num v = vat::DoubleOf(a);
      amount_ok = amount_ok || (v.value && v.value->IsZero());
    }
  } else if (c.tax_amount == TaxAmount::kFromRate) {
    // round(abs(xs:decimal(BasisAmount)) * RateApplicablePercent) div 100:
    // the untyped rate makes the product, rounding and division xs:double.
    Num amount = vat::SingleDecimal(t_.Kids(tax, kRam, "CalculatedAmount"));
    Num basis = vat::SingleDecimal(t_.Kids(tax, kRam, "BasisAmount"));
    Nodes rates = t_.Kids(tax, kRam, "RateApplicablePercent");
    bool error = rates.size() > 1;
    std::optional<double> rate =
        vat::UntypedDouble(rates.empty() ? pugi::xml_node() : rates[0], &error);
    amount_ok = false;
    if (!error && amount.value && basis.value && rate) {
      double expected =
          vat::RoundDouble(vat::ToDouble(basis.value->Abs()) * *rate) / 100;
      Decimal a = amount.value->Abs();
      amount_ok =
          vat::ToDouble(a - 1) < expected && vat::ToDouble(a + 1) > expected;
    }
  }
  if (!amount_ok) ctx_.Fail(RuleId(c, 9), context);
  bool has_reason = t_.Kid(tax, kRam, "ExemptionReason") ||
                    t_.Kid(tax, kRam, "ExemptionReasonCode");
  if (has_reason != (c.exemption == Exemption::kRequired))
    ctx_.Fail(RuleId(c, 10), context);

  std::string_view code = c.code;
  if (code == "K") {
    pugi::xml_node delivery =
        t_.Kid(transaction_, kRam, "ApplicableHeaderTradeDelivery");
    bool date = !t_.Path(delivery, {{kRam, "ActualDeliverySupplyChainEvent"},
                                    {kRam, "OccurrenceDateTime"},
                                    {kUdt, "DateTimeString"}})
                     .empty();
    Nodes period = t_.Kids(tax.parent(), kRam, "BillingSpecifiedPeriod");
    for (pugi::xml_node p : period) {
      date = date || t_.Kid(p, kRam, "StartDateTime") ||
             t_.Kid(p, kRam, "EndDateTime");
    }
    if (!date) ctx_.Fail("BR-IC-11", context);
    if (t_.Path(delivery, {{kRam, "ShipToTradeParty"},
                           {kRam, "PostalTradeAddress"},
                           {kRam, "CountryID"}})
            .empty())
      ctx_.Fail("BR-IC-12", context);
  }
  if (code == "O") {
    // [ram:CategoryCode != 'O']: some CategoryCode child other than 'O'.
    auto other = [&](const Nodes& taxes) {
      for (pugi::xml_node t : taxes) {
        for (pugi::xml_node cc : t_.Kids(t, kRam, "CategoryCode")) {
          if (vat::StringValue(cc) != "O") return true;
        }
      }
      return false;
    };
    bool other_tax = other(t_.All(kRam, "ApplicableTradeTax"));
    bool other_allowance = other(t_.All(kRam, "CategoryTradeTax"));
    if (other_tax) ctx_.Fail("BR-O-11", context);
    if (other_tax) ctx_.Fail("BR-O-12", context);
    if (other_allowance) ctx_.Fail("BR-O-13", context);
    if (other_allowance) ctx_.Fail("BR-O-14", context);
  }
}

void CiiVat::CheckSplitPayment() {
  bool b = false;
  bool s = false;
  for (pugi::xml_node cc : t_.All(kRam, "CategoryCode")) {
    std::string v = vat::StringValue(cc);
    b = b || v == "B";
    s = s || v == "S";
  }
  if (!b) return;
  for (pugi::xml_node country : t_.All(kRam, "CountryID")) {
    if (vat::StringValue(country) != "IT") {
      ctx_.Fail("BR-B-01", root_);
      break;
    }
  }
  if (s) ctx_.Fail("BR-B-02", root_);
}

}  // namespace

void CheckCiiVatCategoryRules(const RunContext& ctx) { CiiVat(ctx).Run(); }

}  // namespace chorus::rules
