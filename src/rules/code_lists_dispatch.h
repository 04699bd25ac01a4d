// The BR-CL rules compiled for dispatch: per element name some context ends
// on, the rules that can take it, found by name (NameKey probe) or by a
// syntax walk's name ids, and the visit that tries them on one element.
// Internal to code_lists.cpp, whose one pass over a document drives it.
#ifndef CHORUS_SRC_RULES_CODE_LISTS_DISPATCH_H_
#define CHORUS_SRC_RULES_CODE_LISTS_DISPATCH_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "format/xml_ns.h"
#include "rules/code_lists.h"
#include "rules/code_lists_eval.h"
#include "rules/code_lists_rules.h"
#include "rules/engine_internal.h"

namespace chorus::rules::code_lists_dispatch {

namespace x = chorus::xml;
using code_lists_eval::Walk;
using code_lists_rules::Rule;
using code_lists_rules::Standard;

// Patterns compiled for dispatch: each element name some context ends on,
// with the rules that can take it (in pattern order, then artefact order),
// in an open-addressing table keyed by namespace and NameKey.
class Dispatch {
 public:
  explicit Dispatch(std::vector<std::vector<Rule>> patterns)
      : patterns_(std::move(patterns)) {
    for (std::size_t p = 0; p < patterns_.size(); ++p) {
      for (const Rule& rule : patterns_[p]) {
        for (std::string_view local : rule.locals) {
          Candidate c{&rule, static_cast<int>(p)};
          if (rule.parent.local != nullptr) {
            c.parent_local = rule.parent.local;
            c.parent_key = x::NameKey(c.parent_local);
            c.parent_ns = rule.parent.ns;
            if (rule.parent.alt != nullptr) {
              c.parent_alt = rule.parent.alt;
              c.parent_alt_key = x::NameKey(c.parent_alt);
            }
          }
          Group& group = groups_[GroupOf(rule.ns, local)];
          group.candidates.push_back(c);
          if (c.parent_local.empty()) {
            group.any_parent = true;
          } else {
            group.parents.Add(c.parent_ns, c.parent_key);
            if (!c.parent_alt.empty()) {
              group.parents.Add(c.parent_ns, c.parent_alt_key);
            }
          }
        }
      }
    }
    BuildSubgroups();
    for (Group& group : groups_) Classify(group);
    for (Group& sub : subs_) Classify(sub);
    std::size_t size = 16;
    while (size < 8 * groups_.size()) size <<= 1;  // most lookups miss
    slots_.assign(size, -1);
    mask_ = size - 1;
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      std::size_t i = Hash(groups_[g].ns, groups_[g].key) & mask_;
      while (slots_[i] >= 0) i = (i + 1) & mask_;
      slots_[i] = static_cast<int>(g);
    }
    BuildKeyTable();
  }

  // Whether some rule can take an element with the key of `e` (any
  // namespace), as a 0 or 1 to add: one probe, exact on the key.
  uint32_t MayTake(const DocIndex::Entry& e) const {
    return static_cast<uint32_t>(key_table_[KeySlot(e.key)] == e.key);
  }

  // Visit for an element MayTake took: its key is some group's.
  void Visit(const Walk& w, const RunContext& ctx, int32_t n) const {
    const DocIndex::Entry& e = w.Entry(n);
    // The group of the key's one name, or (keys shared across namespaces)
    // the general lookup. The key matched: SameTail decides the name.
    const int g = key_group_[KeySlot(e.key)];
    const Group* group = nullptr;
    if (g >= 0) {
      group = &groups_[static_cast<std::size_t>(g)];
      if (group->ns != e.ns || !SameTail(group->local, e.local)) return;
    } else {
      group = Find(e);
    }
    if (group == nullptr) return;
    // The parent, read once for all candidates (null for the root).
    const DocIndex::Entry* parent =
        e.parent >= 0 ? &w.Entry(e.parent) : nullptr;
    if (!group->any_parent) {
      // Most elements of a common name (cbc:ID) sit under parents no rule
      // names: one filter test rules them all out. The others go to the
      // rules of their parent's name alone.
      if (parent == nullptr || !group->parents.MayHold(*parent)) return;
      group = group->SubFor(*parent);
      if (group == nullptr) return;
    }
    Act(w, ctx, n, *group,
        [parent](const Candidate& c) { return c.ParentMatches(parent); });
  }

