// The CII syntax name memo (src/rules/cii_syntax_names.h): a name found
// again gets the NameInfo computed for that name, never for another one
// that shares its key (length and first seven bytes) or its last bytes.
#include "../src/rules/cii_syntax_names.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace chorus {
namespace {

using rules::cii::NameInfo;
using rules::cii::NameMemo;

xml::ElementIndex::Entry EntryOf(const std::string& local, int16_t ns) {
  xml::ElementIndex::Entry e;
  e.local = local;
  e.key = xml::NameKey(local);
  e.ns = ns;
  return e;
}

TEST(CiiSyntaxNames, EveryByteOfTheNameCounts) {
  // Names of 1 to 60 bytes, and for each one variant per byte position:
  // the variants share the key, the tail or both with their base.
  std::vector<std::string> names;
  for (std::size_t n = 1; n <= 60; ++n) {
    std::string base;
    for (std::size_t k = 0; k < n; ++k) base += static_cast<char>('a' + k % 26);
    names.push_back(base);
    for (std::size_t k = 0; k < n; ++k) {
      std::string variant = base;
      variant[k] = 'Z';
      names.push_back(variant);
    }
  }
  // The memo starts over when half full (512 entries): a fresh one per
  // chunk of 200 names in two namespaces, each looked up in two rounds.
  for (std::size_t from = 0; from < names.size(); from += 200) {
    NameMemo memo;
    std::vector<int> computed(names.size(), 0);
    std::size_t to = std::min(names.size(), from + 200);
    for (int round = 0; round < 2; ++round) {
      for (std::size_t k = from; k < to; ++k) {
        for (int16_t ns : {int16_t{2}, int16_t{3}}) {
          xml::ElementIndex::Entry e = EntryOf(names[k], ns);
          auto compute = [&](const xml::ElementIndex::Entry&) {
            ++computed[k];
            NameInfo info;
            info.trie_name = static_cast<uint16_t>(k);
            info.anchor_step = static_cast<uint8_t>(ns);
            return info;
          };
          const NameInfo& got = memo.Find(e, compute);
          EXPECT_EQ(got.trie_name, k) << names[k];
          EXPECT_EQ(got.anchor_step, ns) << names[k];
        }
      }
    }
    for (std::size_t k = from; k < to; ++k) {
      // Once per namespace: found again, not computed again.
      EXPECT_EQ(computed[k], 2) << names[k];
    }
  }
}

TEST(CiiSyntaxNames, NamesOf256BytesOrMoreAreNotTakenForShorterOnes) {
  // A key keeps the length modulo 256: a name of n + 256 bytes that begins
  // and ends as one of n bytes has its key, and the same compared bytes
  // (the last 16, 16 from byte 7) for n from 16 to 39. (Under 7 bytes
  // the keys differ: the longer name has more than the key's bytes.)
  for (std::size_t n : {std::size_t{7}, std::size_t{12}, std::size_t{20},
                        std::size_t{30}, std::size_t{39}, std::size_t{45}}) {
    std::string name;
    for (std::size_t k = 0; k < n; ++k) name += static_cast<char>('a' + k % 26);
    std::string longer =
        name.substr(0, 7) + std::string(256, 'x') + name.substr(7);
    ASSERT_EQ(xml::NameKey(name), xml::NameKey(longer));
    // Each order: the short name kept first, or the long one.
    for (bool long_first : {false, true}) {
      NameMemo memo;
      for (int round = 0; round < 2; ++round) {
        for (const std::string* local : {&name, &longer}) {
          if (long_first) local = local == &name ? &longer : &name;
          xml::ElementIndex::Entry e = EntryOf(*local, 2);
          auto compute = [&](const xml::ElementIndex::Entry& x) {
            NameInfo info;
            info.trie_name = static_cast<uint16_t>(x.local.size());
            return info;
          };
          EXPECT_EQ(memo.Find(e, compute).trie_name, local->size())
              << n << (long_first ? " long first" : "") << " round " << round;
        }
      }
    }
  }
}

}  // namespace
}  // namespace chorus
