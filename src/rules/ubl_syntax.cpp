// CheckUblSyntaxRules: one walk over the document evaluates the whole
// UBL-syntax pattern. Each element is resolved once to an interned name;
// the name says which rule (if any) takes the node as context. The count
// asserts of every rule form one trie of paths: a context node starts
// following its rule's trie, and the walk of its subtree fills its
// counters, so the ~730 count asserts cost one table lookup per element and
// active context, not one tree search per assert (the tables are compiled
// once: ubl_syntax_tables.h).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/engine_internal.h"
#include "rules/ubl_syntax_internal.h"
#include "rules/ubl_syntax_tables.h"

namespace chorus::rules {
namespace {

using ubl::AssertRow;
using ubl::Kind;
using ubl::Path;

using ubl::Floating;
using ubl::GetTables;
using ubl::kAdditionalDoc;
using ubl::kMeansCode;
using ubl::kPaymentId;
using ubl::NameEntry;
using ubl::SuffixRule;
using ubl::Tables;
using ubl::TrieNode;

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
    for (int32_t i = 0, n = index_.size(); i < n; ++i) {
      const DocIndex::Entry& e = index_[i];
      while (!stack_.empty() && stack_.back().entry != e.parent) {
        stack_.pop_back();
      }
      Enter(i, e);
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

  void Enter(int32_t i, const DocIndex::Entry& e) {
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