  // Binds the groups to a syntax walk's name ids, each given as a slot in
  // [1, slots) by `slot_of(ns, local)` (0: the name has none): false when
  // some name the rules use has none, and the walk must then look names
  // up itself. Slot 0 is every other name's (and the root's parent's).
  template <typename SlotOf>
  bool BindNames(std::size_t slots, SlotOf slot_of) {
    takes_slot_.assign(slots, 0);
    group_by_slot_.assign(slots, nullptr);
    for (Group& group : groups_) {
      const std::size_t slot = slot_of(group.ns, group.local);
      if (slot == 0 || slot >= slots) return false;
      group_by_slot_[slot] = &group;
      takes_slot_[slot] = 1;
      for (Candidate& c : group.candidates) {
        if (c.parent_local.empty()) continue;
        for (std::string_view local : {c.parent_local, c.parent_alt}) {
          if (local.empty()) continue;
          const std::size_t parent = slot_of(c.parent_ns, local);
          if (parent == 0 || parent >= slots) return false;
          (local == c.parent_local ? c.parent_slot : c.parent_alt_slot) =
              static_cast<int32_t>(parent);
        }
      }
      if (group.by_parent.empty()) continue;
      group.sub_of_slot.assign(slots, nullptr);
      for (const Group::ByParent& b : group.by_parent) {
        const std::size_t parent = slot_of(b.ns, b.local);
        if (parent == 0 || parent >= slots) return false;
        group.sub_of_slot[parent] = b.group;
      }
    }
    return true;
  }

  // Whether an element whose name has slot `slot` can be taken (BindNames
  // done): exact, as a 0 or 1 to add.
  int32_t TakesSlot(std::size_t slot) const { return takes_slot_[slot]; }

  // Visit for an element the walk took by its name's slot (`slot_of(i)`:
  // element i's, from the syntax walk): no name lookup, and the parent's
  // name is a slot too.
  template <typename ElementSlot>
  void VisitBySlot(const Walk& w, const RunContext& ctx, int32_t n,
                   ElementSlot slot_of) const {
    const Group* group = group_by_slot_[slot_of(n)];
    // The parent's slot; 0 (no rule mentions the name) for the root's
    // parent as well: no candidate names it.
    auto parent_slot = [&w, slot_of, n]() -> std::size_t {
      const int32_t parent = w.Entry(n).parent;
      return parent >= 0 ? slot_of(parent) : 0;
    };
    if (!group->any_parent) {
      // The rules of the parent's name, by one load: none for most
      // elements of a common name (cbc:ID).
      group = group->sub_of_slot[parent_slot()];
      if (group == nullptr) return;
    }
    Act(w, ctx, n, *group, [&parent_slot](const Candidate& c) {
      const auto slot = static_cast<int32_t>(parent_slot());
      return slot == c.parent_slot || slot == c.parent_alt_slot;
    });
  }

 private:
  struct Candidate {
    const Rule* rule;
    int pattern;
    // The parent step's name slots (BindNames); -1 matches no slot.
    int32_t parent_slot = -1;
    int32_t parent_alt_slot = -1;
    // The rule's parent step ("" for none), with NameKeys.
    std::string_view parent_local = {};
    std::string_view parent_alt = {};
    uint64_t parent_key = 0;
    uint64_t parent_alt_key = 0;
    int parent_ns = 0;

