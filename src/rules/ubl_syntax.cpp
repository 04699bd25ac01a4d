// CheckUblSyntaxRules: one walk over the document evaluates the whole
// UBL-syntax pattern. Each element is resolved once to an interned name;
// the name says which rule (if any) takes the node as context. The count
// asserts of every rule form one trie of paths: a context node starts
// following its rule's trie, and the walk of its subtree fills its
// counters. The tries of all the contexts an element lies in are followed
// as one combined state, so the ~730 count asserts cost one table lookup
// per element, not one tree search per assert (the tables are compiled
// once: ubl_syntax_tables.h).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/engine_internal.h"
#include "rules/ubl_syntax_failures.h"
#include "rules/ubl_syntax_internal.h"
#include "rules/ubl_syntax_tables.h"

namespace chorus::rules {
namespace {

using ubl::AssertRow;
using ubl::Context;
using ubl::Failure;
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

constexpr int kMaxActive = Tables::kSlots;

// What the walk keeps of an element for its children: one per entry, so
// that an element finds its parent's with one load (no stack to pop).
struct Frame {
  // Left uninitialized: the walk sets up one frame per element, whole.
  Frame() {}     // NOLINT(modernize-use-equals-default): keeps base[] raw
  uint32_t row;  // the combined state (Tables::Next) its children follow
  // Per slot, the counter block of the context that slot's paths count
  // for (set when the slot's context opened: stale in unused slots).
  int32_t base[kMaxActive];
};

// The walk's buffers, kept per thread from one document to the next so
// that a run allocates nothing once they have grown. `counts` is all zero
// between runs: a run clears the counters it bumped.
struct Scratch {
  std::vector<int> counts;
  // As long as counts: each counter goes from 0 to 1, and past its max,
  // once per run at most.
  std::vector<int> bumped;  // counters that went from 0 to 1
  std::vector<int> over;    // counters that went past their max
  std::vector<Context> contexts;
  // Per entry + 1, its frame; frames[0] stands for the root's parent.
  std::vector<Frame> frames;
  // Per entry, its interned name (Tables::Find): CheckUblSyntaxRules
  // hands it to the code-list walk, which then dispatches without a name
  // lookup of its own.
  std::vector<int32_t> names;
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
        over_(s.over),
        contexts_(s.contexts),
        frames_(s.frames),
        names_(s.names),
        failures_(s.failures),
        facts_(s.facts) {
    contexts_.clear();
    failures_.clear();
    facts_.Clear();
  }
  ~Walker() {
    for (int k = 0; k < bumped_count_; ++k) counts_at_[bumped_at_[k]] = 0;
  }
  Walker(const Walker&) = delete;
  Walker& operator=(const Walker&) = delete;

  // Visits the elements in document order (the index's order).
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
    PointAtCounters();
    if (root_rule_) CountAttributes();
    const int32_t n = index_.size();
    if (frames_.size() < static_cast<std::size_t>(n) + 1) {
      frames_.resize(static_cast<std::size_t>(n) + 1);
    }
    frames_[0].row = 0;
    std::fill(std::begin(frames_[0].base), std::end(frames_[0].base), 0);
    if (names_.size() < static_cast<std::size_t>(n)) {
      names_.resize(static_cast<std::size_t>(n));
    }
    // Entries come in preorder: a parent's frame is set before its
    // children's.
    // Loaded once: the calls in the loop would make the compiler load
    // them again through the members on every element.
    const DocIndex::Entry* entries = &index_[0];
    Frame* frames = frames_.data() + 1;
    int32_t* names = names_.data();
    Enter(root, frames, frames[0], names[0]);
    Rest(0, names[0]);  // whatever Enter says: the root rule's context
    for (int32_t i = 1; i < n; ++i) {
      const DocIndex::Entry& e = entries[i];
      if (Enter(e, frames, frames[i], names[i])) Rest(i, names[i]);
    }
    CheckCounts();
    if (root_rule_) FinishRoot();
  }

 private:
  // Without a vector's capacity test (Grow sized the lists), so that the
  // callers make no call.
  void Bump(int counter, int max) {
    const int was = counts_at_[counter]++;
    if (was == 0) bumped_at_[bumped_count_++] = counter;
    if (was == max) over_at_[over_count_++] = counter;
  }
  // Makes counters [0, used_) addressable (new ones are zero).
  void Grow() {
    if (counts_.size() < static_cast<std::size_t>(used_)) GrowCounters();
  }
  [[gnu::noinline]] void GrowCounters() {
    counts_.resize(
        std::max(static_cast<std::size_t>(used_), 2 * counts_.size()));
    bumped_.resize(counts_.size());
    over_.resize(counts_.size());
    PointAtCounters();
  }
  void PointAtCounters() {
    counts_at_ = counts_.data();
    bumped_at_ = bumped_.data();
    over_at_ = over_.data();
  }

