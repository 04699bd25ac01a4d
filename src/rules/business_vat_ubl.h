// The UBL VAT category rules' evaluator (business_vat_ubl*.cpp). One pass
// over the document gathers the elements the rules ask about and reduces
// every cac:TaxCategory / cac:ClassifiedTaxCategory to the few facts the
// ten rules of each category compare (VAT scheme, which category codes its
// IDs carry); the count() tests then read per-set tallies. Internal to
// src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_VAT_UBL_H_
#define CHORUS_SRC_RULES_BUSINESS_VAT_UBL_H_

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "business_vat_doc.h"
#include "business_vat_ubl_table.h"
#include "engine_internal.h"

namespace chorus::rules::ubl_vat {

using vat::El;
using vat::Els;
using vat::Num;

inline constexpr int kCbc = kNsCbc;
inline constexpr int kCac = kNsCac;
// Namespace ids [0, this) the walk looks for PartyTaxScheme under (besides
// kOtherNamespace and kNoNamespace).
inline constexpr int kPartyTaxSchemeNamespaces = 16;

// A cac:TaxCategory or cac:ClassifiedTaxCategory, wherever it is.
struct Cat {
  El el = -1;
  // [cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']
  bool vat = false;
  // At most one cbc:ID, and at most one per cac:TaxScheme: else a rule
  // context naming the category raises an error and matches nothing.
  bool single_ids = true;
  bool line = false;  // the category of a line's cac:Item
  // normalize-space(cbc:ID) of the first ID as a code index, -1 if none.
  int8_t norm_code = -1;
  // At most one cbc:ID (whatever the TaxScheme holds), and the raw ID as
  // a code index (-1: none, or no code).
  bool one_id = true;
  int8_t raw_code = -1;
  CodeMask raw_codes = 0;   // codes equal to some raw cbc:ID
  CodeMask norm_codes = 0;  // codes equal to some normalized cbc:ID
  // How many normalized cbc:IDs equal each code.
  std::array<int, kCodes> norm_count{};
  // xs:decimal(cbc:Percent), parsed on first use (UblVat::PercentOf): one
  // of UblVat's values, shared by the categories whose Percent reads alike.
  const Num* percent = nullptr;
  // Its cbc:Percent children as Doc::Only answers (-1, one, or kMany), and
  // whether a cbc:TaxExemptionReason(Code) is among them: noted in the one
  // look at the children, which the rules would otherwise walk again.
  El percent_el = -1;
  bool exemption = false;
  // The core rules' view of the category (core::VatCategoryOf), by local
  // name whatever the namespace: [TaxScheme/ID = 'VAT'] on the last
  // TaxScheme and its first ID, and its first ID and Percent children.
  bool core_vat = false;
  El core_code = -1;
  El core_rate = -1;
};

// A cac:InvoiceLine / cac:CreditNoteLine or cac:AllowanceCharge.
struct Holder {
  // Provided, so that emplace_back() sets the members below only: the
  // implicit constructor has the vector zero all 144 bytes first.
  Holder() {}              // NOLINT(modernize-use-equals-default)
  Els cats;                // its categories, as indexes into UblVat::cats_
  bool charge = false;     // cbc:ChargeIndicator = true()
  bool allowance = false;  // cbc:ChargeIndicator = false()
  // Its cbc:LineExtensionAmount (line) or cbc:Amount (allowance/charge)
  // children: the first and how many.
  El amount_el = -1;
  int amounts = 0;
  // xs:decimal() of that child, on first use.
  std::optional<vat::Term> amount;
};

// The count() tests' tallies over one set of categories.
struct Summary {
  // [raw/normalized][any scheme/VAT only][code]: matching categories.
  // The slot past the codes (kCodes) takes what matches no code: Add counts
  // a category of one ID there rather than testing for a code.
  int nodes[2][2][kCodes + 1] = {};
  // normalized cbc:IDs equal to the code, in VAT categories.
  int vat_ids[kCodes + 1] = {};
  // Inline for the usual category, one cbc:ID: its normalized and raw
  // codes, each a code or none (the last slot), added without a test.
  void Add(const Cat& c) {
    if (!c.one_id) {
      AddIds(c);
      return;
    }
    const int vat = c.vat ? 1 : 0;
    const auto norm =
        static_cast<std::size_t>(c.norm_code >= 0 ? c.norm_code : kCodes);
    const auto raw =
        static_cast<std::size_t>(c.raw_code >= 0 ? c.raw_code : kCodes);
    ++nodes[1][0][norm];
    nodes[1][1][norm] += vat;
    vat_ids[norm] += vat;
    ++nodes[0][0][raw];
    nodes[0][1][raw] += vat;
  }
  void AddIds(const Cat& c);  // a category of no or several cbc:IDs
  int Count(Match m, int code) const {
    return nodes[m.normalized ? 1 : 0][m.vat ? 1 : 0][code];
  }
};

// UblVat's containers, reused from document to document (vat::Reused).
struct Buffers {
  std::vector<Cat> cats;
  std::vector<Holder> holders;
  std::vector<int32_t> slot;
  std::array<std::vector<int>, 9> sets;  // UblVat::kSets
  std::vector<El> acs, root_acs, country_codes, party_tax_schemes;
  std::array<std::vector<El>, 2> lines, root_lines;
  std::array<std::vector<El>, 3> parties;
  std::deque<Num> percents;  // stable: categories point into it
  void Clear();
};

class UblVat {
 public:
  // `names`: the UBL syntax walk's interned name per entry, when it ran
  // first (else empty).
  explicit UblVat(const RunContext& ctx, std::span<const int32_t> names = {});
  void Run();
  // Every element named PartyTaxScheme (any namespace), in document order:
  // the core rules' BR-CO-09 context, found by the same walk, when
  // FindsPartyTaxSchemes() (it covers every namespace id).
  static bool FindsPartyTaxSchemes();
  const std::vector<El>& party_tax_schemes() const {
    return party_tax_schemes_;
  }
  // xs:decimal() of `amount` as the category sums take it, parsed once for
  // them and BR-CO-10: `line` a cac:InvoiceLine / cac:CreditNoteLine whose
  // one cbc:LineExtensionAmount is `amount`; null otherwise.
  const vat::Term* LineAmount(El line, El amount);
  // The facts of `el` when it is a category Gather reduced (named
  // cac:TaxCategory, or with `line` cac:ClassifiedTaxCategory); null
  // otherwise.
  const Cat* CategoryAt(El el, bool line) const {
    if (el < 0 || !vat::Doc::Named(doc_[el], kCac,
                                   line ? xml::Name("ClassifiedTaxCategory")
                                        : xml::Name("TaxCategory"))) {
      return nullptr;
    }
    return &cats_[static_cast<std::size_t>(
        slot_[static_cast<std::size_t>(el)])];
  }

