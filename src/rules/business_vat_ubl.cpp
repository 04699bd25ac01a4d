// VAT category rules as the UBL artefact states them. Every category has
// the same ten-rule shape (01 breakdown present, 02-04 seller identifiers,
// 05-07 rates, 08 taxable amount, 09 tax amount, 10 exemption reason); the
// table below records which variant of each the official text uses,
// including its irregularities, so that verdicts match the official ones.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/business_vat_internal.h"
#include "rules/business_vat_ubl_table.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules {
namespace {

using namespace ubl_vat;  // NOLINT: the category table's vocabulary

using vat::kCac;
using vat::kCbc;
using vat::Nodes;
using vat::Num;
using vat::Tree;

class UblVat {
 public:
  explicit UblVat(const RunContext& ctx)
      : ctx_(ctx), t_(ctx.Index()), root_(t_.root()) {
    // Memo slots, one per element of the shared index.
    auto elements = static_cast<std::size_t>(ctx.Index().size());
    is_vat_.assign(elements, -1);
    norm_id_.resize(elements);
    ids_.resize(elements);
    percent_.resize(elements);
    memo_nodes_.resize(elements);
    amount_.resize(elements);
    charge_.assign(elements, 0);
    // The node sets every category asks for, gathered once per run.
    breakdown_ = t_.Path(
        root_,
        {{kCac, "TaxTotal"}, {kCac, "TaxSubtotal"}, {kCac, "TaxCategory"}});
    for (pugi::xml_node tc : t_.All(kCac, "ClassifiedTaxCategory")) {
      if (!IsLineCategory(tc)) continue;
      line_categories_.push_back(tc);
      line_vat_codes_.push_back(IsVat(tc) ? &NormId(tc) : nullptr);
    }
    for (pugi::xml_node ac : t_.All(kCac, "AllowanceCharge")) {
      for (pugi::xml_node tc : t_.Kids(ac, kCac, "TaxCategory")) {
        ac_categories_.push_back(tc);
      }
    }
    for (pugi::xml_node ac : t_.Kids(root_, kCac, "AllowanceCharge")) {
      for (pugi::xml_node tc : t_.Kids(ac, kCac, "TaxCategory")) {
        root_acs_.push_back(tc);
      }
    }
    for (bool root_only : {false, true}) {
      for (bool charge : {false, true}) {
        allowance_categories_[root_only][charge] =
            CollectAllowanceCategories(charge, root_only);
      }
    }
  }

  void Run() {
    std::vector<std::string> codes = CodesInUse();
    for (const Category& c : Categories()) {
      // Every rule of a category compares some cbc:ID of a (Classified)
      // TaxCategory with its code, raw or normalized: a code no such ID
      // carries fails none of them.
      if (std::find(codes.begin(), codes.end(), c.code) != codes.end()) {
        RunCategory(c);
      }
    }
    CheckSplitPayment();
  }

 private:
  // The string values, raw and normalized, of every cbc:ID of a
  // cac:TaxCategory or cac:ClassifiedTaxCategory, wherever it is.
  std::vector<std::string> CodesInUse() const {
    const DocIndex& d = ctx_.Index();
    std::vector<std::string> codes;
    std::string scratch, normalized;
    auto add = [&](std::string_view v) {
      if (std::find(codes.begin(), codes.end(), v) == codes.end()) {
        codes.emplace_back(v);
      }
    };
    for (int32_t i = 0; i < d.size(); ++i) {
      const DocIndex::Entry& e = d[i];
      if (e.ns != kCbc || e.local != "ID" ||
          !(d.Is(e.parent, kCac, "TaxCategory") ||
            d.Is(e.parent, kCac, "ClassifiedTaxCategory"))) {
        continue;
      }
      std::string_view raw = d.StringValue(i, scratch);
      add(raw);
      NormalizeSpaceInto(raw, normalized);
      add(normalized);
    }
    return codes;
  }

  // cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT'. Memoized:
  // every category asks it of the same nodes.
  bool IsVat(pugi::xml_node n) const {
    int32_t i = ctx_.Index().EntryOf(n);
    if (i < 0) return ComputeIsVat(n);
    int8_t& memo = is_vat_[static_cast<std::size_t>(i)];
    if (memo < 0) memo = ComputeIsVat(n) ? 1 : 0;
    return memo == 1;
  }
  // The memo slot of element `n`, nullptr for a node outside the index
  // (only a null node can be here).
  template <typename T>
  std::optional<T>* SlotOf(std::vector<std::optional<T>>& memo,
                           pugi::xml_node n) const {
    int32_t i = ctx_.Index().EntryOf(n);
    return i < 0 ? nullptr : &memo[static_cast<std::size_t>(i)];
  }
  bool ComputeIsVat(pugi::xml_node n) const {
    for (pugi::xml_node s : t_.Kids(n, kCac, "TaxScheme")) {
      pugi::xml_node id = t_.Kid(s, kCbc, "ID");
      if (vat::NormalizeSpace(vat::UpperCase(vat::StringValue(id))) == "VAT")
        return true;
    }
    return false;
  }
  // normalize-space(cbc:ID): the first ID (several would be a type error).
  const std::string& NormId(pugi::xml_node n) const {
    std::optional<std::string>* slot = SlotOf(norm_id_, n);
    if (slot == nullptr) return Empty<std::string>();
    if (!*slot) {
      *slot = vat::NormalizeSpace(vat::StringValue(t_.Kid(n, kCbc, "ID")));
    }
    return **slot;
  }
  template <typename T>
  static const T& Empty() {
    static const T empty{};
    return empty;
  }
  bool Matches(pugi::xml_node n, const std::string& code, Match m) const {
    if (m.vat && !IsVat(n)) return false;
    if (m.normalized) return NormId(n) == code;
    for (const std::string& id : Ids(n).raw) {
      if (id == code) return true;
    }
    return false;
  }
  // The string values of the cbc:ID children, raw and normalized.
  struct IdValues {
    std::vector<std::string> raw, normalized;
  };
  const IdValues& Ids(pugi::xml_node n) const {
    std::optional<IdValues>* slot = SlotOf(ids_, n);
    if (slot == nullptr) return Empty<IdValues>();
    if (!*slot) {
      IdValues& values = slot->emplace();
      for (pugi::xml_node id : t_.Kids(n, kCbc, "ID")) {
        values.raw.push_back(vat::StringValue(id));
        values.normalized.push_back(vat::NormalizeSpace(values.raw.back()));
      }
    }
    return **slot;
  }
  // xs:decimal(cbc:Percent) of a category, asked once per line and
  // breakdown: parsed once.
  const Num& PercentOf(pugi::xml_node tc) const {
    std::optional<Num>* slot = SlotOf(percent_, tc);
    if (slot == nullptr) return Empty<Num>();
    if (!*slot) *slot = vat::SingleDecimal(t_.Kids(tc, kCbc, "Percent"));
    return **slot;
  }
  // cbc:ChargeIndicator = true() / false(), asked of every allowance per
  // category and breakdown: memoized (bit 0 set once computed).
  bool ChargeIs(pugi::xml_node ac, bool charge) const {
    int32_t i = ctx_.Index().EntryOf(ac);
    if (i < 0) return ComputeChargeIs(ac, charge);
    int8_t& memo = charge_[static_cast<std::size_t>(i)];
    if (memo == 0) {
      memo = static_cast<int8_t>(1 | (ComputeChargeIs(ac, true) ? 2 : 0) |
                                 (ComputeChargeIs(ac, false) ? 4 : 0));
    }
    return (memo & (charge ? 2 : 4)) != 0;
  }
  bool ComputeChargeIs(pugi::xml_node ac, bool charge) const {
    bool error = false;
    return vat::IndicatorIs(t_.Kids(ac, kCbc, "ChargeIndicator"), charge,
                            &error);
  }
  // xs:decimal(cbc:`local`) of a line (LineExtensionAmount) or allowance
  // (Amount), summed once per category and rate: parsed once.
  const Num& AmountOf(pugi::xml_node n, std::string_view local) const {
    std::optional<Num>* slot = SlotOf(amount_, n);
    if (slot == nullptr) return Empty<Num>();
    if (!*slot) *slot = vat::SingleDecimal(t_.Kids(n, kCbc, local));
    return **slot;
  }
  bool IsLineCategory(pugi::xml_node n) const {
    pugi::xml_node item = n.parent();
    if (!t_.Is(item, kCac, "Item")) return false;
    pugi::xml_node line = item.parent();
    return t_.Is(line, kCac, "InvoiceLine") ||
           t_.Is(line, kCac, "CreditNoteLine");
  }
  // The TaxCategory children of allowances (charge false) or charges.
  const Nodes& AllowanceCategories(bool charge, bool root_only) const {
    return allowance_categories_[root_only][charge];
  }
  Nodes CollectAllowanceCategories(bool charge, bool root_only) const {
    Nodes out;
    Nodes acs = root_only ? t_.Kids(root_, kCac, "AllowanceCharge")
                          : t_.All(kCac, "AllowanceCharge");
    for (pugi::xml_node ac : acs) {
      if (!ChargeIs(ac, charge)) continue;
      for (pugi::xml_node tc : t_.Kids(ac, kCac, "TaxCategory")) {
        out.push_back(tc);
      }
    }
    return out;
  }
  const Nodes& BreakdownCategories() const { return breakdown_; }
  // What the count() tests of every category need from one node set,
  // gathered in one pass instead of one pass per category and test.
  struct Summary {
    // [normalized][VAT scheme only]: code -> how many nodes match it.
    CodeCounts nodes[2][2];
    // code -> how many normalized cbc:IDs equal it, in VAT categories.
    CodeCounts vat_ids;
  };
  // `nodes` must outlive the run: summaries are keyed by its address.
  const Summary& SummaryOf(const Nodes& nodes) const {
    auto [it, added] = summaries_.try_emplace(&nodes);
    if (!added) return it->second;
    Summary& s = it->second;
    for (pugi::xml_node x : nodes) {
      bool vat = IsVat(x);
      const IdValues& ids = Ids(x);
      for (int vat_only = 0; vat_only < 2; ++vat_only) {
        if (vat_only && !vat) continue;
        ++s.nodes[1][vat_only][NormId(x)];
        for (std::size_t i = 0; i < ids.raw.size(); ++i) {
          bool seen = false;
          for (std::size_t j = 0; j < i; ++j) {
            seen = seen || ids.raw[j] == ids.raw[i];
          }
          if (!seen) ++s.nodes[0][vat_only][ids.raw[i]];
        }
      }
      if (vat) {
        for (const std::string& id : ids.normalized) ++s.vat_ids[id];
      }
    }
    return s;
  }
  static int Lookup(const CodeCounts& counts, const std::string& code) {
    return counts.Get(code);
  }
  int Count(const Nodes& nodes, const std::string& code, Match m) const {
    return Lookup(SummaryOf(nodes).nodes[m.normalized][m.vat], code);
  }
  bool Any(const Nodes& nodes, const std::string& code, Match m) const {
    return Count(nodes, code, m) > 0;
  }
  // exists(<path to a party tax scheme>[VAT]/cbc:CompanyID), path anywhere.
  bool PartyTaxId(std::string_view role, bool through_party,
                  bool vat_only) const {
    // Three roles are asked about, each in at most four ways.
    int r = role == "AccountingSupplierParty"   ? 0
            : role == "AccountingCustomerParty" ? 1
                                                : 2;
    int8_t& cached = party_tax_id_[static_cast<std::size_t>(
        r * 4 + (through_party ? 2 : 0) + (vat_only ? 1 : 0))];
    if (cached < 0) {
      cached = ComputePartyTaxId(role, through_party, vat_only) ? 1 : 0;
    }
    return cached == 1;
  }
  bool ComputePartyTaxId(std::string_view role, bool through_party,
                         bool vat_only) const {
    for (pugi::xml_node r : t_.All(kCac, role)) {
      Nodes schemes =
          through_party
              ? t_.Path(r, {{kCac, "Party"}, {kCac, "PartyTaxScheme"}})
              : t_.Kids(r, kCac, "PartyTaxScheme");
      for (pugi::xml_node s : schemes) {
        if (vat_only && !IsVat(s)) continue;
        if (t_.Kid(s, kCbc, "CompanyID")) return true;
      }
    }
    return false;
  }
  bool BuyerLegalId() const {
    for (pugi::xml_node r : t_.All(kCac, "AccountingCustomerParty")) {
      if (!t_.Path(r, {{kCac, "Party"},
                       {kCac, "PartyLegalEntity"},
                       {kCbc, "CompanyID"}})
               .empty())
        return true;
    }
    return false;
  }
  bool IdentifiersOk(const Category& c) const {
    bool rep = PartyTaxId("TaxRepresentativeParty", false, true);
    switch (c.seller) {
      case Seller::kNoVatIds:
        return !PartyTaxId("AccountingSupplierParty", true, true) && !rep &&
               !PartyTaxId("AccountingCustomerParty", true, true);
      case Seller::kAnyTaxId:
        if (!PartyTaxId("AccountingSupplierParty", true, false) && !rep)
          return false;
        break;
      case Seller::kVatTaxId:
        if (!PartyTaxId("AccountingSupplierParty", true, true) && !rep)
          return false;
        break;
    }
    switch (c.buyer) {
      case Buyer::kNone:
        return true;
      case Buyer::kVat:
        return PartyTaxId("AccountingCustomerParty", true, true);
      case Buyer::kVatOrLegal:
        return PartyTaxId("AccountingCustomerParty", true, true) ||
               BuyerLegalId();
    }
    return true;
  }