  // The interned name of entry i (set once the walk has passed it), -1 for
  // none (i < 0: the root's parent).
  int NameOf(int32_t i) const {
    return i < 0 ? -1 : names_[static_cast<std::size_t>(i)];
  }

  // The "//@a" counts and the number of name attributes, over every
  // attribute of the document at once: so that only the elements a path
  // continues to an attribute of (an end list's attribute counts, names
  // marked kAttributeName) need their attributes one by one
  // (AttributeBits). Namespace declarations, which AttributeBits meets
  // too, never count.
  [[gnu::noinline]] void CountAttributes() {
    for (const xml::ElementIndex::Attribute& at :
         index_.elements().attributes()) {
      const int candidate = t_.AttributeByKey(at.name);
      if (candidate < 0) continue;
      const int id = NamedAttribute(candidate, at.name);
      if (id < 0) continue;
      const ubl::CounterRef anywhere = t_.anywhere_counter_[id];
      if (anywhere.offset >= 0) Bump(anywhere.offset, anywhere.max);
      if (id == t_.name_attribute_) ++name_attributes_;
    }
  }

  // The element's attributes the tables name, as a bit per interned id
  // (< 64).
  [[gnu::noinline]] uint64_t AttributeBits(const DocIndex::Entry& e) const {
    uint64_t attrs = 0;
    const xml::ElementIndex::Attribute* all =
        index_.elements().attributes().data();
    for (const xml::ElementIndex::Attribute* at = all + e.attributes;
         at != all + e.attributes_end; ++at) {
      // A lookup that misses skips namespace declarations too, unless
      // the tables name one.
      const int candidate = t_.AttributeByKey(at->name);
      if (candidate >= 0) {
        const int id = NamedAttribute(candidate, at->name);
        if (id >= 0) attrs |= uint64_t{1} << id;
      }
    }
    return attrs;
  }
  // The id of attribute `name` whose key is that of attribute `candidate`
  // (-1 when it is not a name the tables use). Out of line: most
  // attributes are not, and then the callers save no registers.
  [[gnu::noinline]] int NamedAttribute(int candidate,
                                       std::string_view name) const {
    const int id = t_.ConfirmAttribute(candidate, name);
    if (id < 0 || (t_.namespace_declaration_named_ &&
                   xml::IsNamespaceDeclaration(name))) {
      return -1;
    }
    return id;
  }

  // Sets up element e's frame and follows its parent's paths into it;
  // true when the element needs Rest() (Tables::rest_flags_). Most
  // elements end here, in a loop that calls nothing inline so that it
  // keeps its values in registers.
  // (`frames`: per entry, its frame, with the root's parent's at [-1]:
  // the parent's is found once the name is, which keeps a register free
  // during the lookup.)
  bool Enter(const DocIndex::Entry& e, const Frame* frames, Frame& frame,
             int32_t& name_of_i) {
    const int name = t_.Find(e.ns, e.local, e.key);
    name_of_i = name;
    const Frame* parent = frames + e.parent;
    std::memcpy(frame.base, parent->base, sizeof frame.base);
    if (name < 0) {
      frame.row = 0;
      return SuffixRule(e.local) >= 0;
    }
    const uint32_t next = t_.Next(parent->row, name);
    frame.row = next & Tables::kRowMask;
    if (next > Tables::kRowMask &&
        (static_cast<int32_t>(next) >= 0 || e.has_attributes)) {
      Ended((next >> Tables::kRowBits) & (Tables::kAttributesOnlyList - 1),
            frame, e);
    }
    return t_.rest_flags_[2 * static_cast<std::size_t>(name) +
                          e.has_attributes] != 0;
  }

