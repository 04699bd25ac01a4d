// What the CII syntax dispatch needs to know of an element's name alone,
// kept per name: the same few hundred names recur in every document, so one
// lookup whose branches go the same way each time (found, same name)
// replaces the name tests of every context alternative, whose outcomes
// depend on the document. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_CII_SYNTAX_NAMES_H_
#define CHORUS_SRC_RULES_CII_SYNTAX_NAMES_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "../format/xml_ns.h"
#include "inline_compare.h"

#if defined(__SSE2__) && defined(__x86_64__)
#define CHORUS_CII_NAMES_SSE2 1
#include <emmintrin.h>
#endif

namespace chorus::rules::cii {

// Facts about one (namespace, local name).
struct NameInfo {
  int16_t rule = -1;        // first rule of the context alternatives that
                            // test the name alone, -1 when none
  uint8_t anchor_step = 0;  // its step id in the anchored contexts, 0: none
  bool contextual = false;  // some alternative also tests more than the name
  uint16_t trie_name = 0;   // its step id in the rules' tries, 0: none
  // The View::under list (+ 1) whose child name it is, 0: none; and, by
  // bit, the lists whose parent name it is.
  uint8_t under_child = 0;
  uint8_t under_parent = 0;
};

// An open-addressing table from names to NameInfo, filled on first sight
// of each name by `compute`. Bounded: it starts over when half full, so an
// adversarial stream of names costs time, not memory. Not thread-safe: one
// per thread.
class NameMemo {
 public:
  template <typename Compute>
  const NameInfo& Find(const xml::ElementIndex::Entry& e, Compute& compute) {
    // An empty slot's namespace is no element's: the first test fails
    // there, and the probe ends on `used`. The key holds the length and
    // first seven bytes, so only the tail is left to compare (nothing for
    // a name under eight bytes).
    const Slot* slots = slots_.data();
    const std::size_t n = e.local.size();
    for (std::size_t at = Hash(e.key);; at = (at + 1) & (kSlots - 1)) {
      const Slot& slot = slots[at];
      // Each length class returns on its own: a shared verdict cost a
      // setcc and a test on every element.
      if (slot.key == e.key && slot.ns == e.ns) {
        if (n - kInlineFrom < kInlineTo - kInlineFrom) {
          if (SameInline(e.local, slot)) return slot.info;
        } else if (n < 8) {  // (the memo holds no name of 256 bytes)
          return slot.info;
        } else if (n < kInlineFrom) {
          uint64_t x;
          std::memcpy(&x, e.local.data() + n - 8, 8);
          if (x == slot.last8) return slot.info;
        } else if (SameLong(e.local, at)) {
          return slot.info;  // 40 bytes or more
        }
      }
      if (!slot.used) break;
    }
    return Insert(e, compute(e));
  }

 private:
  // Names of 16 to 39 bytes (most CII names) are compared with copies of
  // their bytes held in the slot, in two 16-byte compares whatever the
  // length: no pointer to follow, no loop, one exit. For those the key's
  // length byte is the length: the memo holds no name of 256 bytes or
  // more, whose length byte could be another name's.
  static constexpr std::size_t kInlineFrom = 16;
  static constexpr std::size_t kInlineTo = 40;
  // The 16 bytes after the key's that a name of `n` bytes (16 to 39) is
  // compared on besides its last 16: from byte 7, or for a name under 24
  // bytes, whose last 16 already reach byte 7, its first 16 again. (Kept
  // in the slot: worked out per element, the compiler did it before the
  // probe, for every name.)
  static uint8_t MiddleAt(std::size_t n) { return n < 24 ? 0 : 7; }
  // Out of line: its loads would otherwise also move before the probe.
  [[gnu::noinline]] bool SameLong(std::string_view a, std::size_t at) const {
    return rules::SameTail(a, names_[at]);
  }

  struct Slot;
  // `a` (16 to 39 bytes) is the name of `slot`, whose key it has.
  static bool SameInline(std::string_view a, const Slot& slot) {
#if CHORUS_CII_NAMES_SSE2
    const std::size_t n = a.size();
    auto same = [&a](std::size_t from, const uint8_t* copy) {
      return _mm_cmpeq_epi8(
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + from)),
          _mm_load_si128(reinterpret_cast<const __m128i*>(copy)));
    };
    __m128i eq = _mm_and_si128(same(n - 16, slot.tail),
                               same(slot.middle_at, slot.middle));
    return _mm_movemask_epi8(eq) == 0xFFFF;
#else
    return std::memcmp(a.data() + a.size() - 16, slot.tail, 16) == 0 &&
           std::memcmp(a.data() + slot.middle_at, slot.middle, 16) == 0;
#endif
  }

  static constexpr std::size_t kSlots = 1024;
  static constexpr int16_t kNoSuchNs = INT16_MIN;
  // One cache line: the probe reads nothing else for names under 40 bytes.
  struct alignas(64) Slot {
    alignas(16) uint8_t tail[16] = {};    // last 16 bytes (16 to 39 bytes)
    alignas(16) uint8_t middle[16] = {};  // 16 from MiddleAt(size)
    uint64_t key = 0;
    uint64_t last8 = 0;  // last 8 bytes (8 to 15 bytes)
    NameInfo info;
    int16_t ns = kNoSuchNs;
    bool used = false;
    uint8_t middle_at = 0;  // MiddleAt(size)
  };
  // By the key alone: the same local name in several namespaces is rare
  // (those probe one slot further), and the namespace cost three
  // instructions per element.
  static std::size_t Hash(uint64_t key) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >>
                                    54);  // 10 bits: kSlots
  }
  const NameInfo& Insert(const xml::ElementIndex::Entry& e, NameInfo info) {
    const std::size_t n = e.local.size();
    if (n >= 256) {  // not kept: its length byte is not its length
      spare_ = info;
      return spare_;
    }
    if (used_ * 2 >= kSlots) {
      slots_.assign(kSlots, Slot{});
      used_ = 0;
    }
    std::size_t at = Hash(e.key);
    while (slots_[at].used) at = (at + 1) & (kSlots - 1);
    Slot& slot = slots_[at];
    slot = Slot{};
    if (n >= kInlineFrom && n < kInlineTo) {
      std::memcpy(slot.tail, e.local.data() + n - 16, 16);
      slot.middle_at = MiddleAt(n);
      std::memcpy(slot.middle, e.local.data() + slot.middle_at, 16);
    } else if (n >= 8 && n < kInlineFrom) {
      std::memcpy(&slot.last8, e.local.data() + n - 8, 8);
    }
    names_[at].assign(e.local);
    slot.key = e.key;
    slot.info = info;
    slot.ns = e.ns;
    slot.used = true;
    ++used_;
    return slot.info;
  }
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  std::vector<std::string> names_ = std::vector<std::string>(kSlots);
  std::size_t used_ = 0;
  NameInfo spare_;  // the answer for a name too long to keep
};

}  // namespace chorus::rules::cii

#endif  // CHORUS_SRC_RULES_CII_SYNTAX_NAMES_H_
