// The UBL VAT category rules' evaluator (business_vat_ubl*.cpp): the node
// sets every category asks about, gathered once per run, and the memoized
// XPath values the ten rules of each category compare. Internal to
// src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_VAT_UBL_H_
#define CHORUS_SRC_RULES_BUSINESS_VAT_UBL_H_

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/business_vat_ubl_table.h"
#include "rules/business_vat_xml.h"
#include "rules/engine_internal.h"

namespace chorus::rules::ubl_vat {

// A value memoized per element of the shared index, stored only for the
// elements asked about: a large invoice has hundreds of thousands of
// elements and the rules ask about a few per line. Values keep their
// address (a deque), so callers may hold pointers to them.
template <typename T>
class SparseMemo {
 public:
  void Reset(std::size_t elements) { slot_.assign(elements, -1); }
  std::optional<T>& At(int32_t element) {
    int32_t& slot = slot_[static_cast<std::size_t>(element)];
    if (slot < 0) {
      slot = static_cast<int32_t>(values_.size());
      values_.emplace_back();
    }
    return values_[static_cast<std::size_t>(slot)];
  }

 private:
  std::vector<int32_t> slot_;
  std::deque<std::optional<T>> values_;
};

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
    norm_id_.Reset(elements);
    ids_.Reset(elements);
    percent_.Reset(elements);
    memo_nodes_.Reset(elements);
    amount_.Reset(elements);
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
  std::optional<T>* SlotOf(SparseMemo<T>& memo, pugi::xml_node n) const {
    int32_t i = ctx_.Index().EntryOf(n);
    return i < 0 ? nullptr : &memo.At(i);
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
  // A category rule's context `...TaxCategory[normalize-space(cbc:ID) =
  // 'X'][cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']` raises an
  // error on a category with two IDs, or a scheme with two, and a pattern
  // that raises an error matches nothing: the rule does not run there.
  bool ContextMatches(pugi::xml_node n, const std::string& code) const {
    if (t_.Kids(n, kCbc, "ID").size() > 1) return false;
    for (pugi::xml_node s : t_.Kids(n, kCac, "TaxScheme")) {
      if (t_.Kids(s, kCbc, "ID").size() > 1) return false;
    }
    return Matches(n, code, Match{true, true});
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
  mutable SparseMemo<std::string> norm_id_;
  mutable SparseMemo<IdValues> ids_;
  mutable std::unordered_map<const Nodes*, Summary> summaries_;
  mutable SparseMemo<Num> percent_;
  // Lines ask for LineExtensionAmount only, allowances for Amount only.
  mutable SparseMemo<Num> amount_;
  mutable std::vector<int8_t> charge_;
  // A line's item categories, an allowance's categories.
  mutable SparseMemo<Nodes> memo_nodes_;
  mutable std::array<int8_t, 12> party_tax_id_ = {-1, -1, -1, -1, -1, -1,
                                                  -1, -1, -1, -1, -1, -1};
};

}  // namespace chorus::rules::ubl_vat

#endif  // CHORUS_SRC_RULES_BUSINESS_VAT_UBL_H_