  // The per-element work beyond following paths: for the root and the
  // names Tables::flags_ marks. The usual case first, which keeps nothing
  // across a call (so no registers to save): an amount whose rule only
  // asserts UBL-DT-01.
  // (`name`: names_[i], which the caller holds.)
  [[gnu::noinline]] void Rest(int32_t i, int name) {
    if (name >= 0 && i != 0) {
      const unsigned flags = t_.flags_[static_cast<std::size_t>(name)];
      if (flags == ubl::kAmountName && t_.amount_dt01_row_ >= 0) {
        CheckAmount(i);
        return;
      }
      if (flags == (ubl::kSlowName | ubl::kPlainContext)) {
        OpenPlainContext(i, name);
        return;
      }
      // "//" paths none of which ends on an attribute.
      if (flags == ubl::kFloatingName) {
        if (root_rule_) MatchFloatings(name, i, 0);
        return;
      }
    }
    RestInGeneral(i, name);
  }
  // The context of a name marked kPlainContext, without RestInGeneral's
  // questions (none of them applies).
  [[gnu::noinline]] void OpenPlainContext(int32_t i, int name) {
    OpenContext(t_.names_[static_cast<std::size_t>(name)].rule, i,
                frames_[static_cast<std::size_t>(i) + 1]);
  }
  [[gnu::noinline]] void RestInGeneral(int32_t i, int name) {
    Frame& frame = frames_[static_cast<std::size_t>(i) + 1];
    if (name < 0) {
      if (i == 0) {
        Special(i, name, frame);
      } else {
        OpenSuffixContext(SuffixRule(index_[i].local), i, frame);
      }
      return;
    }
    const unsigned flags = t_.flags_[static_cast<std::size_t>(name)];
    const uint64_t attrs =
        (flags & ubl::kAttributeName) != 0 && index_[i].has_attributes
            ? AttributeBits(index_[i])
            : 0;
    if (((attrs >> t_.name_attribute_) & 1) != 0 &&
        name == t_.payment_means_code_) {
      ++means_code_names_;
    }
    if ((flags & ubl::kFloatingName) != 0 && root_rule_) {
      MatchFloatings(name, i, attrs);
    }
    if ((flags & ubl::kSlowName) != 0 || i == 0) {
      Special(i, name, frame);
      return;
    }
    if ((flags & (ubl::kAmountName | ubl::kBinaryName)) != 0) {
      OpenSuffixRule(
          (flags & ubl::kAmountName) != 0 ? ubl::kAmountRule : ubl::kBinaryRule,
          i, frame);
    }
  }

  // The Amount or BinaryObject rule on element i. An amount's context only
  // asserts UBL-DT-01 (Tables::amount_dt01_row_): checked here, without
  // the general set-up of a context.
  void OpenSuffixRule(int rule, int32_t i, Frame& frame) {
    if (rule == ubl::kAmountRule) {
      if (t_.amount_dt01_row_ >= 0) {
        CheckAmount(i);
        return;
      }
      if (InPricedAllowance(i)) return;
    }
    OpenContext(rule, i, frame);
  }
  // Whether amount i lies in a cac:Price with a cac:AllowanceCharge child,
  // which the Amount rule's context leaves out. Asked only of amounts that
  // fail UBL-DT-01 (rare), so that no cac:Price costs anything up front.
  [[gnu::noinline]] bool InPricedAllowance(int32_t i) const {
    for (int32_t a = index_[i].parent; a >= 0; a = index_[a].parent) {
      if (names_[static_cast<std::size_t>(a)] == t_.price_ &&
          ubl::HasAllowanceChargeChild(nav_, a)) {
        return true;
      }
    }
    return false;
  }
  // UBL-DT-01 on amount i: inline on the usual text-only amount, the rest
  // apart (so that this part saves no registers).
  void CheckAmount(int32_t i) {
    const DocIndex::Entry& e = index_[i];
    if (e.first_child >= 0 || !ubl::AtMostTwoDecimals(e.raw)) {
      CheckAmountFurther(i);
    }
  }
  [[gnu::noinline]] void CheckAmountFurther(int32_t i) {
    if (InPricedAllowance(i)) return;
    if (index_[i].first_child < 0 ||
        !ubl::HoldsOnNode(ubl::Hand::kDt01, nav_, i)) {
      const int r = t_.amount_dt01_row_;
      failures_.push_back(
          Failure{i, r,
                  t_.rule_rows_[ubl::kAmountRule][static_cast<std::size_t>(r)]
                      .row->id});
    }
  }