 private:
  enum Set {
    kLineCats,    // //cac:ClassifiedTaxCategory
    kAllCats,     // //cac:TaxCategory
    kBreakdown,   // /*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory
    kAcCats,      // //cac:AllowanceCharge/cac:TaxCategory
    kRootAcCats,  // /*/cac:AllowanceCharge/cac:TaxCategory
    // //cac:AllowanceCharge[charge]/cac:TaxCategory, then /*/... only.
    kAllowanceCats,
    kChargeCats,
    kRootAllowanceCats,
    kRootChargeCats,
    kSets
  };
  static Set AllowanceSet(bool charge, bool root_only) {
    return static_cast<Set>(kAllowanceCats + (root_only ? 2 : 0) +
                            (charge ? 1 : 0));
  }

  void Gather(std::span<const int32_t> names);
  int AddCat(El el);
  void AddHolder(El el) {
    holders_.emplace_back();
    slot_[static_cast<std::size_t>(el)] =
        static_cast<int32_t>(holders_.size() - 1);
  }
  bool IsVat(El el) const;
  // normalize-space(upper-case(id)) = 'VAT' for a scheme's first cbc:ID
  // (-1: none). Inline for the usual ID, a leaf, whose text is its string
  // value trimmed: every category asks it of its scheme.
  bool IdIsVat(El id) const {
    if (id >= 0 && !doc_.HasElementChild(id)) {
      return vat::IsUpperVat(doc_[id].text);
    }
    return NestedIdIsVat(id);
  }
  bool NestedIdIsVat(El id) const;
  Holder& HolderOf(El el) {
    return holders_[static_cast<std::size_t>(slot_[el])];
  }
  Cat& CatOf(int i) { return cats_[static_cast<std::size_t>(i)]; }
  // Category `c` joins set `s` and its tallies (its facts are final once
  // AddCat returns).
  void Put(Set s, int c) {
    sets_[static_cast<std::size_t>(s)].push_back(c);
    summaries_[static_cast<std::size_t>(s)].Add(CatOf(c));
  }
  // Inline once parsed: the sums ask a line's rate once per category.
  const Num& PercentOf(Cat& c) {
    return c.percent != nullptr ? *c.percent : ParsePercent(c);
  }
  const Num& ParsePercent(Cat& c);
  // Inline once parsed: the core rules' BR-CO-10 parses a line's amount
  // first, the sums ask again per category.
  const vat::Term& AmountOf(El holder) {
    const Holder& h = HolderOf(holder);
    return h.amount ? *h.amount : ParseAmount(holder);
  }
  const vat::Term& ParseAmount(El holder);
  int Count(Set s, int code, Match m) const {
    return summaries_[s].Count(m, code);
  }
  bool Any(Set s, int code, Match m) const { return Count(s, code, m) > 0; }
  // The rule context [normalize-space(cbc:ID) = 'X'][VAT] on a category.
  static bool ContextMatches(const Cat& c, int code) {
    return c.single_ids && c.vat && c.norm_code == code;
  }
  bool PartyTaxId(int role, bool through_party, bool vat_only);
  bool ComputePartyTaxId(int role, bool through_party, bool vat_only) const;
  bool BuyerLegalId() const;
  bool IdentifiersOk(const Category& c);

