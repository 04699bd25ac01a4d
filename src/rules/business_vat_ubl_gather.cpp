// The UBL VAT evaluator's one pass over the document: the elements every
// category asks about, each category's facts, the sets the count() tests
// range over and their tallies; and the party identifier tests.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "rules/business_vat_ubl.h"
#include "rules/ubl_syntax_tables.h"

namespace chorus::rules::ubl_vat {
namespace {

using vat::Doc;

// What Gather does with an element, by name (each case then checks the
// namespace and the whole name).
enum Action : uint8_t {
  kSkip,
  kPartyTaxScheme,
  kCountryCode,
  kLineAmount,
  kAmount,
  kChargeIndicator,
  kLineCategory,
  kCategory,
  kAllowanceCharge,
  kInvoiceLine,
  kCreditNoteLine,
  kParty,  // AccountingSupplierParty / ...CustomerParty: one key
  kTaxRepresentative,
};
constexpr KeySwitch<6> kActions = {
    {"PartyTaxScheme", kPartyTaxScheme},
    {"IdentificationCode", kCountryCode},
    {"LineExtensionAmount", kLineAmount},
    {"Amount", kAmount},
    {"ChargeIndicator", kChargeIndicator},
    {"ClassifiedTaxCategory", kLineCategory},
    {"TaxCategory", kCategory},
    {"AllowanceCharge", kAllowanceCharge},
    {"InvoiceLine", kInvoiceLine},
    {"CreditNoteLine", kCreditNoteLine},
    {"AccountingSupplierParty", kParty},
    {"AccountingCustomerParty", kParty},
    {"TaxRepresentativeParty", kTaxRepresentative},
};

}  // namespace

void Buffers::Clear() {
  cats.clear();
  holders.clear();
  slot.clear();
  for (auto& s : sets) s.clear();
  acs.clear();
  root_acs.clear();
  country_codes.clear();
  party_tax_schemes.clear();
  for (auto& l : lines) l.clear();
  for (auto& l : root_lines) l.clear();
  for (auto& p : parties) p.clear();
  percents.clear();
}

bool UblVat::FindsPartyTaxSchemes() {
  return xml::DocNamespaces().size() <=
         static_cast<std::size_t>(kPartyTaxSchemeNamespaces);
}

UblVat::UblVat(const RunContext& ctx, std::span<const int32_t> names)
    : ctx_(ctx), doc_(ctx.Index()), root_(doc_.root()) {
  if (root_ >= 0) Gather(names);
}

namespace {

// Per interned name of the UBL syntax walk (ubl::Tables; index id + 1):
// 1 when Gather acts on that name's key. Id -1 (a name no syntax rule
// mentions) is taken too: the visit tells those apart by key.
const uint32_t* TakesById() {
  static const std::vector<uint32_t> table = [] {
    const ubl::Tables& t = ubl::GetTables();
    std::vector<uint32_t> v(t.names_.size() + 1, 1);
    for (std::size_t i = 0; i < t.names_.size(); ++i) {
      v[i + 1] = kActions.Knows(xml::NameKey(t.names_[i].local));
    }
    return v;
  }();
  return table.data() + 1;
}

}  // namespace

// One pass in document order: an element's ancestors come before it, so
// the line or allowance a category belongs to already has its holder.
// With the syntax walk's interned `names` (one per entry), the elements
// are picked by a table load instead of a key hash.
void UblVat::Gather(std::span<const int32_t> names) {
  const int32_t n = doc_.size();
  slot_.assign(static_cast<std::size_t>(n), -1);
  cats_.reserve(16);
  // The entries through one pointer: doc_[i] reloads the table's address
  // after every store the visit makes.
  const DocIndex::Entry* const entries = &doc_[0];
  auto visit = [&](El i) {
    const DocIndex::Entry& e = entries[i];
    const uint8_t action = kActions(e.key);
    switch (action) {
      case kPartyTaxScheme:
        // Any namespace (the core rules' BR-CO-09 context).
        if (e.local == "PartyTaxScheme") party_tax_schemes_.push_back(i);
        break;
      case kCountryCode:
        if (Doc::Named(e, kCbc, "IdentificationCode")) {
          country_codes_.push_back(i);
        }
        break;
      case kLineAmount:
      case kAmount:
        if (action == kLineAmount
                ? Doc::Named(e, kCbc, "LineExtensionAmount") &&
                      (doc_.Is(e.parent, kCac, "InvoiceLine") ||
                       doc_.Is(e.parent, kCac, "CreditNoteLine"))
                : Doc::Named(e, kCbc, "Amount") &&
                      doc_.Is(e.parent, kCac, "AllowanceCharge")) {
          Holder& h = HolderOf(e.parent);
          if (h.amounts++ == 0) h.amount_el = i;
        }
        break;
      case kChargeIndicator:
        if (Doc::Named(e, kCbc, "ChargeIndicator") &&
            doc_.Is(e.parent, kCac, "AllowanceCharge")) {
          // cbc:ChargeIndicator = true() / false(): some indicator casts.
          std::optional<bool> b = vat::BooleanAt(doc_, i);
          Holder& h = HolderOf(e.parent);
          if (b == std::optional<bool>(true)) h.charge = true;
          if (b == std::optional<bool>(false)) h.allowance = true;
        }
        break;
      case kLineCategory:
        if (Doc::Named(e, kCac, "ClassifiedTaxCategory")) {
          int c = AddCat(i);
          Put(kLineCats, c);
          // line/cac:Item/cac:ClassifiedTaxCategory
          if (CatOf(c).line) HolderOf(doc_.Parent(e.parent)).cats.push_back(c);
        }
        break;
      case kCategory:
        if (Doc::Named(e, kCac, "TaxCategory")) {
          int c = AddCat(i);
          Put(kAllCats, c);
          El up = e.parent;
          if (doc_.Is(up, kCac, "AllowanceCharge")) {
            HolderOf(up).cats.push_back(c);
          } else if (doc_.Is(up, kCac, "TaxSubtotal") &&
                     doc_.Is(doc_.Parent(up), kCac, "TaxTotal") &&
                     doc_.Parent(doc_.Parent(up)) == root_) {
            Put(kBreakdown, c);
          }
        }
        break;
      case kAllowanceCharge:
        if (Doc::Named(e, kCac, "AllowanceCharge")) {
          acs_.push_back(i);
          if (e.parent == root_) root_acs_.push_back(i);
          AddHolder(i);
        }
        break;
      case kInvoiceLine:
      case kCreditNoteLine: {
        const int kind = action == kInvoiceLine ? 0 : 1;
        if (Doc::Named(e, kCac,
                       kind == 0 ? xml::Name("InvoiceLine")
                                 : xml::Name("CreditNoteLine"))) {
          lines_[static_cast<std::size_t>(kind)].push_back(i);
          if (e.parent == root_) {
            root_lines_[static_cast<std::size_t>(kind)].push_back(i);
          }
          AddHolder(i);
        }
        break;
      }
      case kParty:
        if (Doc::Named(e, kCac, "AccountingSupplierParty")) {
          parties_[0].push_back(i);
        } else if (Doc::Named(e, kCac, "AccountingCustomerParty")) {
          parties_[1].push_back(i);
        }
        break;
      case kTaxRepresentative:
        if (Doc::Named(e, kCac, "TaxRepresentativeParty")) {
          parties_[2].push_back(i);
        }
        break;
      default:
        break;
    }
  };
  if (names.size() == static_cast<std::size_t>(n)) {
    const uint32_t* takes = TakesById();
    VisitPicked<16>(
        n,
        [takes, names](El i) {
          return takes[static_cast<std::ptrdiff_t>(
              names[static_cast<std::size_t>(i)])];
        },
        visit);
  } else {
    VisitPicked(
        n, [this](El i) { return kActions.Knows(doc_[i].key); }, visit);
  }
  auto append = [&](Set s, const Holder& h) {
    for (int c : h.cats) Put(s, c);
  };
  // One pass over the allowances fills the six sets, each in document
  // order (root_acs_ are those of acs_ whose parent is the root).
  for (El ac : acs_) {
    const Holder& h = HolderOf(ac);
    if (h.cats.empty()) continue;
    const bool root = doc_[ac].parent == root_;
    append(kAcCats, h);
    if (root) append(kRootAcCats, h);
    for (bool charge : {false, true}) {
      if (!(charge ? h.charge : h.allowance)) continue;
      append(AllowanceSet(charge, false), h);
      if (root) append(AllowanceSet(charge, true), h);
    }
  }
}

int UblVat::AddCat(El el) {
  Cat& c = cats_.emplace_back();
  c.el = el;
  std::string scratch;
  int ids = 0;
  // The core rules' names: any namespace, a prefix under 16 bytes
  // (core::EntryNamed). "ID" and "Percent" are whole in their keys.
  constexpr xml::Name kId("ID");
  constexpr xml::Name kPercent("Percent");
  constexpr xml::Name kScheme("TaxScheme");
  El core_scheme = -1;
  for (El k = doc_[el].first_child; k >= 0; k = doc_[k].next) {
    const DocIndex::Entry& e = doc_[k];
    const bool core = e.prefix_size < 16;
    if (e.key == kId.key()) {
      if (core && c.core_code < 0) c.core_code = k;
      if (e.ns != kCbc) continue;
      std::string_view raw = doc_.Text(k, scratch);
      int raw_code = CodeIndex(raw);
      // normalize-space(ID) equals a code (no spaces) iff the trimmed ID does.
      std::string_view trimmed = vat::TrimSpace(raw);
      int norm_code =
          trimmed.size() == raw.size() ? raw_code : CodeIndex(trimmed);
      if (ids++ == 0) {
        c.norm_code = static_cast<int8_t>(norm_code);
        c.raw_code = static_cast<int8_t>(raw_code);
      }
      c.raw_codes |= CodeBit(raw_code);
      c.norm_codes |= CodeBit(norm_code);
      if (norm_code >= 0) ++c.norm_count[static_cast<std::size_t>(norm_code)];
    } else if (e.key == kScheme.key() && SameTail(e.local, kScheme.text())) {
      if (core) core_scheme = k;  // the last one counts
      if (e.ns != kCac) continue;
      // One look at the scheme's children: IsVat's test and the count.
      El first_id = -1;
      int scheme_ids = 0;
      for (El i = e.first_child; i >= 0; i = doc_[i].next) {
        if (!Doc::Named(doc_[i], kCbc, kId)) continue;
        if (scheme_ids++ == 0) first_id = i;
      }
      if (scheme_ids > 1) c.single_ids = false;
      c.vat = c.vat || IdIsVat(first_id);
    } else if (e.key == kPercent.key()) {
      if (core && c.core_rate < 0) c.core_rate = k;
      if (e.ns == kCbc) c.percent_el = c.percent_el == -1 ? k : Doc::kMany;
    } else if (Doc::Named(e, kCbc, "TaxExemptionReason") ||
               Doc::Named(e, kCbc, "TaxExemptionReasonCode")) {
      c.exemption = true;
    }
  }
  if (ids > 1) c.single_ids = c.one_id = false;
  // core: the first ID of the last TaxScheme, trimmed, upper-cased.
  for (El i = core_scheme < 0 ? -1 : doc_[core_scheme].first_child; i >= 0;
       i = doc_[i].next) {
    const DocIndex::Entry& e = doc_[i];
    if (e.key == kId.key() && e.prefix_size < 16) {
      c.core_vat = vat::IsUpperVat(e.text);
      break;
    }
  }
  El item = doc_.Parent(el);
  El line = doc_.Parent(item);
  c.line =
      doc_.Is(item, kCac, "Item") && (doc_.Is(line, kCac, "InvoiceLine") ||
                                      doc_.Is(line, kCac, "CreditNoteLine"));
  in_use_ |= c.raw_codes | c.norm_codes;
  int index = static_cast<int>(cats_.size() - 1);
  slot_[static_cast<std::size_t>(el)] = index;
  return index;
}

// cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT'.
bool UblVat::IsVat(El el) const {
  for (El k = doc_[el].first_child; k >= 0; k = doc_[k].next) {
    if (Doc::Named(doc_[k], kCac, "TaxScheme") &&
        IdIsVat(doc_.Kid(k, kCbc, "ID"))) {
      return true;
    }
  }
  return false;
}

// IdIsVat for an absent ID (-1) or one with element children: the string
// value of its text nodes, trimmed.
bool UblVat::NestedIdIsVat(El id) const {
  std::string scratch;
  return vat::IsUpperVat(vat::TrimSpace(doc_.Text(id, scratch)));
}

const Num& UblVat::ParsePercent(Cat& c) {
  const El only = c.percent_el;
  if (only < 0 || doc_.HasElementChild(only)) {
    const Num& value = percents_.emplace_back(vat::SingleDecimal(doc_, only));
    c.percent = &value;
    return value;
  }
  // A leaf: its text is its string value, a view into the document, stable
  // for the run.
  const std::string_view text = doc_[only].raw;
  for (const KnownPercent& known : known_percents_) {
    if (known.value != nullptr && ShortEqual(text, known.text)) {
      c.percent = known.value;
      return *known.value;
    }
  }
  std::optional<Decimal> parsed = Decimal::Parse(text);
  const Num& value = percents_.emplace_back(Num{!parsed, parsed});
  known_percents_[next_known_percent_++ % known_percents_.size()] = {text,
                                                                     &value};
  c.percent = &value;
  return value;
}

const vat::Term* UblVat::LineAmount(El line, El amount) {
  // Elements named InvoiceLine or CreditNoteLine with a slot are line
  // holders (the other slotted names are categories and allowances).
  if (line < 0 || amount < 0 || slot_[static_cast<std::size_t>(line)] < 0 ||
      !(doc_.Is(line, kCac, "InvoiceLine") ||
        doc_.Is(line, kCac, "CreditNoteLine"))) {
    return nullptr;
  }
  const Holder& h = HolderOf(line);
  if (h.amounts != 1 || h.amount_el != amount) return nullptr;
  return &AmountOf(line);
}

const vat::Term& UblVat::ParseAmount(El holder) {
  Holder& h = HolderOf(holder);
  if (h.amounts == 1) {
    std::string scratch;
    vat::Term& t = h.amount.emplace();
    vat::SetTerm(doc_.Text(h.amount_el, scratch), t);
    return t;
  }
  // xs:decimal() of a path with two items is an error; of none, empty.
  vat::Term& t = h.amount.emplace();
  t.error = h.amounts > 1;
  return t;
}

// exists(<path to a party tax scheme>[VAT]/cbc:CompanyID), path anywhere.
bool UblVat::PartyTaxId(int role, bool through_party, bool vat_only) {
  int8_t& cached = party_tax_id_[static_cast<std::size_t>(
      role * 4 + (through_party ? 2 : 0) + (vat_only ? 1 : 0))];
  if (cached < 0) {
    cached = ComputePartyTaxId(role, through_party, vat_only) ? 1 : 0;
  }
  return cached == 1;
}

// From the gather's PartyTaxScheme elements (every one, in any namespace)
// up to the role, rather than down every party's children: a document has
// two or three.
bool UblVat::ComputePartyTaxId(int role, bool through_party,
                               bool vat_only) const {
  static constexpr xml::Name kRoles[] = {xml::Name("AccountingSupplierParty"),
                                         xml::Name("AccountingCustomerParty"),
                                         xml::Name("TaxRepresentativeParty")};
  const xml::Name& name = kRoles[role];
  for (El s : party_tax_schemes_) {
    if (doc_[s].ns != kCac) continue;
    El up = doc_[s].parent;
    if (through_party) {
      if (!doc_.Is(up, kCac, "Party")) continue;
      up = doc_[up].parent;
    }
    if (!doc_.Is(up, kCac, name)) continue;
    if (vat_only && !IsVat(s)) continue;
    if (doc_.Kid(s, kCbc, "CompanyID") >= 0) return true;
  }
  return false;
}

bool UblVat::BuyerLegalId() const {
  for (El r : parties_[1]) {
    if (!doc_.Path(r, {{kCac, "Party"},
                       {kCac, "PartyLegalEntity"},
                       {kCbc, "CompanyID"}})
             .empty())
      return true;
  }
  return false;
}

bool UblVat::IdentifiersOk(const Category& c) {
  constexpr int kSupplier = 0, kCustomer = 1, kRepresentative = 2;
  bool rep = PartyTaxId(kRepresentative, false, true);
  switch (c.seller) {
    case Seller::kNoVatIds:
      return !PartyTaxId(kSupplier, true, true) && !rep &&
             !PartyTaxId(kCustomer, true, true);
    case Seller::kAnyTaxId:
      if (!PartyTaxId(kSupplier, true, false) && !rep) return false;
      break;
    case Seller::kVatTaxId:
      if (!PartyTaxId(kSupplier, true, true) && !rep) return false;
      break;
  }
  switch (c.buyer) {
    case Buyer::kNone:
      return true;
    case Buyer::kVat:
      return PartyTaxId(kCustomer, true, true);
    case Buyer::kVatOrLegal:
      return PartyTaxId(kCustomer, true, true) || BuyerLegalId();
  }
  return true;
}

void UblVat::Run() {
  if (root_ < 0) return;
  for (const Category& c : Categories()) {
    // Every rule of a category compares some cbc:ID of a (Classified)
    // TaxCategory with its code, raw or normalized: a code no such ID
    // carries fails none of them.
    const int code = CodeIndex(c.code);
    if (in_use_ & CodeBit(code)) RunCategory(c, code);
  }
  CheckSplitPayment();
}

}  // namespace chorus::rules::ubl_vat