  // Bumps the counters of the paths that end on element e or on its
  // attributes, each in its slot's block (`list`: Tables::end_lists_).
  [[gnu::noinline]] void Ended(uint32_t list, const Frame& frame,
                               const DocIndex::Entry& e) {
    const Tables::EndList& l = t_.end_lists_[list];
    const Tables::EndCount* counts = t_.end_counts_.data();
    for (const Tables::EndCount* c = counts + l.begin;
         c != counts + l.attributes; ++c) {
      Bump(frame.base[c->slot] + c->counter.offset, c->counter.max);
    }
    if (l.attributes == l.end || !e.has_attributes) return;
    const uint64_t attrs = AttributeBits(e);
    for (const Tables::EndCount* c = counts + l.attributes; c != counts + l.end;
         ++c) {
      if ((attrs >> c->attribute) & 1) {
        Bump(frame.base[c->slot] + c->counter.offset, c->counter.max);
      }
    }
  }

  // The rules whose context an element's name selects, and the nodes the
  // root asserts collect.
  [[gnu::always_inline]] void Special(int32_t i, int name, Frame& frame) {
    int rule = -1;
    if (name >= 0) {
      const NameEntry& entry = t_.names_[static_cast<std::size_t>(name)];
      if (entry.gathers) Gather(i, name);
      rule = entry.rule;
      if (rule == ubl::kSupplierPartyRule &&
          NameOf(index_[i].parent) != t_.supplier_party_) {
        rule = -1;
      } else if (rule == ubl::kAllowanceRule) {
        rule = ubl::AllowanceRuleOf(nav_, i);
      }
    }
    if (i == 0 && root_rule_) {
      OpenContext(ubl::kRootRule, i, frame);
    } else if (rule >= 0) {
      OpenContext(rule, i, frame);
    } else {
      OpenSuffixContext(
          name >= 0 ? t_.names_[name].suffix_rule : SuffixRule(index_[i].local),
          i, frame);
    }
  }