    // As Walk::IsElement(p, parent_ns, parent_local or parent_alt), by key
    // first.
    bool ParentMatches(const DocIndex::Entry* p) const {
      if (p == nullptr) return false;
      const DocIndex::Entry& e = *p;
      if (e.ns != parent_ns) return false;
      if (e.key == parent_key && SameTail(e.local, parent_local)) {
        return true;
      }
      return !parent_alt.empty() && e.key == parent_alt_key &&
             SameTail(e.local, parent_alt);
    }
  };
  struct Group {
    int ns;
    std::string_view local;
    uint64_t key;
    std::vector<Candidate> candidates;
    // The parent steps of the candidates, and whether one has none.
    NameFilter parents;
    bool any_parent = false;
    // The group's one rule when it asserts on every element of the name
    // (no parent step, no further context, the usual list test): most
    // visits (an amount's currency) need none of Try's steps.
    // Or its one rule asserts on an attribute where present (a unit
    // code, an endpoint scheme): the context is that presence.
    const Rule* simple = nullptr;
    std::string_view simple_requires = {};
    // `simple` compiled when its value is the element's text or an
    // attribute whose name is a WordName (not upper-cased): VisitFast.
    enum class Fast : uint8_t { kNone, kText, kAttribute, kPresentAttribute };
    Fast fast = Fast::kNone;
    code_lists_eval::WordName fast_name{"        "};
    // The list's codes, built with the dispatch: every invoice meets
    // these lists (currency, unit, country, VAT category).
    ShortCodes::Probe fast_codes = {};
    CodeList fast_list = CodeList::kCount;  // whose codes fast_codes holds
    // Else its one rule, whatever its context and test (a document type,
    // a party identifier): no loop over candidates. `one_requires`: the
    // attribute whose presence is the whole context.
    const Rule* one = nullptr;
    std::string_view one_requires = {};
    // Groups whose every candidate has a parent step: per parent name, the
    // candidates naming it (in order, their parent step dropped) as a group
    // of subs_. By name for Visit, by name slot for VisitBySlot (null:
    // none; a pointer per slot, a few groups of a few hundred slots).
    struct ByParent {
      int ns;
      std::string_view local;
      uint64_t key;
      std::size_t sub;
      const Group* group = nullptr;
    };
    std::vector<ByParent> by_parent = {};
    std::vector<const Group*> sub_of_slot = {};

    const Group* SubFor(const DocIndex::Entry& p) const {
      for (const ByParent& b : by_parent) {
        if (b.key == p.key && b.ns == p.ns && SameTail(b.local, p.local)) {
          return b.group;
        }
      }
      return nullptr;
    }
  };

  // Splits each group whose candidates all have a parent step by the
  // parent's name (subs_). Within one, the parent test is done: the
  // candidates keep their order, so first-match semantics hold.
  void BuildSubgroups() {
    for (Group& group : groups_) {
      if (group.any_parent) continue;
      for (const Candidate& c : group.candidates) {
        for (std::string_view local : {c.parent_local, c.parent_alt}) {
          if (local.empty()) continue;
          bool known = false;
          for (const Group::ByParent& b : group.by_parent) {
            known = known || (b.ns == c.parent_ns && b.local == local);
          }
          if (known) continue;
          Group sub{group.ns, group.local, group.key, {}, {}, true};
          for (const Candidate& d : group.candidates) {
            if (d.parent_ns == c.parent_ns &&
                (d.parent_local == local || d.parent_alt == local)) {
              Candidate e{d.rule, d.pattern};
              sub.candidates.push_back(e);
            }
          }
          group.by_parent.push_back(
              {c.parent_ns, local, x::NameKey(local), subs_.size()});
          subs_.push_back(std::move(sub));
        }
      }
    }
    for (Group& group : groups_) {
      for (Group::ByParent& b : group.by_parent) b.group = &subs_[b.sub];
    }
  }

