// What the CII syntax dispatch needs to know of an element's name alone,
// kept per name: the same few hundred names recur in every document, so one
// lookup whose branches go the same way each time (found, same name)
// replaces the name tests of every context alternative, whose outcomes
// depend on the document. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_CII_SYNTAX_NAMES_H_
#define CHORUS_SRC_RULES_CII_SYNTAX_NAMES_H_

#include <cstddef>
#include <cstdint>
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
    for (std::size_t at = Hash(e.key);; at = (at + 1) & (kSlots - 1)) {
      const Slot& slot = slots_[at];
      if (slot.key == e.key && slot.ns == e.ns &&
          SameLongTail(e.local, slot.name)) {
        return slot.info;
      }
      if (!slot.used) break;
    }
    return Insert(e, compute(e));
  }

 private:
  // SameTail(a, b), by 16 bytes for names of 16 bytes or more (most CII
  // names): the last 16, then from byte 7 as many as are left, one exit
  // whatever the name. SameTail's word loop, which the compiler unrolls by
  // two, ran about 35 instructions on a name of 24 to 31 bytes.
  static bool SameLongTail(std::string_view a, std::string_view b) {
#if CHORUS_CII_NAMES_SSE2
    const std::size_t n = a.size();
    if (n < 16 || n != b.size()) return SameTail(a, b);
    auto same = [&a, &b](std::size_t at) {
      return _mm_cmpeq_epi8(
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + at)),
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + at)));
    };
    __m128i eq = same(n - 16);
    for (std::size_t at = 7; at + 16 < n; at += 16) {
      eq = _mm_and_si128(eq, same(at));
    }
    return _mm_movemask_epi8(eq) == 0xFFFF;
#else
    return SameTail(a, b);
#endif
  }

  static constexpr std::size_t kSlots = 1024;
  static constexpr int16_t kNoSuchNs = INT16_MIN;
  struct Slot {
    uint64_t key = 0;
    std::string name;
    NameInfo info;
    int16_t ns = kNoSuchNs;
    bool used = false;
  };
  // By the key alone: the same local name in several namespaces is rare
  // (those probe one slot further), and the namespace cost three
  // instructions per element.
  static std::size_t Hash(uint64_t key) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >>
                                    54);  // 10 bits: kSlots
  }
  const NameInfo& Insert(const xml::ElementIndex::Entry& e, NameInfo info) {
    if (used_ * 2 >= kSlots) {
      slots_.assign(kSlots, Slot{});
      used_ = 0;
    }
    std::size_t at = Hash(e.key);
    while (slots_[at].used) at = (at + 1) & (kSlots - 1);
    Slot& slot = slots_[at];
    slot.key = e.key;
    slot.name.assign(e.local);
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