  // What the root asserts gather from element i (NameEntry::gathers), out
  // of line as what follows: the usual context saves no registers.
  [[gnu::noinline]] void Gather(int32_t i, int name) {
    switch (t_.names_[static_cast<std::size_t>(name)].collect) {
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
    if (name == t_.party_identification_) {
      ubl::CollectPartyIds(nav_, i, facts_);
    }
    if (t_.names_[static_cast<std::size_t>(name)].rule ==
            ubl::kPartyTaxSchemeRule &&
        NameOf(index_[i].parent) == t_.party_) {
      CollectRoleTaxScheme(i);
    }
  }

  // A cac:PartyTaxScheme under <role>/cac:Party, the role a child of the
  // root: the seller's and buyer's, which UBL-SR-12, -13 and -18 count.
  void CollectRoleTaxScheme(int32_t i) {
    const int32_t role = index_[index_[i].parent].parent;
    if (role < 0 || index_[role].parent != 0) return;
    const int role_name = names_[static_cast<std::size_t>(role)];
    if (role_name == t_.supplier_party_) {
      facts_.supplier_tax_schemes.push_back(i);
    } else if (role_name == t_.customer_party_) {
      facts_.customer_tax_schemes.push_back(i);
    }
  }

  // The Amount and BinaryObject rules, which take elements by the ending
  // of their name (`suffix`: the rule it selects, -1 for none).
  void OpenSuffixContext(int suffix, int32_t i, Frame& frame) {
    if (suffix == ubl::kAmountRule || suffix == ubl::kBinaryRule) {
      OpenSuffixRule(suffix, i, frame);
    }
  }

  // Evaluates the hand-written asserts now and sets up the counters the
  // walk of the subtree fills for the count asserts.
  // (The calls it makes on the way are out of line: most contexts need
  // none of them, and then this saves no registers.)
  void OpenContext(int rule, int32_t i, Frame& frame) {
    if (rule != ubl::kRootRule && !t_.hand_rows_[rule].empty()) {
      CheckHandRows(rule, i);
    }
    if (t_.rule_root_[rule] < 0) return;
    const Tables::Open& open = t_.OpenFrom(frame.row, rule);
    if (open.full) {
      ubl::EvaluateEagerly(t_, nav_, rule, i, failures_);
      return;
    }
    int base = 0;
    if (rule != ubl::kRootRule) {
      base = used_;
      used_ += t_.block_size_[rule];
      Grow();
    }
    contexts_.push_back(Context{rule, base, i});
    if (open.slot >= 0) frame.base[open.slot] = base;
    frame.row = open.row;
  }

  [[gnu::noinline]] void CheckHandRows(int rule, int32_t i) {
    const auto& rows = t_.rule_rows_[rule];
    for (int r : t_.hand_rows_[rule]) {
      const Tables::RuleRow& row = rows[static_cast<std::size_t>(r)];
      // UBL-DT-01 runs on every amount: inline on the usual text-only one.
      const DocIndex::Entry& e = index_[i];
      bool holds = row.hand == ubl::Hand::kDt01 && e.first_child < 0
                       ? ubl::AtMostTwoDecimals(e.raw)
                       : ubl::HoldsOnNode(row.hand, nav_, i);
      if (!holds) failures_.push_back(Failure{i, r, row.row->id});
    }
  }

  // The "//"-led paths ending on this element's name.
  void MatchFloatings(int name, int32_t i, uint64_t attrs) {
    const NameEntry& entry = t_.names_[static_cast<std::size_t>(name)];
    if (entry.floating_need_attribute &&
        (attrs & entry.floating_attributes) == 0) {
      return;
    }
    const int32_t parent = index_[i].parent;
    const int parent_name =
        parent < 0 ? -1 : names_[static_cast<std::size_t>(parent)];
    for (int k : entry.floating) {
      const Floating& f = t_.floating_[static_cast<std::size_t>(k)];
      if (f.parent < 0 || f.parent == parent_name) MatchFloating(f, i, attrs);
    }
  }
  void MatchFloating(const Floating& f, int32_t i, uint64_t attrs) {
    if (f.attribute >= 0 && !((attrs >> f.attribute) & 1)) return;
    // The last name is the node itself; the others its ancestors'.
    int32_t ancestor = index_[i].parent;
    for (std::size_t k = f.names.size() - 1; k-- > 0;) {
      if (ancestor < 0 ||
          names_[static_cast<std::size_t>(ancestor)] != f.names[k]) {
        return;
      }
      ancestor = index_[ancestor].parent;
    }
    // The root context's block starts at 0.
    Bump(f.counter.offset, f.counter.max);
  }

  // Out of line: a call with these arguments in the walk's body costs the
  // loop a register.
  [[gnu::noinline]] void CheckCounts() {
    ubl::AddCountFailures(t_, {over_at_, static_cast<std::size_t>(over_count_)},
                          contexts_, counts_, failures_);
  }

  void FinishRoot() {
    facts_.name_attribute_elsewhere = name_attributes_ > means_code_names_;
    ubl::GatherRootChildren(nav_, facts_);
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
  std::vector<int>& over_;
  std::vector<Context>& contexts_;
  std::vector<Frame>& frames_;
  std::vector<int32_t>& names_;
  std::vector<Failure>& failures_;
  ubl::RootFacts& facts_;
  int used_ = 0;  // counters handed out to contexts
  // The data of counts_, bumped_ and over_ (set by Grow), and how many
  // counters the last two hold.
  int* counts_at_ = nullptr;
  int* bumped_at_ = nullptr;
  int* over_at_ = nullptr;
  int bumped_count_ = 0;
  int over_count_ = 0;
  // Name attributes in the document (CountAttributes), and those on a
  // cbc:PaymentMeansCode, the one element UBL-DT-18 allows them on.
  int name_attributes_ = 0;
  int means_code_names_ = 0;
  bool root_rule_ = false;
};

// What a huge document grew is not kept by the thread for good. Out of
// line: inlined, it changes how the compiler inlines the walk itself.
[[gnu::noinline]] void ReleaseIfHuge(Scratch& scratch) {
  if (scratch.counts.capacity() > (std::size_t{1} << 20) ||
      scratch.frames.capacity() > (std::size_t{1} << 18) ||
      scratch.names.capacity() > (std::size_t{1} << 20)) {
    scratch = Scratch();
  }
}

}  // namespace

void CheckUblSyntaxRules(const RunContext& ctx) {
  CheckUblSyntaxRules(ctx, nullptr);
}

void CheckUblSyntaxRules(const RunContext& ctx,
                         std::span<const int32_t>* names) {
  thread_local Scratch scratch;
  ReleaseIfHuge(scratch);
  Walker walker(GetTables(), ctx.Index(), scratch);
  walker.Run();
  ubl::ReportFailures(scratch.failures, ctx);
  if (names != nullptr) {
    *names = std::span<const int32_t>(
        scratch.names.data(), static_cast<std::size_t>(ctx.Index().size()));
  }
}

}  // namespace chorus::rules