  // Sets the single-rule shortcuts of a group (simple, one).
  static void Classify(Group& group) {
    const Candidate& c = group.candidates.front();
    if (group.candidates.size() != 1 || !c.parent_local.empty()) return;
    const Rule& rule = *c.rule;
    const std::string_view presence =
        code_lists_rules::PresenceOf(rule.context);
    if (rule.check.custom == nullptr &&
        (rule.context == nullptr ||
         (!presence.empty() && presence == rule.check.attribute &&
          !rule.check.upper_case))) {
      group.simple = &rule;
      group.simple_requires = presence;
      const std::string_view attribute = rule.check.attribute;
      if (rule.check.upper_case) return;
      if (attribute.empty()) {
        group.fast = Group::Fast::kText;
      } else if (code_lists_eval::WordName::Fits(attribute)) {
        group.fast = presence.empty() ? Group::Fast::kAttribute
                                      : Group::Fast::kPresentAttribute;
        group.fast_name = code_lists_eval::WordName(attribute);
      }
      if (group.fast != Group::Fast::kNone) {
        group.fast_codes = ShortCodesOf(rule.check.list).probe();
        group.fast_list = rule.check.list;
      }
      return;
    }
    group.one = &rule;
    group.one_requires = presence;
  }

  // The rules of `group` on element n: its one rule, or each in order.
  template <typename ParentMatches>
  void Act(const Walk& w, const RunContext& ctx, int32_t n, const Group& group,
           ParentMatches parent_matches) const {
    if (group.fast != Group::Fast::kNone) {
      VisitFast(w, ctx, n, group);
    } else if (group.simple != nullptr) {
      VisitSimple(w, ctx, n, group);
    } else if (group.one != nullptr) {
      VisitOne(w, ctx, n, group);
    } else {
      Try(w, ctx, n, group, parent_matches);
    }
  }

  static void VisitOne(const Walk& w, const RunContext& ctx, int32_t n,
                       const Group& group) {
    const Rule& rule = *group.one;
    if (!group.one_requires.empty()) {
      if (w.Attribute(n, group.one_requires) == nullptr) return;
    } else if (rule.context != nullptr && !rule.context(w, n)) {
      return;
    }
    const bool ok = rule.check.custom != nullptr ? rule.check.custom(w, n)
                                                 : Standard(w, n, rule.check);
    if (!ok) ctx.Fail(rule.id, n);
  }

  // The usual visit: the value proved a code inline, or VisitSimple
  // decides (a miss, an absent attribute, whitespace, nested text).
  static void VisitFast(const Walk& w, const RunContext& ctx, int32_t n,
                        const Group& group) {
    const ShortCodes::Probe& codes = group.fast_codes;
    const CodeList list = group.fast_list;
    if (group.fast == Group::Fast::kText) {
      const DocIndex::Entry& e = w.Entry(n);
      if (e.first_child < 0 && w.IsRepeatedCode(list, codes, e.text)) return;
    } else if (const auto* a = w.Attribute(n, group.fast_name)) {
      if (w.IsRepeatedCode(list, codes, a->value)) return;
    } else if (group.fast == Group::Fast::kPresentAttribute) {
      return;
    }
    VisitSimple(w, ctx, n, group);
  }

  [[gnu::noinline]] static void VisitSimple(const Walk& w,
                                            const RunContext& ctx, int32_t n,
                                            const Group& group) {
    const Rule& rule = *group.simple;
    bool ok;
    if (!group.simple_requires.empty()) {
      // The attribute tested is the one required: found once.
      const auto* a = w.Attribute(n, group.simple_requires);
      if (a == nullptr) return;
      ok = w.AttributeInList(n, *a, rule.check.attribute, rule.check.list);
    } else {
      ok = Standard(w, n, rule.check);
    }
    if (!ok) ctx.Fail(rule.id, n);
  }