  void RunCategory(const Category& c, int code);
  void CheckPresence(const Category& c, int code);
  void CheckRates(const Category& c, int code);
  bool RateOk(const Category& c, Cat& cat);
  void CheckBreakdown(const Category& c, int code, Cat& cat);
  // `amount`: the subtotal's one cbc:TaxableAmount as Doc::Only found it;
  // `term`: its xs:decimal() when CheckBreakdown parsed it (else null).
  std::optional<bool> TaxableOk(const Category& c, int code, Cat& cat,
                                El amount, const vat::Term* term);
  // Sum of root-level line net amounts plus charges minus allowances of the
  // category (and rate, when given); error on a non-decimal amount.
  struct Sum {
    bool error = false;
    vat::FixedSum value;
  };
  Sum CategorySum(int code, int line_kind, const std::optional<Decimal>& rate);
  bool HolderMatches(El holder, int code, const std::optional<Decimal>& rate,
                     bool* error);
  // HolderMatches over the holder's categories `cats`, however many.
  bool CatsMatch(const Els& cats, int code, const std::optional<Decimal>& rate,
                 bool* error);
  void CheckIntraCommunity();
  void CheckNotSubject();
  void CheckSplitPayment();
  void Fail(std::string_view id, El at) const { ctx_.Fail(id, at); }

  const RunContext& ctx_;
  vat::Doc doc_;
  El root_;
  vat::Reused<Buffers> buffers_;
  std::vector<Cat>& cats_ = buffers_->cats;
  std::vector<Holder>& holders_ = buffers_->holders;
  // Entry -> index into cats_ or holders_ (the element's kind tells which).
  std::vector<int32_t>& slot_ = buffers_->slot;
  // Indexes into cats_.
  std::array<std::vector<int>, kSets>& sets_ = buffers_->sets;
  std::array<Summary, kSets> summaries_;
  std::vector<El>& acs_ = buffers_->acs;            // //cac:AllowanceCharge
  std::vector<El>& root_acs_ = buffers_->root_acs;  // /*/cac:AllowanceCharge
  // //cac:InvoiceLine, //cac:CreditNoteLine; /*/cac:InvoiceLine, ...
  std::array<std::vector<El>, 2>& lines_ = buffers_->lines;
  std::array<std::vector<El>, 2>& root_lines_ = buffers_->root_lines;
  // //cac:AccountingSupplierParty, AccountingCustomerParty,
  // TaxRepresentativeParty.
  std::array<std::vector<El>, 3>& parties_ = buffers_->parties;
  // //cbc:IdentificationCode
  std::vector<El>& country_codes_ = buffers_->country_codes;
  std::vector<El>& party_tax_schemes_ = buffers_->party_tax_schemes;
  // ParsePercent's values, and the last leaf texts it parsed with their
  // values (null before the first): a long invoice's lines repeat a rate or
  // two, in any order.
  std::deque<Num>& percents_ = buffers_->percents;
  struct KnownPercent {
    std::string_view text;
    const Num* value = nullptr;
  };
  std::array<KnownPercent, 4> known_percents_;
  uint32_t next_known_percent_ = 0;
  CodeMask in_use_ = 0;  // codes some category ID carries
  std::array<int8_t, 12> party_tax_id_ = {-1, -1, -1, -1, -1, -1,
                                          -1, -1, -1, -1, -1, -1};
};

}  // namespace chorus::rules::ubl_vat

#endif  // CHORUS_SRC_RULES_BUSINESS_VAT_UBL_H_
