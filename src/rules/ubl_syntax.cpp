// CheckUblSyntaxRules: one walk over the document evaluates the whole
// UBL-syntax pattern. Each element is resolved once to an interned name;
// the name says which rule (if any) takes the node as context. The count
// asserts of every rule form one trie of paths: a context node starts
// following its rule's trie, and the walk of its subtree fills its
// counters, so the ~730 count asserts cost one hash probe per element and
// active context, not one tree search per assert.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/engine_internal.h"
#include "rules/ubl_syntax_internal.h"

namespace chorus::rules {
namespace {

using ubl::AssertRow;
using ubl::Kind;
using ubl::Path;

// a == b for names whose NameKeys matched (same first seven bytes): the
// rest compared in 8-byte words, inline (most UBL names are long, and this
// runs once per element).
bool SameTail(std::string_view a, std::string_view b) {
  std::size_t n = a.size();
  if (n != b.size()) return false;  // NameKey keeps the size modulo 256
  for (std::size_t i = 7; i < n; i += 8) {
    std::size_t at = i + 8 <= n ? i : n - 8;
    uint64_t x;
    uint64_t y;
    std::memcpy(&x, a.data() + at, 8);
    std::memcpy(&y, b.data() + at, 8);
    if (x != y) return false;
  }
  return true;
}

// The rule a name's ending selects (before the Amount rule's ancestor
// condition), -1 for none. The local name ends as the qualified name does.
int SuffixRule(std::string_view local) {
  if (ubl::IsAmountName(local)) return ubl::kAmountRule;
  if (ubl::IsBinaryObjectName(local)) return ubl::kBinaryRule;
  return -1;
}

// Names of elements the rules mention, with what each one triggers.
struct NameEntry {
  int ns;
  std::string_view local;
  uint64_t key;
  int rule = -1;         // rule whose context is this name (before predicates)
  int suffix_rule = -1;  // kAmountRule or kBinaryRule by the name's ending
  int collect = -1;      // Collect bucket for the hand-written root asserts
  std::vector<int> floating;  // "//"-led paths ending on this name
  // Attributes some of those paths end on; when every one of them does
  // (floating_need_attribute), an element with none of these attributes
  // skips them all.
  uint64_t floating_attributes = 0;
  bool floating_need_attribute = true;
};

enum Collect { kAdditionalDoc, kPaymentId, kMeansCode };

// A "//"-led element path: the names from the first step to the last.
struct Floating {
  std::vector<int> names;
  int attribute = -1;
  int counter;
};

struct TrieNode {
  std::vector<int> counters;                    // the path ends here
  std::vector<std::pair<int, int>> attributes;  // (attribute, counter)
};

// Open addressing map from a 64-bit key to a non-negative int.
class IntMap {
 public:
  void Reserve(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size <<= 1;
    slots_.assign(size, Slot{0, -1});
    mask_ = size - 1;
  }
  int Find(uint64_t key) const {
    for (std::size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value < 0) return -1;
      if (s.key == key) return s.value;
    }
  }
  void Put(uint64_t key, int value) {
    for (std::size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value < 0 || s.key == key) {
        s = Slot{key, value};
        return;
      }
    }
  }