  // The rules of `group` tried in order on element n, the parent step
  // tested by `parent_matches` (for candidates that have one).
  template <typename ParentMatches>
  void Try(const Walk& w, const RunContext& ctx, int32_t n, const Group& group,
           ParentMatches parent_matches) const {
    int done = -1;  // the pattern whose first matching rule has run
    for (const Candidate& c : group.candidates) {
      if (c.pattern == done) continue;
      if (!c.parent_local.empty() && !parent_matches(c)) continue;
      const Rule& rule = *c.rule;
      if (rule.context != nullptr && !rule.context(w, n)) continue;
      bool ok = rule.check.custom != nullptr ? rule.check.custom(w, n)
                                             : Standard(w, n, rule.check);
      if (!ok) ctx.Fail(rule.id, n);
      done = c.pattern;
    }
  }

  static std::size_t Hash(int ns, uint64_t key) {
    uint64_t h = (key ^ static_cast<uint64_t>(ns + 2)) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h ^ (h >> 31));
  }

  std::size_t GroupOf(int ns, std::string_view local) {
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      if (groups_[g].ns == ns && groups_[g].local == local) return g;
    }
    groups_.push_back(Group{ns, local, x::NameKey(local), {}, {}, false});
    return groups_.size() - 1;
  }

  std::size_t KeySlot(uint64_t key) const {
    return static_cast<std::size_t>((key * key_mult_) >> key_shift_);
  }

  // A table in which every group key has a slot of its own: multipliers
  // are tried until the keys spread (a few dozen keys in 128 slots or
  // more). Empty slots hold key 0, which no element name has.
  void BuildKeyTable() {
    std::vector<uint64_t> keys;
    for (const Group& group : groups_) {
      if (std::find(keys.begin(), keys.end(), group.key) == keys.end()) {
        keys.push_back(group.key);
      }
    }
    for (int bits = 7;; ++bits) {
      const std::size_t size = std::size_t{1} << bits;
      if (size < 4 * keys.size()) continue;
      uint64_t m = 0x9E3779B97F4A7C15ull;
      for (int attempt = 0; attempt < 64; ++attempt) {
        m += 0x6A09E667F3BCC90Aull;
        key_mult_ = m | 1;
        key_shift_ = 64 - bits;
        key_table_.assign(size, 0);
        key_group_.assign(size, -1);
        bool distinct = true;
        for (uint64_t key : keys) {
          uint64_t& slot = key_table_[KeySlot(key)];
          if (slot != 0) {
            distinct = false;
            break;
          }
          slot = key;
        }
        if (!distinct) continue;
        for (std::size_t g = 0; g < groups_.size(); ++g) {
          int& group = key_group_[KeySlot(groups_[g].key)];
          group = group == -1 ? static_cast<int>(g) : -2;  // -2: shared
        }
        return;
      }
    }
  }

  // NameKey holds the length and the first seven bytes: equal keys are
  // equal names below eight bytes.
  const Group* Find(const DocIndex::Entry& e) const {
    for (std::size_t i = Hash(e.ns, e.key) & mask_;; i = (i + 1) & mask_) {
      int g = slots_[i];
      if (g < 0) return nullptr;
      const Group& group = groups_[static_cast<std::size_t>(g)];
      if (group.key == e.key && group.ns == e.ns &&
          SameTail(group.local, e.local)) {
        return &group;
      }
    }
  }

  std::vector<std::vector<Rule>> patterns_;
  std::vector<Group> groups_;
  std::vector<Group> subs_;  // BuildSubgroups
  std::vector<int> slots_;
  std::size_t mask_ = 0;
  // The probe table of MayTake and Visit (BuildKeyTable): per slot, the
  // key (0: none) and its group (-2: several, Find decides).
  std::vector<uint64_t> key_table_;
  std::vector<int> key_group_;
  uint64_t key_mult_ = 0;
  int key_shift_ = 64;
  // Per name slot (BindNames): 1 when it has a group, and the group (null
  // for none).
  std::vector<int32_t> takes_slot_;
  std::vector<const Group*> group_by_slot_;
};

}  // namespace chorus::rules::code_lists_dispatch

#endif  // CHORUS_SRC_RULES_CODE_LISTS_DISPATCH_H_
