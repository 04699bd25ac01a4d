// What the CII syntax dispatch needs to know of an element's name alone,
// kept per name: the same few hundred names recur in every document, so one
// lookup whose branches go the same way each time (found, same name)
// replaces the name tests of every context alternative, whose outcomes
// depend on the document. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_CII_SYNTAX_NAMES_H_
#define CHORUS_SRC_RULES_CII_SYNTAX_NAMES_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "../format/xml_ns.h"
#include "inline_compare.h"

namespace chorus::rules::cii {

// Facts about one (namespace, local name).
struct NameInfo {
  int16_t rule = -1;        // first rule of the context alternatives that
                            // test the name alone, -1 when none
  uint8_t anchor_step = 0;  // its step id in the anchored contexts, 0: none
  bool contextual = false;  // some alternative also tests more than the name
  uint16_t trie_name = 0;   // its step id in the rules' tries, 0: none
};

// An open-addressing table from names to NameInfo, filled on first sight
// of each name by `compute`. Bounded: it starts over when half full, so an
// adversarial stream of names costs time, not memory. Not thread-safe: one
// per thread.
class NameMemo {
 public:
  template <typename Compute>
  const NameInfo& Find(const xml::ElementIndex::Entry& e, Compute& compute) {
    std::size_t at = Hash(e.key, e.ns);
    for (;; at = (at + 1) & (kSlots - 1)) {
      Slot& slot = slots_[at];
      if (!slot.used) break;
      if (Same(slot, e)) return slot.info;
    }
    return Insert(e, compute(e));
  }

 private:
  static constexpr std::size_t kSlots = 1024;
  static constexpr std::size_t kFixed = 47;
  struct Slot {
    uint64_t key = 0;
    std::string name;
    NameInfo info;
    int16_t ns = 0;
    bool used = false;
    // The name's first kFixed bytes, zero padded: Same reads its windows
    // here whatever the other name's length.
    std::array<char, kFixed + 1> head{};
  };
  // The names compared here vary in length from one element to the next:
  // a word loop whose trip count follows the length mispredicts about once
  // per element. Up to kFixed bytes, a fixed number of 8-byte windows is
  // compared instead, from byte 7 on (the key holds the first seven),
  // sliding back onto the last word past the end, with the outcome folded
  // into one test. A name of under eight bytes, whole in its key, compares
  // the slot's bytes with themselves.
  static bool Same(const Slot& slot, const xml::ElementIndex::Entry& e) {
    std::size_t n = e.local.size();
    if (n > kFixed) {
      return slot.key == e.key && slot.ns == e.ns &&
             SameTail(e.local, slot.name);
    }
    uint64_t diff = (slot.key ^ e.key) | static_cast<uint64_t>(slot.ns ^ e.ns) |
                    (slot.name.size() ^ n);
    // By masks, not ?: (which the compiler makes a branch).
    uintptr_t fits = uintptr_t{0} - static_cast<uintptr_t>(n >= 8);
    auto own = reinterpret_cast<uintptr_t>(slot.head.data());
    const char* a = reinterpret_cast<const char*>(
        own ^ ((reinterpret_cast<uintptr_t>(e.local.data()) ^ own) & fits));
    std::size_t last = (n - 8) & fits;
    for (std::size_t at = 7; at < kFixed; at += 8) {
      std::size_t from = std::min(at, last);
      uint64_t x;
      uint64_t y;
      std::memcpy(&x, a + from, 8);
      std::memcpy(&y, slot.head.data() + from, 8);
      diff |= x ^ y;
    }
    return diff == 0;
  }
  static std::size_t Hash(uint64_t key, int16_t ns) {
    uint64_t h =
        (key ^ static_cast<uint64_t>(static_cast<uint16_t>(ns)) << 56) *
        0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h >> 54);  // 10 bits: kSlots
  }
  const NameInfo& Insert(const xml::ElementIndex::Entry& e, NameInfo info) {
    if (used_ * 2 >= kSlots) {
      slots_.assign(kSlots, Slot{});
      used_ = 0;
    }
    std::size_t at = Hash(e.key, e.ns);
    while (slots_[at].used) at = (at + 1) & (kSlots - 1);
    Slot& slot = slots_[at];
    slot.key = e.key;
    slot.name.assign(e.local);
    slot.head.fill(0);
    if (!e.local.empty()) {
      std::memcpy(slot.head.data(), e.local.data(),
                  std::min(e.local.size(), kFixed));
    }
    slot.info = info;
    slot.ns = e.ns;
    slot.used = true;
    ++used_;
    return slot.info;
  }
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  std::size_t used_ = 0;
};

}  // namespace chorus::rules::cii

#endif  // CHORUS_SRC_RULES_CII_SYNTAX_NAMES_H_
