// Compile-time lists of the children a UBL container is read for (Wants),
// with the perfect hash that files a container's children in one pass.
#ifndef CHORUS_FORMAT_UBL_WANTS_H_
#define CHORUS_FORMAT_UBL_WANTS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "format/long_name.h"
#include "format/xml_ns.h"

namespace chorus::ubl {

// A child element a container is read for.
struct Want {
  int ns;
  std::string_view local;
};

// The children a kind of container is read for. A multiplicative hash,
// found at compile time, sends the key of each to its own bucket, so that
// one pass over a container's children files every wanted one in its slot
// (a lookup per name would scan the children again each time).
template <std::size_t N>
class Wants {
 public:
  static constexpr std::size_t kSize = N;

  consteval Wants(const Want (&list)[N]) {  // NOLINT: braced lists
    for (std::size_t i = 0; i < N; ++i) {
      texts_[i] = list[i].local;
      ns_[i] = static_cast<int16_t>(list[i].ns);
      keys_[i] = xml::NameKey(list[i].local);
      same_key_[i] = -1;
      for (std::size_t j = 0; j < i; ++j) {
        if (ns_[j] == ns_[i] && texts_[j] == texts_[i]) {
          throw "a name wanted twice";
        }
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (keys_[j] != keys_[i]) continue;
        // Long names may share a key: chain them from the first.
        std::size_t k = j;
        while (same_key_[k] >= 0) k = static_cast<std::size_t>(same_key_[k]);
        if (k != i) same_key_[k] = static_cast<int8_t>(i);
        break;
      }
    }
    for (int bits = 4; bits <= 8; ++bits) {
      if ((std::size_t{1} << bits) < 2 * N) continue;
      uint64_t m = 0x9E3779B97F4A7C15ull;
      for (int tries = 0; tries < 4000; ++tries) {
        if (TryHash(m, bits)) return;
        m = m * 6364136223846793005ull + 1442695040888963407ull;
        m |= 1;
      }
    }
    throw "no perfect hash found";
  }

  // Slot of (ns, local); not a constant expression when not wanted, so a
  // lookup of a name the list lacks does not compile.
  consteval int SlotOf(int ns, std::string_view local) const {
    for (std::size_t i = 0; i < N; ++i) {
      if (ns_[i] == ns && texts_[i] == local) return static_cast<int>(i);
    }
    throw "not a wanted child: add it to the container's Wants";
  }

  // The first slot whose name has this key; -1 when none has.
  int Candidate(uint64_t key) const {
    int w = bucket_[static_cast<std::size_t>((key * mult_) >> shift_)];
    return w >= 0 && keys_[static_cast<std::size_t>(w)] == key ? w : -1;
  }
  // Whether no other wanted name shares the key of Candidate `w`.
  bool KeyIsUnique(int w) const {
    return same_key_[static_cast<std::size_t>(w)] < 0;
  }
  // The slot a child with this key, namespace and local name fills, from
  // its Candidate `w`; -1 when it is not wanted.
  int Match(int w, uint64_t key, int ns, std::string_view local) const {
    do {
      if (Is(w, key, ns, local)) return w;
      w = same_key_[static_cast<std::size_t>(w)];
    } while (w >= 0);
    return -1;
  }
  // Whether a child is the name of `slot`, as ElementIndex::FindFrom
  // compares names: the key holds the length and the first seven bytes,
  // longer names are compared whole.
  bool Is(int slot, uint64_t key, int ns, std::string_view local) const {
    auto i = static_cast<std::size_t>(slot);
    // One test for key and namespace rather than one each (integer '|' on
    // purpose: '||' would branch twice).
    if ((static_cast<int>(key != keys_[i]) | static_cast<int>(ns != ns_[i])) !=
        0) {
      return false;
    }
    return texts_[i].size() < 8 || (local.size() == texts_[i].size() &&
                                    xml::SameLongText(local, texts_[i]));
  }
  bool Is(int slot, const xml::ElementIndex::Entry& e) const {
    return Is(slot, e.key, e.ns, e.local);
  }
  // Is, for a child whose key Candidate already matched to `slot`.
  bool IsCandidate(int slot, const xml::ElementIndex::Entry& e) const {
    auto i = static_cast<std::size_t>(slot);
    if (e.ns != ns_[i]) return false;
    return texts_[i].size() < 8 || (e.local.size() == texts_[i].size() &&
                                    xml::SameLongText(e.local, texts_[i]));
  }

 private:
  consteval bool TryHash(uint64_t m, int bits) {
    for (int8_t& b : bucket_) b = -1;
    int shift = 64 - bits;
    for (std::size_t i = 0; i < N; ++i) {
      auto h = static_cast<std::size_t>((keys_[i] * m) >> shift);
      if (bucket_[h] >= 0) {
        if (keys_[static_cast<std::size_t>(bucket_[h])] == keys_[i]) continue;
        return false;
      }
      bucket_[h] = static_cast<int8_t>(i);
    }
    mult_ = m;
    shift_ = shift;
    return true;
  }

  std::array<std::string_view, N> texts_ = {};
  std::array<uint64_t, N> keys_ = {};
  std::array<int16_t, N> ns_ = {};
  std::array<int8_t, N> same_key_ = {};  // next wanted name with this key
  uint64_t mult_ = 0;
  int shift_ = 63;
  std::array<int8_t, 256> bucket_ = {};  // 1 << bits used
};

// A wanted child's name, turned into its slot at compile time.
template <const auto& W, int Ns>
struct SlotName {
  template <std::size_t L>
  consteval SlotName(const char (&local)[L])  // NOLINT: implicit on purpose
      : slot(W.SlotOf(Ns, std::string_view(local, L - 1))) {}
  int slot;
};

}  // namespace chorus::ubl

#endif  // CHORUS_FORMAT_UBL_WANTS_H_