 private:
  struct Slot {
    uint64_t key;
    int value;
  };
  static std::size_t Hash(uint64_t k) {
    k ^= k >> 29;
    k *= 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(k ^ (k >> 32));
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

uint64_t NsKey(int ns, uint64_t key) {
  return key * 8 + static_cast<uint64_t>(ns + 2);
}

class Tables {
 public:
  Tables() { Build(); }

  // Interned id of an element name, -1 when no rule mentions it. Keys
  // collide only for names sharing their first seven bytes and length;
  // those are chained through `same_key_`.
  int Find(int ns, std::string_view local, uint64_t key) const {
    int id = names_by_key_.Find(NsKey(ns, key));
    while (id >= 0) {
      if (names_[id].ns == ns &&
          (local.size() < 8 || SameTail(names_[id].local, local))) {
        return id;
      }
      id = same_key_[id];
    }
    return -1;
  }
  int Attribute(std::string_view name) const {
    int id = attributes_by_key_.Find(xml::NameKey(name));
    while (id >= 0) {
      if (name.size() < 8 || attributes_[id] == name) return id;
      id = same_attribute_key_[id];
    }
    return -1;
  }
  // The trie state after `state` on an element named `name`, -1 when the
  // paths end or turn elsewhere: one row of names per state that has
  // children (a few hundred rows of a few hundred names), so the walk's
  // most frequent lookup is two loads.
  int Next(int state, int name) const {
    int row = dense_row_[static_cast<std::size_t>(state)];
    if (row < 0) return -1;
    return dense_[static_cast<std::size_t>(row) * names_.size() +
                  static_cast<std::size_t>(name)];
  }

  std::vector<NameEntry> names_;
  std::vector<int> same_key_;
  std::vector<std::string_view> attributes_;
  std::vector<int> same_attribute_key_;
  std::vector<int> anywhere_counter_;  // per attribute: "//@a" counter or -1
  std::vector<TrieNode> trie_;
  std::vector<Floating> floating_;
  // Per rule, its asserts in artefact order with, for kCount ones, the
  // offset of their counter in the rule's block (-1 for kHand).
  struct RuleRow {
    const AssertRow* row;
    int offset;
    ubl::Hand hand;  // kHand rows
    Path path;       // for the eager fallback (Walker::EvaluateEagerly)
  };
  std::vector<std::vector<RuleRow>> rule_rows_;
  // The root rule's hand-written asserts: indexes into its rule_rows_.
  std::vector<int> root_hand_rows_;
  // Per rule: counter offset -> index of its assert in rule_rows_.
  std::vector<std::vector<int>> row_of_offset_;
  std::vector<int> block_size_;  // per rule: its kCount asserts
  std::vector<int> rule_root_;   // per rule: its trie root, -1 when none
  int name_attribute_ = -1;
  int payment_means_code_ = -1;
  int supplier_party_ = -1;
  int price_ = -1;
  int allowance_charge_ = -1;
  int party_identification_ = -1;
  int id_ = -1;

 private:
  int Intern(int ns, std::string_view local) {
    uint64_t key = xml::NameKey(local);
    int found = Find(ns, local, key);
    if (found >= 0) return found;
    int id = static_cast<int>(names_.size());
    names_.push_back(
        NameEntry{ns, local, key, -1, SuffixRule(local), -1, {}, 0, true});
    same_key_.push_back(names_by_key_.Find(NsKey(ns, key)));
    names_by_key_.Put(NsKey(ns, key), id);
    return id;
  }
  int InternAttribute(std::string_view name) {
    int found = Attribute(name);
    if (found >= 0) return found;
    int id = static_cast<int>(attributes_.size());
    attributes_.push_back(name);
    anywhere_counter_.push_back(-1);
    same_attribute_key_.push_back(attributes_by_key_.Find(xml::NameKey(name)));
    attributes_by_key_.Put(xml::NameKey(name), id);
    return id;
  }
  int Child(int state, int name) {
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
  void BuildDense() {
    dense_row_.assign(trie_.size(), -1);
    int rows = 0;
    for (const Edge& e : edges_) {
      int& row = dense_row_[static_cast<std::size_t>(e.state)];
      if (row < 0) row = rows++;
    }
    dense_.assign(static_cast<std::size_t>(rows) * names_.size(), -1);
    for (const Edge& e : edges_) {
      dense_[static_cast<std::size_t>(
                 dense_row_[static_cast<std::size_t>(e.state)]) *
                 names_.size() +
             static_cast<std::size_t>(e.name)] = e.next;
    }
  }
  // Adds every expansion of the union steps from step `i` on.
  void AddTriePath(const Path& p, std::size_t i, int state, int counter) {
    if (i == p.steps.size()) {
      if (p.attribute.empty()) {
        trie_[state].counters.push_back(counter);
      } else {
        trie_[state].attributes.emplace_back(InternAttribute(p.attribute),
                                             counter);
      }
      return;
    }
    for (const ubl::QName& q : p.steps[i]) {
      AddTriePath(p, i + 1, Child(state, Intern(q.ns, q.local)), counter);
    }
  }
  void AddFloating(const Path& p, std::size_t i, std::vector<int> names,
                   int counter) {
    if (i == p.steps.size()) {
      int attr = p.attribute.empty() ? -1 : InternAttribute(p.attribute);
      NameEntry& last = names_[names.back()];
      last.floating.push_back(static_cast<int>(floating_.size()));
      if (attr >= 0) {
        last.floating_attributes |= uint64_t{1} << attr;
      } else {
        last.floating_need_attribute = false;
      }
      floating_.push_back(Floating{std::move(names), attr, counter});
      return;
    }
    for (const ubl::QName& q : p.steps[i]) {
      std::vector<int> more = names;
      more.push_back(Intern(q.ns, q.local));
      AddFloating(p, i + 1, std::move(more), counter);
    }
  }

  void Build() {
    // Sparse tables: most lookups miss (a name no path continues with), and
    // misses cost probes in proportion to the load.
    names_by_key_.Reserve(1024);
    attributes_by_key_.Reserve(64);
    transitions_.Reserve(2048);
    rule_rows_.resize(ubl::kRuleCount);
    row_of_offset_.resize(ubl::kRuleCount);
    block_size_.assign(ubl::kRuleCount, 0);
    rule_root_.assign(ubl::kRuleCount, -1);
    for (const AssertRow& row : ubl::AssertRows()) {
      if (row.kind != Kind::kCount) {
        if (row.rule == ubl::kRootRule) {
          root_hand_rows_.push_back(
              static_cast<int>(rule_rows_[row.rule].size()));
        }
        rule_rows_[row.rule].push_back(
            RuleRow{&row, -1, ubl::HandOf(row.id), Path{}});
        continue;
      }
      int counter = block_size_[row.rule]++;
      Path p = ubl::CompilePath(row.path);
      if (rule_root_[row.rule] < 0) {
        rule_root_[row.rule] = static_cast<int>(trie_.size());
        trie_.emplace_back();
      }
      // "//" paths only occur in the root rule, whose block starts at 0.
      if (!p.anywhere) {
        AddTriePath(p, 0, rule_root_[row.rule], counter);
      } else if (p.steps.empty()) {
        anywhere_counter_[InternAttribute(p.attribute)] = counter;
      } else {
        AddFloating(p, 0, {}, counter);
      }
      row_of_offset_[row.rule].push_back(
          static_cast<int>(rule_rows_[row.rule].size()));
      rule_rows_[row.rule].push_back(
          RuleRow{&row, counter, ubl::Hand::kUnknown, std::move(p)});
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
    id_ = Intern(ubl::kCbc, "ID");
    party_identification_ = Intern(ubl::kCac, "PartyIdentification");
    supplier_party_ = Intern(ubl::kCac, "AccountingSupplierParty");
    price_ = Intern(ubl::kCac, "Price");
    allowance_charge_ = Intern(ubl::kCac, "AllowanceCharge");
    // Enter() keeps an element's attributes in a 64-bit mask; the
    // generator refuses a table naming more attributes than that.
    name_attribute_ = InternAttribute("name");
    BuildDense();  // last: names_ is complete
  }

  IntMap names_by_key_;
  IntMap attributes_by_key_;
  IntMap transitions_;  // while building
  struct Edge {
    int state;
    int name;
    int next;
  };
  std::vector<Edge> edges_;
  std::vector<int> dense_row_;  // per state: its row in dense_, -1 if none
  std::vector<int> dense_;      // rows of names_.size() next states
};

const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

// A trie state being followed, and the context instance it counts for.
struct Active {
  int state;
  int context;
};
constexpr int kMaxActive = 4;

struct Frame {
  // Left uninitialized: a frame's actives beyond active_count are never
  // read, and the walk pushes one frame per element.
  Frame() {}      // NOLINT(modernize-use-equals-default): keeps active[] raw
  int32_t entry;  // in the DocIndex
  int name;       // interned name, -1 when no rule mentions it
  int price_ac;   // ancestors that are a cac:Price with a cac:AllowanceCharge
  int active_count;
  Active active[kMaxActive];
};

// A node some rule took as context, with its counters in Scratch::counts.
struct Context {
  int rule;
  int base;
  int32_t entry;  // preorder index of the node: also the report order
};

struct Failure {
  int32_t entry;  // the context node, in preorder
  int row;        // index of the assert within its rule
  std::string_view id;
};

// The walk's buffers, kept per thread from one document to the next so
// that a run allocates nothing once they have grown. `counts` is all zero
// between runs: a run clears the counters it bumped.
struct Scratch {
  std::vector<int> counts;
  std::vector<int> bumped;  // counters that went from 0 to 1
  std::vector<Context> contexts;
  std::vector<Frame> stack;
  std::vector<Failure> failures;
  ubl::RootFacts facts;
};

class Walker {
 public:
  Walker(const Tables& t, const DocIndex& index, Scratch& s)
      : t_(t),
        index_(index),
        nav_(index),
        counts_(s.counts),
        bumped_(s.bumped),
        contexts_(s.contexts),
        stack_(s.stack),
        failures_(s.failures),
        facts_(s.facts) {
    bumped_.clear();
    contexts_.clear();
    stack_.clear();
    failures_.clear();
    facts_.Clear();
  }
  ~Walker() {
    for (int c : bumped_) counts_[static_cast<std::size_t>(c)] = 0;
  }
  Walker(const Walker&) = delete;
  Walker& operator=(const Walker&) = delete;

  // Visits the elements in document order (the index's order), opening
  // and closing the frames of their ancestors as it goes.
  void Run() {
    if (index_.size() == 0) return;
    const DocIndex::Entry& root = index_[0];
    facts_.root = 0;
    root_rule_ = (root.ns == ubl::kInvoiceNs && root.local == "Invoice") ||
                 (root.ns == ubl::kCreditNs && root.local == "CreditNote");
    facts_.credit_note =
        root.ns == ubl::kCreditNs && root.local == "CreditNote";
    // The root context's block comes first: "//" paths count into it at
    // offset 0 whatever the depth.
    used_ = root_rule_ ? t_.block_size_[ubl::kRootRule] : 0;
    Grow();
    for (int32_t i = 0; i < index_.size(); ++i) {
      int32_t parent = index_[i].parent;
      while (!stack_.empty() && stack_.back().entry != parent) {
        stack_.pop_back();
      }
      Enter(i);
    }
    stack_.clear();
    CheckCounts();
    if (root_rule_) FinishRoot();
  }

  // Failures in the official report's order: document order of the context
  // nodes, then the asserts' order within their rule.
  void Report(const RunContext& ctx) {
    std::sort(failures_.begin(), failures_.end(),
              [](const Failure& a, const Failure& b) {
                return a.entry != b.entry ? a.entry < b.entry : a.row < b.row;
              });
    for (const Failure& f : failures_) ctx.Fail(f.id, index_[f.entry].node);
  }

 private:
  void Bump(int counter) {
    if (counts_[static_cast<std::size_t>(counter)]++ == 0) {
      bumped_.push_back(counter);
    }
  }
  // Makes counters [0, used_) addressable (new ones are zero).
  void Grow() {
    if (counts_.size() < static_cast<std::size_t>(used_)) {
      counts_.resize(
          std::max(static_cast<std::size_t>(used_), 2 * counts_.size()));
    }
  }

  void Enter(int32_t i) {
    const DocIndex::Entry& e = index_[i];
    uint64_t attrs = 0;  // bit per interned attribute id (< 64)
    if (e.has_attributes) {
      for (pugi::xml_attribute a = e.node.first_attribute(); a;
           a = a.next_attribute()) {
        std::string_view an = a.name();
        if (xml::IsNamespaceDeclaration(an)) continue;
        int id = t_.Attribute(an);
        if (id < 0) continue;
        attrs |= uint64_t{1} << id;
        int anywhere = t_.anywhere_counter_[id];
        if (anywhere >= 0 && root_rule_) Bump(anywhere);
      }
    }

    int name = t_.Find(e.ns, e.local, e.key);

    if ((attrs >> t_.name_attribute_) & 1 && name != t_.payment_means_code_) {
      facts_.name_attribute_elsewhere = true;
    }

    Frame& frame = stack_.emplace_back();
    frame.entry = i;
    frame.name = name;
    frame.active_count = 0;
    const Frame* parent =
        stack_.size() > 1 ? &stack_[stack_.size() - 2] : nullptr;
    if (parent != nullptr && name >= 0) {
      for (int k = 0; k < parent->active_count; ++k) {
        Active a = parent->active[k];
        int state = t_.Next(a.state, name);
        if (state < 0) continue;
        const TrieNode& node = t_.trie_[state];
        int base = contexts_[static_cast<std::size_t>(a.context)].base;
        for (int c : node.counters) Bump(base + c);
        if (attrs != 0) {
          for (const auto& [attr, c] : node.attributes) {
            if ((attrs >> attr) & 1) Bump(base + c);
          }
        }
        frame.active[frame.active_count++] = Active{state, a.context};
      }
    }

    int price_ac = parent == nullptr ? 0 : parent->price_ac;
    int rule = -1;
    if (name >= 0) {
      const NameEntry& entry = t_.names_[name];
      if (root_rule_) {
        if (!entry.floating_need_attribute ||
            (attrs & entry.floating_attributes) != 0) {
          for (int f : entry.floating) MatchFloating(t_.floating_[f], attrs);
        }
      }
      switch (entry.collect) {
        case kAdditionalDoc:
          facts_.additional_docs.push_back(i);
          break;
        case kPaymentId:
          facts_.payment_ids.push_back(i);
          break;
        case kMeansCode:
          facts_.means_codes.push_back(i);
          break;
        default:
          break;
      }
      if (name == t_.id_ && parent != nullptr &&
          parent->name == t_.party_identification_) {
        facts_.party_ids.push_back(i);
      }
      if (name == t_.price_ && HasAllowanceChargeChild(i)) ++price_ac;
      rule = entry.rule;
      if (rule == ubl::kSupplierPartyRule &&
          (parent == nullptr || parent->name != t_.supplier_party_)) {
        rule = -1;
      } else if (rule == ubl::kAllowanceRule) {
        if (ubl::ChargeIndicatorIs(nav_, i, false) == 1) {
          rule = ubl::kAllowanceRule;
        } else if (ubl::ChargeIndicatorIs(nav_, i, true) == 1) {
          rule = ubl::kChargeRule;
        } else {
          rule = -1;
        }
      }
    }
    if (rule < 0) {
      int suffix =
          name >= 0 ? t_.names_[name].suffix_rule : SuffixRule(e.local);
      if (suffix == ubl::kAmountRule ? price_ac == 0
                                     : suffix == ubl::kBinaryRule) {
        rule = suffix;
      }
    }
    if (parent == nullptr && root_rule_) rule = ubl::kRootRule;
    frame.price_ac = price_ac;
    if (rule >= 0) OpenContext(rule, i, frame);
  }

  // Evaluates the hand-written asserts now and sets up the counters the
  // walk of the subtree fills for the count asserts.
  void OpenContext(int rule, int32_t i, Frame& frame) {
    const auto& rows = t_.rule_rows_[rule];
    if (rule != ubl::kRootRule) {
      for (std::size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].offset < 0 && !ubl::HoldsOnNode(rows[r].hand, nav_, i)) {
          failures_.push_back(Failure{i, static_cast<int>(r), rows[r].row->id});
        }
      }
    }
    int root_state = t_.rule_root_[rule];
    if (root_state < 0) return;
    if (frame.active_count == kMaxActive) {
      EvaluateEagerly(rule, i);
      return;
    }
    int base = 0;
    if (rule != ubl::kRootRule) {
      base = used_;
      used_ += t_.block_size_[rule];
      Grow();
    }
    int context = static_cast<int>(contexts_.size());
    contexts_.push_back(Context{rule, base, i});
    frame.active[frame.active_count++] = Active{root_state, context};
  }

  // Nested contexts beyond kMaxActive (pathological documents): count by
  // searching the subtree instead.
  void EvaluateEagerly(int rule, int32_t i) {
    const auto& rows = t_.rule_rows_[rule];
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].offset < 0 || rows[r].path.anywhere) continue;
      if (nav_.Count(i, rows[r].path) > rows[r].row->max) {
        failures_.push_back(Failure{i, static_cast<int>(r), rows[r].row->id});
      }
    }
  }

  // The price's own cac:AllowanceCharge children: ancestor::cac:Price/
  // cac:AllowanceCharge is non-empty whatever branch the node sits in.
  bool HasAllowanceChargeChild(int32_t price) const {
    return index_.elements().Find(price, ubl::kCac, "AllowanceCharge") >= 0;
  }

  void MatchFloating(const Floating& f, uint64_t attrs) {
    if (f.attribute >= 0 && !((attrs >> f.attribute) & 1)) return;
    // The last name is the node itself, on top of the stack.
    std::size_t depth = stack_.size() - 1;
    std::size_t need = f.names.size() - 1;
    if (need > depth) return;
    for (std::size_t k = 0; k < need; ++k) {
      if (stack_[depth - 1 - k].name != f.names[need - 1 - k]) return;
    }
    Bump(f.counter);  // the root context's block starts at 0
  }

  // The count asserts: every max is at least 0, so only the counters the
  // walk bumped can fail. Contexts own consecutive blocks in the order
  // they were opened.
  void CheckCounts() {
    for (int counter : bumped_) {
      auto it = std::upper_bound(
          contexts_.begin(), contexts_.end(), counter,
          [](int c, const Context& ctx) { return c < ctx.base; });
      const Context& c = *(it - 1);
      const auto& rows = t_.rule_rows_[c.rule];
      int r = t_.row_of_offset_[c.rule][counter - c.base];
      const Tables::RuleRow& row = rows[static_cast<std::size_t>(r)];
      if (counts_[static_cast<std::size_t>(counter)] > row.row->max) {
        failures_.push_back(Failure{c.entry, r, row.row->id});
      }
    }
  }

  void FinishRoot() {
    const auto& rows = t_.rule_rows_[ubl::kRootRule];
    for (int r : t_.root_hand_rows_) {
      const Tables::RuleRow& row = rows[static_cast<std::size_t>(r)];
      if (!ubl::HoldsOnRoot(row.hand, nav_, facts_)) {
        failures_.push_back(Failure{0, r, row.row->id});
      }
    }
  }

  const Tables& t_;
  const DocIndex& index_;
  ubl::Nav nav_;
  std::vector<int>& counts_;
  std::vector<int>& bumped_;
  std::vector<Context>& contexts_;
  std::vector<Frame>& stack_;
  std::vector<Failure>& failures_;
  ubl::RootFacts& facts_;
  int used_ = 0;  // counters handed out to contexts
  bool root_rule_ = false;
};

// What a huge document grew is not kept by the thread for good. Out of
// line: inlined, it changes how the compiler inlines the walk itself.
[[gnu::noinline]] void ReleaseIfHuge(Scratch& scratch) {
  if (scratch.counts.capacity() > (std::size_t{1} << 20)) scratch = Scratch();
}

}  // namespace

void CheckUblSyntaxRules(const RunContext& ctx) {
  thread_local Scratch scratch;
  ReleaseIfHuge(scratch);
  Walker walker(GetTables(), ctx.Index(), scratch);
  walker.Run();
  walker.Report(ctx);
}

}  // namespace chorus::rules
