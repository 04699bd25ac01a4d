// The CII VAT evaluator's one pass over the document, and the lookups the
// rules of every category share: TypeCode, indicators, party identifiers.
#include <bit>
#include <string>

#include "rules/business_vat_cii.h"
#include "rules/cii_syntax_internal.h"
#include "rules/cii_syntax_names.h"

namespace chorus::rules::cii_vat {
namespace {

using vat::Doc;

constexpr std::array<xml::Name, 3> kPartyNames = {
    "SellerTradeParty", "SellerTaxRepresentativeTradeParty", "BuyerTradeParty"};

// What Gather does with an element. The parties follow the order of
// kPartyNames (and of CiiVat::Party).
enum Action : uint8_t {
  kSkip,
  kTransaction,
  kTradeTax,
  kHeaderSettlement,
  kCategoryTradeTax,
  kCategoryCode,
  kAllowanceCharge,
  kSellerParty,
  kSellerRepresentativeParty,
  kBuyerParty,
  kActionCount
};
struct ActionName {
  int ns;
  xml::Name local;
};
constexpr std::array<ActionName, kActionCount> kActionNames = {{
    {kRam, ""},
    {kRsm, "SupplyChainTradeTransaction"},
    {kRam, "ApplicableTradeTax"},
    {kRam, "ApplicableHeaderTradeSettlement"},
    {kRam, "CategoryTradeTax"},
    {kRam, "CategoryCode"},
    {kRam, "SpecifiedTradeAllowanceCharge"},
    {kRam, kPartyNames[0]},
    {kRam, kPartyNames[1]},
    {kRam, kPartyNames[2]},
}};
// By name key (the fallback when the syntax walk's names are missing):
// each hit then checks the namespace and the whole name.
constexpr KeySwitch<6> kActions = {
    {"SupplyChainTradeTransaction", kTransaction},
    {"ApplicableTradeTax", kTradeTax},
    {"ApplicableHeaderTradeSettlement", kHeaderSettlement},
    {"CategoryTradeTax", kCategoryTradeTax},
    {"CategoryCode", kCategoryCode},
    {"SpecifiedTradeAllowanceCharge", kAllowanceCharge},
    {"SellerTradeParty", kSellerParty},
    {"SellerTaxRepresentativeTradeParty", kSellerRepresentativeParty},
    {"BuyerTradeParty", kBuyerParty},
};

Action ActionOf(const DocIndex::Entry& e) {
  const auto a = static_cast<Action>(kActions(e.key));
  const ActionName& m = kActionNames[a];
  return a != kSkip && Doc::Named(e, m.ns, m.local) ? a : kSkip;
}

// By the syntax walk's name id (cii::NameId, exact: namespace and whole
// name), which kSharedNames guarantees for these names.
const uint8_t* ActionsById() {
  static const std::vector<uint8_t> table = [] {
    std::vector<uint8_t> v(cii::NameIdCount(), kSkip);
    for (uint8_t a = kSkip + 1; a < kActionCount; ++a) {
      const uint16_t id =
          cii::NameId(kActionNames[a].ns, kActionNames[a].local.text());
      if (id != 0) v[id] = a;
    }
    return v;
  }();
  return table.data();
}

}  // namespace

void Buffers::Clear() {
  taxes.clear();
  indicators.clear();
  slot.clear();
  for (std::vector<El>* v : {&settlements, &transactions, &allowance_taxes,
                             &trade_taxes, &allowances, &line_taxes}) {
    v->clear();
  }
  for (auto& p : parties) p.clear();
  sum_terms.clear();
  sum_taxes.clear();
  sum_summations.clear();
  sum_values.clear();
  percents.clear();
  for (auto& h : header_taxes) h.clear();
}

CiiVat::CiiVat(const RunContext& ctx, std::span<const cii::NameInfo> names)
    : ctx_(ctx), doc_(ctx.Index()), root_(doc_.root()) {
  if (root_ < 0) return;
  if (doc_.Is(root_, kRsm, "CrossIndustryInvoice")) {
    transaction_ = doc_.Kid(root_, kRsm, "SupplyChainTradeTransaction");
  }
  Gather(names);
}

void CiiVat::Gather(std::span<const cii::NameInfo> names) {
  const int32_t n = doc_.size();
  slot_.assign(static_cast<std::size_t>(n), -1);
  std::string scratch;
  // `counts`: CheckPresence's counts the tax adds to, null for none.
  using CodeCounts = std::array<int32_t, kCodes>;
  // (Both lambdas forced inline: GCC otherwise calls them, from two
  // places each, and each call saved and restored the registers.)
  auto add_tax = [&](El el, CodeCounts* const counts)
      __attribute__((always_inline)) {
    Tax& t = taxes_.emplace_back();
    t.el = el;
    // One pass over the children for the codes and the TypeCode test.
    El type = -1;
    int types = 0;
    for (El k = doc_[el].first_child; k >= 0; k = doc_[k].next) {
      const DocIndex::Entry& ke = doc_[k];
      if (Doc::Named(ke, kRam, "CategoryCode")) {
        std::string_view v = doc_.Text(k, scratch);
        t.codes |= CodeBit(CodeIndex(v));
        t.other_than_o = t.other_than_o || v != "O";
      } else if (Doc::Named(ke, kRam, "TypeCode")) {
        type = types++ == 0 ? k : type;
      } else if (Doc::Named(ke, kRam, "RateApplicablePercent")) {
        TakeFirst(k, t.rate, t.many_rates);
      } else if (Doc::Named(ke, kRam, "BasisAmount")) {
        TakeFirst(k, t.basis, t.many_bases);
      } else if (Doc::Named(ke, kRam, "CalculatedAmount")) {
        TakeFirst(k, t.calculated, t.many_calculated);
      } else if (Doc::Named(ke, kRam, "ExemptionReason") ||
                 Doc::Named(ke, kRam, "ExemptionReasonCode")) {
        t.has_reason = true;
      }
    }
    t.type_vat = types == 1 && IsVat(doc_.Text(type, scratch));
    // Every CategoryCode child's code (the kCategoryCode case skips them).
    in_use_ |= t.codes;
    if (counts != nullptr) {
      for (unsigned m = t.codes; m != 0; m &= m - 1) {
        ++(*counts)[static_cast<std::size_t>(std::countr_zero(m))];
      }
    }
    slot_[static_cast<std::size_t>(el)] =
        static_cast<int32_t>(taxes_.size() - 1);
  };
  // `action`: exact (namespace and whole name).
  auto visit = [&](El i, Action action) __attribute__((always_inline)) {
    const DocIndex::Entry& e = doc_[i];
    switch (action) {
      case kTransaction:
        transactions_.push_back(i);
        break;
      case kTradeTax: {
        trade_taxes_.push_back(i);
        const El parent = e.parent;
        CodeCounts* counts = nullptr;
        if (parent >= 0 &&
            Doc::Named(doc_[parent], kRam, "SpecifiedLineTradeSettlement")) {
          counts = &line_count_;
        } else if (parent >= 0 &&
                   Doc::Named(doc_[parent], kRam,
                              "ApplicableHeaderTradeSettlement")) {
          counts = &header_count_;
        }
        add_tax(i, counts);
        break;
      }
      case kHeaderSettlement:
        settlements_.push_back(i);
        break;
      case kCategoryTradeTax:
        allowance_taxes_.push_back(i);
        add_tax(i, &allowance_count_);
        break;
      case kCategoryCode:
        // A tax's codes are in: its children come after it.
        if (!IsTax(e.parent)) {
          in_use_ |= CodeBit(CodeIndex(doc_.Text(i, scratch)));
        }
        break;
      case kAllowanceCharge: {
        allowances_.push_back(i);
        Indicator& ind = indicators_.emplace_back();
        // ram:ChargeIndicator/udt:Indicator
        for (El ci = e.first_child; ci >= 0; ci = doc_[ci].next) {
          if (!Doc::Named(doc_[ci], kRam, "ChargeIndicator")) continue;
          for (El k = doc_[ci].first_child; k >= 0; k = doc_[k].next) {
            if (!Doc::Named(doc_[k], kUdt, "Indicator")) continue;
            std::optional<bool> b = vat::BooleanAt(doc_, k);
            if (b == std::optional<bool>(true)) ind.charge = true;
            if (b == std::optional<bool>(false)) ind.allowance = true;
          }
        }
        slot_[static_cast<std::size_t>(i)] =
            static_cast<int32_t>(indicators_.size() - 1);
        break;
      }
      case kSellerParty:
      case kSellerRepresentativeParty:
      case kBuyerParty:
        parties_[static_cast<std::size_t>(action - kSellerParty)].push_back(i);
        break;
      default:
        break;
    }
  };
  if (names.size() == static_cast<std::size_t>(n)) {
    const uint8_t* actions = ActionsById();
    auto action = [actions, names](El i) {
      return static_cast<Action>(
          actions[names[static_cast<std::size_t>(i)].trie_name]);
    };
    VisitPicked<16>(
        n, [&action](El i) { return action(i) != kSkip; },
        [&](El i) { visit(i, action(i)); });
  } else {
    VisitPicked<16>(
        n, [this](El i) { return kActions.Knows(doc_[i].key); },
        [&](El i) { visit(i, ActionOf(doc_[i])); });
  }
  // Each transaction's line taxes: rsm:SCTT/
  // ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/
  // ram:ApplicableTradeTax, depth first. The same look at a settlement's
  // children makes RoundedSum's line terms, which the absolute paths take
  // from every transaction of the root: its taxes and its summations.
  auto size = [](const auto& v) { return static_cast<int32_t>(v.size()); };
  for (El t : transactions_) {
    const bool summed = doc_[t].parent == root_;
    for (El li = doc_[t].first_child; li >= 0; li = doc_[li].next) {
      if (!Doc::Named(doc_[li], kRam, "IncludedSupplyChainTradeLineItem")) {
        continue;
      }
      for (El st = doc_[li].first_child; st >= 0; st = doc_[st].next) {
        if (!Doc::Named(doc_[st], kRam, "SpecifiedLineTradeSettlement")) {
          continue;
        }
        SumTerm term;
        term.line = true;
        term.taxes_begin = size(sum_taxes_);
        term.values_begin = size(sum_summations_);
        for (El c = doc_[st].first_child; c >= 0; c = doc_[c].next) {
          const DocIndex::Entry& ce = doc_[c];
          if (Doc::Named(ce, kRam, "ApplicableTradeTax")) {
            line_taxes_.push_back(c);
            if (summed) sum_taxes_.push_back(c);
          } else if (summed &&
                     Doc::Named(
                         ce, kRam,
                         "SpecifiedTradeSettlementLineMonetarySummation")) {
            sum_summations_.push_back(c);
          }
        }
        if (!summed) continue;
        term.taxes_end = size(sum_taxes_);
        term.values_end = size(sum_summations_);
        sum_terms_.push_back(term);
      }
    }
  }
}

std::vector<El> CiiVat::GatheredForTest() const {
  std::vector<El> out;
  auto put = [&out](const std::vector<El>& v) {
    out.push_back(static_cast<El>(v.size()));
    out.insert(out.end(), v.begin(), v.end());
  };
  for (const std::vector<El>* v :
       {&settlements_, &transactions_, &allowance_taxes_, &trade_taxes_,
        &allowances_, &line_taxes_, &sum_taxes_, &sum_summations_, &slot_}) {
    put(*v);
  }
  for (const std::vector<El>& p : parties_) put(p);
  std::vector<El> codes = {static_cast<El>(in_use_)};
  for (const auto* counts : {&line_count_, &header_count_, &allowance_count_}) {
    codes.insert(codes.end(), counts->begin(), counts->end());
  }
  for (const Tax& t : taxes_) {
    codes.insert(codes.end(), {t.el, static_cast<El>(t.codes), t.rate, t.basis,
                               t.calculated, t.type_vat, t.has_reason});
  }
  for (const Indicator& i : indicators_) {
    codes.insert(codes.end(), {i.charge, i.allowance});
  }
  put(codes);
  return out;
}

// [upper-case(ram:TypeCode) = 'VAT'] in a rule context (every caller):
// upper-case() of two type codes is an error, and a pattern that raises
// one matches nothing (Gather takes the one TypeCode's value here).
// Setting bit 5 of each byte leaves 'v', 'a' and 't' only from those
// letters in either case: one compare of the three bytes.
bool CiiVat::IsVat(std::string_view v) {
  return v.size() == 3 &&
         (PackBytes(v.data(), 3) | 0x202020u) == PackBytes("vat", 3);
}

bool CiiVat::IsTax(El el) const {
  if (el < 0) return false;
  const int32_t s = Slot(el);
  return s >= 0 && static_cast<std::size_t>(s) < taxes_.size() &&
         taxes_[static_cast<std::size_t>(s)].el == el;
}

void CiiVat::ReadPercent(Tax& t) {
  // Doc::Only of the rates Gather found.
  const El only = OnlyOf(t.rate, t.many_rates);
  const auto last = [&] { return static_cast<int32_t>(percents_.size() - 1); };
  if (only >= 0 && !doc_.HasElementChild(only)) {
    const std::string_view text = doc_[only].raw;  // Doc::Text of a leaf
    if (percent_last_ < 0 || !ShortEqual(text, percent_text_)) {
      percents_.push_back(vat::DecimalAt(doc_, only));
      percent_text_ = text;
      percent_last_ = last();
    }
    t.percent = percent_last_;
  } else {
    percents_.push_back(vat::SingleDecimal(doc_, only));
    t.percent = last();
  }
}

const std::vector<El>& CiiVat::HeaderTaxes(bool in_transaction) {
  std::vector<El>& out = buffers_->header_taxes[in_transaction ? 1 : 0];
  bool& read = header_taxes_read_[in_transaction ? 1 : 0];
  if (read) return out;
  read = true;
  if (settlements_.size() == 1) {
    // The usual one settlement: its taxes are those Gather found whose
    // parent it is, in document order, without a look at its other
    // children.
    const El s = settlements_[0];
    if (in_transaction &&
        !doc_.Is(doc_.Parent(s), kRsm, "SupplyChainTradeTransaction")) {
      return out;
    }
    for (El tax : trade_taxes_) {
      if (doc_[tax].parent == s) out.push_back(tax);
    }
    return out;
  }
  for (El s : settlements_) {
    if (in_transaction &&
        !doc_.Is(doc_.Parent(s), kRsm, "SupplyChainTradeTransaction"))
      continue;
    for (El k = doc_[s].first_child; k >= 0; k = doc_[k].next) {
      if (Doc::Named(doc_[k], kRam, "ApplicableTradeTax")) out.push_back(k);
    }
  }
  return out;
}

// Tax registration IDs with that schemeID under a party, the party found
// at the absolute header path or anywhere (//).
bool CiiVat::TaxId(Party party, bool anywhere, bool fc_too) const {
  const xml::Name& name = kPartyNames[static_cast<std::size_t>(party)];
  // p/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = ...]
  auto has_id = [&](El p) {
    for (El r = doc_[p].first_child; r >= 0; r = doc_[r].next) {
      if (!Doc::Named(doc_[r], kRam, "SpecifiedTaxRegistration")) continue;
      for (El id = doc_[r].first_child; id >= 0; id = doc_[id].next) {
        if (!Doc::Named(doc_[id], kRam, "ID")) continue;
        std::string_view scheme = doc_.Attribute(id, "schemeID");
        if (scheme == "VA" || (fc_too && scheme == "FC")) return true;
      }
    }
    return false;
  };
  if (anywhere) {
    for (El p : parties_[static_cast<std::size_t>(party)]) {
      if (has_id(p)) return true;
    }
    return false;
  }
  if (transaction_ < 0) return false;
  // transaction/ram:ApplicableHeaderTradeAgreement/ram:<party>
  for (El a = doc_[transaction_].first_child; a >= 0; a = doc_[a].next) {
    if (!Doc::Named(doc_[a], kRam, "ApplicableHeaderTradeAgreement")) continue;
    for (El p = doc_[a].first_child; p >= 0; p = doc_[p].next) {
      if (Doc::Named(doc_[p], kRam, name) && has_id(p)) return true;
    }
  }
  return false;
}

bool CiiVat::BuyerLegalId() const {
  for (El b : parties_[kBuyer]) {
    if (!doc_.Path(b, {{kRam, "SpecifiedLegalOrganization"}, {kRam, "ID"}})
             .empty())
      return true;
  }
  return false;
}

// Same verdict for every line and allowance of the document, so computed
// once per kind: each party lookup scans the transaction's children, and
// redoing it per line made 10,000 lines cost seconds.
bool CiiVat::IdentifiersOk(Ids ids) {
  std::optional<bool>& cached = ids_ok_[static_cast<std::size_t>(ids)];
  if (!cached) cached = ComputeIdentifiersOk(ids);
  return *cached;
}

bool CiiVat::ComputeIdentifiersOk(Ids ids) {
  switch (ids) {
    case Ids::kSeller:
      return TaxId(kSeller, false, true) ||
             TaxId(kSellerRepresentative, false, false);
    case Ids::kSellerVatOnly:
      return TaxId(kSeller, true, false) ||
             TaxId(kSellerRepresentative, true, false);
    case Ids::kIntraCommunity:
      return IdentifiersOk(Ids::kSellerVatOnly) && TaxId(kBuyer, true, false);
    case Ids::kReverseCharge:
      return (TaxId(kSeller, true, true) ||
              TaxId(kSellerRepresentative, true, false)) &&
             (TaxId(kBuyer, true, false) || BuyerLegalId());
    case Ids::kNoVatIds:
      return !TaxId(kSeller, false, false) &&
             !TaxId(kSellerRepresentative, false, false) &&
             !TaxId(kBuyer, true, false);
  }
  return true;
}

std::optional<vat::Fixed> CiiVat::RateFixed(El p) {
  const std::string_view text = doc_[p].raw;  // Doc::Text of a leaf
  if (rate_known_ && ShortEqual(text, rate_text_)) return rate_fixed_;
  rate_fixed_ = vat::ParseFixed(text);
  rate_text_ = text;
  rate_known_ = true;
  return rate_fixed_;
}

bool CiiVat::RateOk(Rate rate, El tax) {
  const Tax& t = TaxOf(tax);
  if (rate == Rate::kAbsent) return t.rate < 0;
  std::string scratch;
  for (El p = t.rate; p >= 0;
       p = doc_.NextKid(p, kRam, "RateApplicablePercent")) {
    // A plain decimal in 64 bits: its sign answers (the cast below would
    // give the same value).
    if (std::optional<vat::Fixed> f =
            doc_[p].first_child < 0 ? RateFixed(p)
                                    : vat::ParseFixed(doc_.Text(p, scratch))) {
      if ((rate == Rate::kPositive && f->m > 0) ||
          (rate == Rate::kNonNegative && f->m >= 0) ||
          (rate == Rate::kZero && f->m == 0)) {
        return true;
      }
      continue;
    }
    Num v = vat::DoubleAt(doc_, p);
    if (!v.value) continue;
    if ((rate == Rate::kPositive && *v.value > 0) ||
        (rate == Rate::kNonNegative && *v.value >= 0) ||
        (rate == Rate::kZero && v.value->IsZero()))
      return true;
  }
  return false;
}

}  // namespace chorus::rules::cii_vat
