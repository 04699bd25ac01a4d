// Compiling the UBL-syntax assert table (ubl_syntax_table.inc) into the
// walk's tables: see ubl_syntax_tables.h.
#include "rules/ubl_syntax_tables.h"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rules/code_lists.h"

namespace chorus::rules::ubl {

int Tables::Intern(int ns, std::string_view local) {
  uint64_t key = xml::NameKey(local);
  int found = Find(ns, local, key);
  if (found >= 0) return found;
  int id = static_cast<int>(names_.size());
  names_.push_back(
      NameEntry{ns, local, key, -1, SuffixRule(local), -1, {}, 0, true});
  // Sparse (a quarter full at most), so that misses stop at once.
  if (names_.size() * 4 > kNameSlots) throw std::length_error("UBL names");
  PutNameSlot(id);
  return id;
}
void Tables::PutNameSlot(int id) {
  const NameEntry& e = names_[static_cast<std::size_t>(id)];
  std::size_t i = NameHash(e.key);
  while (name_slots_[i].id >= 0) i = (i + 1) & (kNameSlots - 1);
  name_slots_[i] = NameSlot{e.key, Tail8(e.local), e.ns, id};
}
// Once every name is in: of 64 multipliers, the one that leaves the
// fewest names out of their own slot. The tries only mark slots taken
// (one-time work: ~0.3 M instructions).
void Tables::SpreadNameSlots() {
  std::vector<uint8_t> taken;
  std::size_t best_probes = SIZE_MAX;
  uint64_t best = name_multiplier_;
  for (int k = 0; k < 64 && best_probes > 0; ++k) {
    const uint64_t m = 0x9E3779B97F4A7C15ull + 0x6A09E667F3BCC90Aull * k;
    taken.assign(kNameSlots, 0);
    std::size_t probes = 0;
    for (const NameEntry& e : names_) {
      std::size_t i = static_cast<std::size_t>((e.key * m) >> (64 - kNameBits));
      for (; taken[i] != 0; ++probes) i = (i + 1) & (kNameSlots - 1);
      taken[i] = 1;
    }
    if (probes < best_probes) {
      best_probes = probes;
      best = m;
    }
  }
  name_multiplier_ = best;
  FillNameSlots();
}
void Tables::FillNameSlots() {
  name_slots_.assign(kNameSlots, NameSlot{0, 0, 0, -1});
  for (std::size_t n = 0; n < names_.size(); ++n) {
    PutNameSlot(static_cast<int>(n));
  }
}
int Tables::AttributeWhileBuilding(std::string_view name) const {
  int id = attributes_by_key_.Find(xml::NameKey(name));
  while (id >= 0) {
    if (attributes_[id] == name) return id;
    id = same_attribute_key_[id];
  }
  return -1;
}
// Multipliers until one sends the distinct attribute keys to distinct
// slots: for a dozen keys in 64 slots a few tries.
void Tables::BuildAttributeSlots() {
  for (uint64_t m = 0x9E3779B97F4A7C15ull;; m += 0x6A09E667F3BCC90Aull) {
    for (AttributeSlot& slot : attribute_slots_) slot = AttributeSlot{};
    bool spread = true;
    for (std::size_t id = 0; id < attributes_.size() && spread; ++id) {
      const uint64_t key = xml::NameKey(attributes_[id]);
      AttributeSlot& slot = attribute_slots_[(key * m) >> (64 - 6)];
      if (slot.id < 0) {
        slot = AttributeSlot{key, attributes_by_key_.Find(key)};
      } else {
        spread = slot.key == key;  // the same key: one chain
      }
    }
    if (spread) {
      attribute_multiplier_ = m;
      return;
    }
  }
}
int Tables::InternAttribute(std::string_view name) {
  int found = AttributeWhileBuilding(name);
  if (found >= 0) return found;
  // The walk skips namespace declarations only when the table names one.
  if (xml::IsNamespaceDeclaration(name)) namespace_declaration_named_ = true;
  int id = static_cast<int>(attributes_.size());
  attributes_.push_back(name);
  anywhere_counter_.push_back(CounterRef{});
  same_attribute_key_.push_back(attributes_by_key_.Find(xml::NameKey(name)));
  attributes_by_key_.Put(xml::NameKey(name), id);
  return id;
}
int Tables::Child(int state, int name) {
  uint64_t key =
      (static_cast<uint64_t>(state) << 20) | static_cast<uint64_t>(name);
  int next = transitions_.Find(key);
  if (next >= 0) return next;
  next = static_cast<int>(trie_.size());
  trie_.emplace_back();
  transitions_.Put(key, next);
  edges_.push_back({state, name, next});
  return next;
}
namespace {

// A combined state's trie states by slot (-1: none), as a map key.
using Slots = std::array<int32_t, Tables::kSlots>;
uint64_t SlotsKey(const Slots& slots) {
  uint64_t key = 0;
  for (int32_t s : slots) key = key << 16 | static_cast<uint16_t>(s + 1);
  return key;
}

}  // namespace

// Every combined state the walk can reach, from the one that follows
// nothing (row 0): on each name some slot's state continues with, then on
// each rule that name can open a context of (the root and the suffix
// rules may open in row 0). A few hundred states; the names no slot
// continues with lead back to row 0, which the rows hold from the start.
void Tables::BuildCombined() {
  const std::size_t names = names_.size();
  row_reciprocal_ = ((uint64_t{1} << 40) + names - 1) / names;
  // Per trie state, the names it continues with: [first[s], first[s + 1])
  // in `continues` (one array: a vector per state costs a thousand
  // allocations at start-up).
  std::vector<int> first(trie_.size() + 1, 0);
  for (const Edge& e : edges_) ++first[static_cast<std::size_t>(e.state) + 1];
  for (std::size_t s = 0; s < trie_.size(); ++s) first[s + 1] += first[s];
  std::vector<int> continues(edges_.size());
  {
    std::vector<int> at(first.begin(), first.end() - 1);
    for (const Edge& e : edges_) {
      continues[static_cast<std::size_t>(
          at[static_cast<std::size_t>(e.state)]++)] = e.name;
    }
  }
  auto follows = [&](int state) {
    const auto s = static_cast<std::size_t>(state);
    return first[s + 1] > first[s];
  };
  // Room for the ~170 states reached now, so that the rows grow in place.
  constexpr std::size_t kExpectedStates = 256;
  next_.reserve(kExpectedStates * names);
  opens_.reserve(kExpectedStates * std::size_t{kRuleCount});
  std::unordered_map<uint64_t, uint32_t> rows;
  rows.reserve(kExpectedStates);
  std::vector<Slots> combined;
  auto row_of = [&](const Slots& slots) {
    auto [it, added] = rows.try_emplace(
        SlotsKey(slots), static_cast<uint32_t>(combined.size() * names));
    if (added) {
      combined.push_back(slots);
      next_.resize(combined.size() * names, 0);
      // Until add_open sets them: contexts the walk cannot open there.
      opens_.resize(combined.size() * std::size_t{kRuleCount},
                    Open{it->second, -1, true});
      if (next_.size() > kRowMask) throw std::length_error("UBL next_ rows");
    }
    return it->second;
  };
  auto add_open = [&](uint32_t row, int rule) {
    const std::size_t c = row / names;
    const Slots from = combined[c];
    Open open{row, -1, std::count(from.begin(), from.end(), -1) == 0};
    const int root = rule_root_[static_cast<std::size_t>(rule)];
    if (!open.full && root >= 0 && follows(root)) {
      Slots to = from;
      const auto slot = std::find(to.begin(), to.end(), -1);
      *slot = root;
      open.slot = static_cast<int32_t>(slot - to.begin());
      open.row = row_of(to);
    }
    opens_[c * std::size_t{kRuleCount} + static_cast<std::size_t>(rule)] = open;
  };
  // An end list by the (slot, trie state) pairs it is made of, packed.
  std::unordered_map<uint64_t, uint32_t> lists;
  auto list_of = [&](const Slots& ended) {
    if (std::count(ended.begin(), ended.end(), -1) == kSlots) return 0u;
    auto [it, added] = lists.try_emplace(SlotsKey(ended), 0u);
    if (!added) return it->second;
    EndList list{static_cast<int32_t>(end_counts_.size()), 0, 0};
    for (std::size_t k = 0; k < ended.size(); ++k) {
      if (ended[k] < 0) continue;
      for (const CounterRef& c :
           trie_[static_cast<std::size_t>(ended[k])].counters) {
        end_counts_.push_back({static_cast<int32_t>(k), -1, c});
      }
    }
    list.attributes = static_cast<int32_t>(end_counts_.size());
    for (std::size_t k = 0; k < ended.size(); ++k) {
      if (ended[k] < 0) continue;
      for (const AttributeCounter& a :
           trie_[static_cast<std::size_t>(ended[k])].attributes) {
        end_counts_.push_back(
            {static_cast<int32_t>(k), a.attribute, a.counter});
      }
    }
    list.end = static_cast<int32_t>(end_counts_.size());
    it->second = static_cast<uint32_t>(end_lists_.size()) |
                 (list.begin == list.attributes ? kAttributesOnlyList : 0);
    end_lists_.push_back(list);
    if (end_lists_.size() > kAttributesOnlyList) {
      throw std::length_error("UBL end lists");
    }
    return it->second;
  };
  end_lists_.assign(1, EndList{0, 0, 0});
  Slots none;
  none.fill(-1);
  row_of(none);
  for (int rule = 0; rule < kRuleCount; ++rule) add_open(0, rule);
  std::vector<std::size_t> seen(names, SIZE_MAX);
  std::vector<int> touched;
  for (std::size_t c = 0; c < combined.size(); ++c) {
    const Slots from = combined[c];  // a copy: row_of grows `combined`
    touched.clear();
    for (int32_t s : from) {
      if (s < 0) continue;
      for (int k = first[static_cast<std::size_t>(s)];
           k < first[static_cast<std::size_t>(s) + 1]; ++k) {
        const int name = continues[static_cast<std::size_t>(k)];
        if (seen[static_cast<std::size_t>(name)] != c) {
          seen[static_cast<std::size_t>(name)] = c;
          touched.push_back(name);
        }
      }
    }
    for (int name : touched) {
      Slots to = none;
      Slots ended = none;
      for (std::size_t k = 0; k < from.size(); ++k) {
        if (from[k] < 0) continue;
        const int next =
            transitions_.Find((static_cast<uint64_t>(from[k]) << 20) |
                              static_cast<uint64_t>(name));
        if (next < 0) continue;
        const TrieNode& node = trie_[static_cast<std::size_t>(next)];
        if (!node.counters.empty() || !node.attributes.empty()) ended[k] = next;
        if (follows(next)) to[k] = next;
      }
      const uint32_t row = row_of(to);
      next_[c * names + static_cast<std::size_t>(name)] = row | list_of(ended)
                                                                    << kRowBits;
      const NameEntry& entry = names_[static_cast<std::size_t>(name)];
      for (int rule : {entry.rule, entry.suffix_rule}) {
        if (rule < 0) continue;
        add_open(row, rule);
        if (rule == ubl::kAllowanceRule) add_open(row, ubl::kChargeRule);
      }
    }
  }
}

// Adds every expansion of the union steps of the path `text` ("a:B/
// (c:D|c:E)/@f", not "//"-led) below `state`, reading it as CompilePath
// does but without building a Path: there are some 700 of them.
void Tables::AddTriePath(std::string_view text, int state, CounterRef counter) {
  if (text.empty()) {
    trie_[state].counters.push_back(counter);
    return;
  }
  std::size_t slash = text.find('/');
  std::string_view step = text.substr(0, slash);
  std::string_view rest = slash == std::string_view::npos
                              ? std::string_view()
                              : text.substr(slash + 1);
  if (step.starts_with('@')) {
    trie_[state].attributes.push_back(
        AttributeCounter{InternAttribute(step.substr(1)), counter});
    return;
  }
  auto follow = [&](std::string_view name) {
    ubl::QName q = ubl::ParseQName(name);
    AddTriePath(rest, Child(state, Intern(q.ns, q.local)), counter);
  };
  if (step.starts_with('(') && step.ends_with(')')) {
    step = step.substr(1, step.size() - 2);
    while (!step.empty()) {
      std::size_t bar = step.find('|');
      follow(step.substr(0, bar));
      step = bar == std::string_view::npos ? std::string_view()
                                           : step.substr(bar + 1);
    }
  } else {
    follow(step);
  }
}
void Tables::AddFloating(const Path& p, std::size_t i, std::vector<int> names,
                         CounterRef counter) {
  if (i == p.steps.size()) {
    int attr = p.attribute.empty() ? -1 : InternAttribute(p.attribute);
    NameEntry& last = names_[names.back()];
    last.floating.push_back(static_cast<int>(floating_.size()));
    if (attr >= 0) {
      last.floating_attributes |= uint64_t{1} << attr;
    } else {
      last.floating_need_attribute = false;
    }
    const int parent = names.size() < 2 ? -1 : names[names.size() - 2];
    floating_.push_back(Floating{std::move(names), attr, counter, parent});
    return;
  }
  for (const ubl::QName& q : p.steps[i]) {
    std::vector<int> more = names;
    more.push_back(Intern(q.ns, q.local));
    AddFloating(p, i + 1, std::move(more), counter);
  }
}

int Tables::RuleRoot(int rule) {
  if (rule_root_[rule] < 0) {
    rule_root_[rule] = static_cast<int>(trie_.size());
    trie_.emplace_back();
  }
  return rule_root_[rule];
}

// Hand-written asserts that only count child paths of their context: the
// walk counts them like the generated ones instead of searching the
// context's children again (an assert may need several paths, each at
// least `min` and at most `max` times). HoldsOnNode still decides them
// where a context is evaluated eagerly.
struct HandCount {
  Hand hand;
  std::string_view path;
  int min;
  int max;
};
constexpr HandCount kHandCounts[] = {
    {Hand::kSr51, "cac:AddressLine", 0, 1},
    {Hand::kSr48, "cac:Item/cac:ClassifiedTaxCategory", 1, 1},
    {Hand::kSr07, "cac:InvoiceDocumentReference/cbc:ID", 1, kNoMax},
    {Hand::kSr53, "cac:TaxScheme/cbc:ID", 1, kNoMax},
    {Hand::kSr53, "cbc:CompanyID", 1, kNoMax},
};

void Tables::CountHandRows() {
  for (int rule = 0; rule < ubl::kRuleCount; ++rule) {
    if (rule == ubl::kRootRule) continue;  // its hand rows are apart
    std::vector<int> still;
    for (int r : hand_rows_[rule]) {
      RuleRow& row = rule_rows_[rule][static_cast<std::size_t>(r)];
      bool counted = false;
      for (const HandCount& h : kHandCounts) {
        if (h.hand != row.hand) continue;
        const CounterRef counter{block_size_[rule]++, h.max};
        AddTriePath(h.path, RuleRoot(rule), counter);
        row_of_offset_[rule].push_back(r);
        if (h.min > 0)
          min_counters_[rule].push_back({counter.offset, h.min, r});
        row.offset = counter.offset;  // counted: EvaluateEagerly asks hand
        counted = true;
      }
      if (!counted) still.push_back(r);
    }
    hand_rows_[rule] = std::move(still);
  }
}

void Tables::Build() {
  // Sparse tables: most lookups miss (a name no path continues with), and
  // misses cost probes in proportion to the load.
  FillNameSlots();
  attributes_by_key_.Reserve(64);
  transitions_.Reserve(2048);
  rule_rows_.resize(ubl::kRuleCount);
  row_of_offset_.resize(ubl::kRuleCount);
  hand_rows_.resize(ubl::kRuleCount);
  min_counters_.resize(ubl::kRuleCount);
  block_size_.assign(ubl::kRuleCount, 0);
  rule_root_.assign(ubl::kRuleCount, -1);
  for (const AssertRow& row : ubl::AssertRows()) {
    if (row.kind != Kind::kCount) {
      if (row.rule == ubl::kRootRule) {
        root_hand_rows_.push_back(
            static_cast<int>(rule_rows_[row.rule].size()));
      }
      hand_rows_[row.rule].push_back(
          static_cast<int>(rule_rows_[row.rule].size()));
      rule_rows_[row.rule].push_back(RuleRow{&row, -1, ubl::HandOf(row.id)});
      continue;
    }
    const CounterRef counter{block_size_[row.rule]++, row.max};
    const int root = RuleRoot(row.rule);
    // "//" paths only occur in the root rule, whose block starts at 0.
    if (!row.path.starts_with("//")) {
      AddTriePath(row.path, root, counter);
    } else if (Path p = ubl::CompilePath(row.path); p.steps.empty()) {
      anywhere_counter_[InternAttribute(p.attribute)] = counter;
    } else {
      AddFloating(p, 0, {}, counter);
    }
    row_of_offset_[row.rule].push_back(
        static_cast<int>(rule_rows_[row.rule].size()));
    rule_rows_[row.rule].push_back(
        RuleRow{&row, counter.offset, ubl::Hand::kUnknown});
  }
  CountHandRows();
  if (rule_root_[ubl::kAmountRule] < 0 &&
      hand_rows_[ubl::kAmountRule].size() == 1 &&
      rule_rows_[ubl::kAmountRule]
                [static_cast<std::size_t>(hand_rows_[ubl::kAmountRule][0])]
                    .hand == Hand::kDt01) {
    amount_dt01_row_ = hand_rows_[ubl::kAmountRule][0];
  }
  auto set_rule = [&](std::string_view local, int rule) {
    names_[Intern(ubl::kCac, local)].rule = rule;
  };
  set_rule("PostalAddress", ubl::kAddressRule);
  set_rule("Address", ubl::kAddressRule);
  set_rule("Party", ubl::kSupplierPartyRule);
  set_rule("AdditionalDocumentReference", ubl::kAdditionalDocRule);
  set_rule("Delivery", ubl::kDeliveryRule);
  set_rule("AllowanceCharge", ubl::kAllowanceRule);
  set_rule("PartyTaxScheme", ubl::kPartyTaxSchemeRule);
  set_rule("InvoiceLine", ubl::kLineRule);
  set_rule("CreditNoteLine", ubl::kLineRule);
  set_rule("PayeeParty", ubl::kPayeeRule);
  set_rule("PaymentMeans", ubl::kPaymentMeansRule);
  set_rule("BillingReference", ubl::kBillingReferenceRule);
  set_rule("TaxRepresentativeParty", ubl::kTaxRepresentativeRule);
  set_rule("TaxSubtotal", ubl::kTaxSubtotalRule);
  names_[Intern(ubl::kCac, "AdditionalDocumentReference")].collect =
      kAdditionalDoc;
  names_[Intern(ubl::kCbc, "PaymentID")].collect = kPaymentId;
  payment_means_code_ = Intern(ubl::kCbc, "PaymentMeansCode");
  names_[payment_means_code_].collect = kMeansCode;
  party_identification_ = Intern(ubl::kCac, "PartyIdentification");
  supplier_party_ = Intern(ubl::kCac, "AccountingSupplierParty");
  customer_party_ = Intern(ubl::kCac, "AccountingCustomerParty");
  party_ = Intern(ubl::kCac, "Party");
  price_ = Intern(ubl::kCac, "Price");
  allowance_charge_ = Intern(ubl::kCac, "AllowanceCharge");
  // Enter() keeps an element's attributes in a 64-bit mask; the
  // generator refuses a table naming more attributes than that.
  name_attribute_ = InternAttribute("name");
  // The names the code-list walk dispatches on, past those the rules
  // mention, so that the ids this walk hands it cover them. They get
  // transition columns and flags like the others (none: no path names
  // them), which spares the walk a test for them on every element.
  mentioned_ = static_cast<int>(names_.size());
  for (const auto& [ns, local] : UblCodeListNames()) Intern(ns, local);
  // A lookup costs a probe more for each name before it in its run of
  // slots. At 4096 slots for ~350 names, the best of the multipliers
  // SpreadNameSlots tries leaves ~30 names out of their own slot (at 2048,
  // ~50): mostly names of the same length and first seven bytes, whose
  // keys are equal.
  SpreadNameSlots();
  BuildCombined();  // last: names_ is complete
  BuildAttributeSlots();
  flags_.assign(names_.size(), 0);
  rest_flags_.assign(2 * names_.size(), 0);
  for (std::size_t n = 0; n < names_.size(); ++n) {
    const NameEntry& e = names_[n];
    const int id = static_cast<int>(n);
    uint8_t& f = flags_[n];
    if (e.rule >= 0 || e.collect >= 0 || id == party_identification_) {
      f |= kSlowName;
    }
    names_[n].gathers = e.collect >= 0 || id == party_identification_ ||
                        e.rule == ubl::kPartyTaxSchemeRule;
    if (!e.floating.empty()) f |= kFloatingName;
    if (e.suffix_rule == ubl::kAmountRule) f |= kAmountName;
    if (e.suffix_rule == ubl::kBinaryRule) f |= kBinaryName;
    if (e.floating_attributes != 0 || id == payment_means_code_) {
      f |= kAttributeName;
    }
    if (e.rule >= 0 && e.rule != ubl::kRootRule &&
        e.rule != ubl::kSupplierPartyRule && e.rule != ubl::kAllowanceRule &&
        !names_[n].gathers) {
      f |= kPlainContext;
    }
    rest_flags_[2 * n] = static_cast<uint8_t>(
        f & ~(e.floating_need_attribute ? kFloatingName | kAttributeName
                                        : kAttributeName));
    rest_flags_[2 * n + 1] = static_cast<uint8_t>(f & ~kAttributeName);
  }
}

const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

}  // namespace chorus::rules::ubl