  void RunCategory(const Category& c);
  void CheckPresence(const Category& c);
  void CheckRates(const Category& c);
  void CheckBreakdown(const Category& c, pugi::xml_node tc);
  std::optional<bool> TaxableOk(const Category& c, pugi::xml_node tc);
  // Sum of root-level line net amounts plus charges minus allowances of the
  // category (and rate, when given); error on a non-decimal amount.
  Num CategorySum(const std::string& code, std::string_view line_name,
                  const std::optional<Decimal>& rate) const;
  bool CodeAndRate(const Nodes& categories, const std::string& code,
                   const std::optional<Decimal>& rate, bool* error) const;
  bool LineMatches(pugi::xml_node line, const std::string& code,
                   const std::optional<Decimal>& rate, bool* error) const;
  bool AllowanceMatches(pugi::xml_node ac, const std::string& code,
                        const std::optional<Decimal>& rate, bool* error) const;
  void CheckIntraCommunity();
  void CheckNotSubject();
  void CheckSplitPayment();

  const RunContext& ctx_;
  Tree t_;
  pugi::xml_node root_;
  Nodes breakdown_;
  Nodes line_categories_;  // the ClassifiedTaxCategory of line items
  // normalize-space(cbc:ID) of each, null when not a VAT category. Points
  // into norm_id_, whose elements do not move.
  std::vector<const std::string*> line_vat_codes_;
  Nodes ac_categories_;               // of every cac:AllowanceCharge, anywhere
  Nodes root_acs_;                    // of the document level ones
  Nodes allowance_categories_[2][2];  // [root_only][charge]
  // Per-element memos, indexed by DocIndex entry.
  mutable std::vector<int8_t> is_vat_;
  mutable std::vector<std::optional<std::string>> norm_id_;
  mutable std::vector<std::optional<IdValues>> ids_;
  mutable std::unordered_map<const Nodes*, Summary> summaries_;
  mutable std::vector<std::optional<Num>> percent_;
  // Lines ask for LineExtensionAmount only, allowances for Amount only.
  mutable std::vector<std::optional<Num>> amount_;
  mutable std::vector<int8_t> charge_;
  // A line's item categories, an allowance's categories.
  mutable std::vector<std::optional<Nodes>> memo_nodes_;
  mutable std::array<int8_t, 12> party_tax_id_ = {-1, -1, -1, -1, -1, -1,
                                                  -1, -1, -1, -1, -1, -1};
};

void UblVat::RunCategory(const Category& c) {
  CheckPresence(c);
  const std::string code = c.code;
  const std::array<const Nodes*, 3> triggers = {
      &t_.All(kCac, "ClassifiedTaxCategory"),
      &AllowanceCategories(false, c.triggers[1].root_allowances_only),
      &AllowanceCategories(true, c.triggers[2].root_allowances_only)};
  for (int i = 0; i < 3; ++i) {
    const Trigger& tr = c.triggers[static_cast<size_t>(i)];
    const Nodes& nodes = *triggers[static_cast<size_t>(i)];
    bool ok = (Any(nodes, code, tr.t1) && IdentifiersOk(c)) ||
              !Any(nodes, code, tr.t2);
    if (!ok) ctx_.Fail(RuleId(c, i + 2), root_);
  }
  CheckRates(c);
  for (pugi::xml_node tc : BreakdownCategories()) {
    if (Matches(tc, code, kNv)) CheckBreakdown(c, tc);
  }
  if (code == "K") CheckIntraCommunity();
  if (code == "O") CheckNotSubject();
}

void UblVat::CheckPresence(const Category& c) {
  const std::string code = c.code;
  const Nodes& breakdown = BreakdownCategories();
  bool ok;
  if (c.presence == Presence::kAtLeastOne) {
    int a = Count(ac_categories_, code, c.a) +
            Count(t_.All(kCac, "ClassifiedTaxCategory"), code, c.a);
    ok = (a > 0 && Count(breakdown, code, c.b1) > 0) ||
         (a == 0 && Count(breakdown, code, c.b2) == 0);
  } else {
    // //cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) = 'X'] counts IDs,
    // and includes the breakdown's own categories.
    auto ids = [&](const Nodes& categories) {
      return Lookup(SummaryOf(categories).vat_ids, code);
    };
    bool used = ids(t_.All(kCac, "TaxCategory")) > 0 ||
                ids(t_.All(kCac, "ClassifiedTaxCategory")) > 0;
    ok = !used || ids(breakdown) == 1;
  }
  if (!ok) ctx_.Fail(RuleId(c, 1), root_);
}

void UblVat::CheckRates(const Category& c) {
  const std::string code = c.code;
  auto rate_ok = [&](pugi::xml_node tc) {
    Nodes percents = t_.Kids(tc, kCbc, "Percent");
    switch (c.rate) {
      case Rate::kAbsent:
        return percents.empty();
      case Rate::kZero: {
        Num p = vat::SingleDecimal(percents);
        return !p.error && p.value && p.value->IsZero();
      }
      case Rate::kPositive:
      case Rate::kNonNegative:
        for (pugi::xml_node p : percents) {
          Num v = vat::DoubleOf(p);
          if (!v.value) continue;
          if (c.rate == Rate::kPositive ? *v.value > 0 : *v.value >= 0)
            return true;
        }
        return false;
    }
    return false;
  };
  for (std::size_t i = 0; i < line_categories_.size(); ++i) {
    const std::string* vat_code = line_vat_codes_[i];
    if (vat_code && *vat_code == code && !rate_ok(line_categories_[i]))
      ctx_.Fail(RuleId(c, 5), line_categories_[i]);
  }
  for (pugi::xml_node ac : t_.All(kCac, "AllowanceCharge")) {
    bool allowance = ChargeIs(ac, false);
    bool charge = ChargeIs(ac, true);
    for (pugi::xml_node tc : t_.Kids(ac, kCac, "TaxCategory")) {
      if (!Matches(tc, code, kNv) || rate_ok(tc)) continue;
      if (allowance) ctx_.Fail(RuleId(c, 6), tc);
      if (charge) ctx_.Fail(RuleId(c, 7), tc);
    }
  }
}

// [.../normalize-space(cbc:ID) = 'X'][.../xs:decimal(cbc:Percent) = $rate]
// over the categories of one line or allowance/charge.
bool UblVat::CodeAndRate(const Nodes& categories, const std::string& code,
                         const std::optional<Decimal>& rate,
                         bool* error) const {
  bool coded = false;
  for (pugi::xml_node tc : categories) coded = coded || NormId(tc) == code;
  if (!coded) return false;
  if (!rate) return true;
  bool found = false;
  for (pugi::xml_node tc : categories) {
    const Num& p = PercentOf(tc);
    if (p.error) *error = true;
    if (p.value && *p.value == *rate) found = true;
  }
  return found;
}

bool UblVat::LineMatches(pugi::xml_node line, const std::string& code,
                         const std::optional<Decimal>& rate,
                         bool* error) const {
  std::optional<Nodes>* slot = SlotOf(memo_nodes_, line);
  if (slot == nullptr) return false;  // a null line has no category
  if (!*slot) {
    *slot = t_.Path(line, {{kCac, "Item"}, {kCac, "ClassifiedTaxCategory"}});
  }
  return CodeAndRate(**slot, code, rate, error);
}

bool UblVat::AllowanceMatches(pugi::xml_node ac, const std::string& code,
                              const std::optional<Decimal>& rate,
                              bool* error) const {
  std::optional<Nodes>* slot = SlotOf(memo_nodes_, ac);
  if (slot == nullptr) return false;  // a null allowance has no category
  if (!*slot) *slot = t_.Kids(ac, kCac, "TaxCategory");
  return CodeAndRate(**slot, code, rate, error);
}

Num UblVat::CategorySum(const std::string& code, std::string_view line_name,
                        const std::optional<Decimal>& rate) const {
  Num out{false, Decimal(0)};
  for (pugi::xml_node line : t_.Kids(root_, kCac, line_name)) {
    if (!LineMatches(line, code, rate, &out.error)) continue;
    const Num& v = AmountOf(line, "LineExtensionAmount");
    if (v.error) out.error = true;
    if (v.value) *out.value += *v.value;
  }
  for (pugi::xml_node ac : t_.Kids(root_, kCac, "AllowanceCharge")) {
    bool charge = ChargeIs(ac, true);
    bool allowance = ChargeIs(ac, false);
    if (!charge && !allowance) continue;
    if (!AllowanceMatches(ac, code, rate, &out.error)) continue;
    const Num& v = AmountOf(ac, "Amount");
    if (v.error) out.error = true;
    if (v.value) *out.value += allowance ? -*v.value : *v.value;
  }
  return out;
}

std::optional<bool> UblVat::TaxableOk(const Category& c, pugi::xml_node tc) {
  const std::string code = c.code;
  Nodes amounts = t_.Kids(tc.parent(), kCbc, "TaxableAmount");
  // kExact: xs:decimal(TaxableAmount) = sum. Otherwise the bounds are
  // xs:decimal(TaxableAmount - 1) and xs:decimal(TaxableAmount + 1): the
  // untyped amount makes that xs:double arithmetic.
  std::optional<Decimal> exact, low, high;
  if (c.taxable == Taxable::kExact) {
    Num taxable = vat::SingleDecimal(amounts);
    if (taxable.error) return std::nullopt;
    exact = taxable.value;
  } else if (!amounts.empty()) {
    bool error = amounts.size() > 1;
    std::optional<double> b = vat::UntypedDouble(amounts[0], &error);
    if (error) return std::nullopt;
    low = vat::FromDouble(*b - 1);
    high = vat::FromDouble(*b + 1);
    if (!low || !high) return std::nullopt;  // INF/NaN cast to decimal
  }
  std::optional<Decimal> rate;
  if (c.taxable != Taxable::kExact) {
    Num p = vat::SingleDecimal(t_.Kids(tc, kCbc, "Percent"));
    if (p.error) return std::nullopt;
    if (!p.value) return true;  // every $rate in () satisfies ...
    rate = p.value;
  }
  for (std::string_view line_name : {"InvoiceLine", "CreditNoteLine"}) {
    bool relevant;
    bool error = false;
    if (c.taxable == Taxable::kPerRate) {
      relevant = false;
      for (pugi::xml_node l : t_.All(kCac, line_name)) {
        relevant = relevant || LineMatches(l, code, rate, &error);
      }
      for (pugi::xml_node ac : t_.All(kCac, "AllowanceCharge")) {
        relevant = relevant || AllowanceMatches(ac, code, rate, &error);
      }
    } else {
      relevant = !t_.All(kCac, line_name).empty();
    }
    if (error) return std::nullopt;
    if (!relevant) continue;
    Num sum = CategorySum(code, line_name, rate);
    if (sum.error) return std::nullopt;
    const Decimal& s = *sum.value;
    // Comparisons with an absent amount (the empty sequence) are false.
    bool ok = c.taxable == Taxable::kExact ? exact && *exact == s
                                           : low && *low<s&& * high> s;
    if (ok) return true;
  }
  return false;
}

void UblVat::CheckBreakdown(const Category& c, pugi::xml_node tc) {
  if (TaxableOk(c, tc) != std::optional<bool>(true))
    ctx_.Fail(RuleId(c, 8), tc);
  pugi::xml_node subtotal = tc.parent();
  Num amount = vat::SingleDecimal(t_.Kids(subtotal, kCbc, "TaxAmount"));
  bool amount_ok = false;
  if (c.tax_amount == TaxAmount::kZero) {
    amount_ok = !amount.error && amount.value && amount.value->IsZero();
  } else {
    Num taxable = vat::SingleDecimal(t_.Kids(subtotal, kCbc, "TaxableAmount"));
    Num percent = vat::SingleDecimal(t_.Kids(tc, kCbc, "Percent"));
    if (amount.value && taxable.value && percent.value) {
      Decimal expected =
          (taxable.value->Abs() * percent.value->ScaleDown(2)).RoundHalfUp(2);
      Decimal a = amount.value->Abs();
      amount_ok = a - 1 < expected && a + 1 > expected;
    }
  }
  if (!amount_ok) ctx_.Fail(RuleId(c, 9), tc);
  bool has_reason = t_.Kid(tc, kCbc, "TaxExemptionReason") ||
                    t_.Kid(tc, kCbc, "TaxExemptionReasonCode");
  if (has_reason != (c.exemption == Exemption::kRequired))
    ctx_.Fail(RuleId(c, 10), tc);
}

void UblVat::CheckIntraCommunity() {
  bool k_breakdown = false;
  for (pugi::xml_node tc : BreakdownCategories()) {
    if (!IsVat(tc)) continue;
    for (pugi::xml_node id : t_.Kids(tc, kCbc, "ID")) {
      k_breakdown =
          k_breakdown || vat::NormalizeSpace(vat::StringValue(id)) == "K";
    }
  }
  if (!k_breakdown) return;
  // string-length() of a path: its first node (several are a type error).
  auto length = [&](const Nodes& n) {
    return n.empty() ? 0u : vat::StringValue(n[0]).size();
  };
  Nodes date =
      t_.Path(root_, {{kCac, "Delivery"}, {kCbc, "ActualDeliveryDate"}});
  bool period = false;
  for (pugi::xml_node p : t_.Kids(root_, kCac, "InvoicePeriod")) {
    for (pugi::xml_node k = p.first_child(); k; k = k.next_sibling()) {
      period = period || k.type() == pugi::node_element;
    }
  }
  if (!(length(date) > 1 || period)) ctx_.Fail("BR-IC-11", root_);
  Nodes country = t_.Path(root_, {{kCac, "Delivery"},
                                  {kCac, "DeliveryLocation"},
                                  {kCac, "Address"},
                                  {kCac, "Country"},
                                  {kCbc, "IdentificationCode"}});
  if (!(length(country) > 1)) ctx_.Fail("BR-IC-12", root_);
}

void UblVat::CheckNotSubject() {
  const Nodes& breakdown = BreakdownCategories();
  bool o_breakdown = false;
  for (pugi::xml_node tc : breakdown) {
    if (!IsVat(tc)) continue;
    for (pugi::xml_node id : t_.Kids(tc, kCbc, "ID")) {
      o_breakdown =
          o_breakdown || vat::NormalizeSpace(vat::StringValue(id)) == "O";
    }
  }
  if (!o_breakdown) return;
  auto other = [&](const Nodes& nodes) {
    for (pugi::xml_node tc : nodes) {
      if (IsVat(tc) && NormId(tc) != "O") return true;
    }
    return false;
  };
  if (other(breakdown)) ctx_.Fail("BR-O-11", root_);
  if (other(t_.All(kCac, "ClassifiedTaxCategory"))) ctx_.Fail("BR-O-12", root_);
  if (other(AllowanceCategories(false, false))) ctx_.Fail("BR-O-13", root_);
  if (other(AllowanceCategories(true, false))) ctx_.Fail("BR-O-14", root_);
}

void UblVat::CheckSplitPayment() {
  // cbc:ID = 'B' here is a raw string comparison, without normalize-space.
  auto has_raw = [&](const Nodes& categories, const char* code) {
    return Any(categories, code, kR);
  };
  const Nodes& lines = t_.All(kCac, "ClassifiedTaxCategory");
  bool b_anywhere =
      has_raw(t_.All(kCac, "TaxCategory"), "B") || has_raw(lines, "B");
  if (b_anywhere) {
    bool all_it = true;
    for (pugi::xml_node n : t_.All(kCbc, "IdentificationCode")) {
      all_it = all_it && vat::StringValue(n) == "IT";
    }
    if (!all_it) ctx_.Fail("BR-B-01", root_);
  }
  const Nodes& breakdown = BreakdownCategories();
  auto present = [&](const char* code) {
    return has_raw(breakdown, code) || has_raw(root_acs_, code) ||
           has_raw(lines, code);
  };
  if (present("B") && present("S")) ctx_.Fail("BR-B-02", root_);
}

}  // namespace

void CheckUblVatCategoryRules(const RunContext& ctx) { UblVat(ctx).Run(); }

}  // namespace chorus::rules
