// VisitPicked with several picks per loop turn (the code-list walks pass
// more than one) visits exactly what the one-per-turn walk visits, in the
// same order: on sizes around the turn and the chunk (256) and with picks
// dense, sparse, at either end and none.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "../src/rules/doc_index.h"

namespace chorus::rules {
namespace {

template <int32_t kPerTurn>
std::vector<int32_t> Visited(const std::vector<uint8_t>& picks) {
  std::vector<int32_t> out;
  VisitPicked<kPerTurn>(
      static_cast<int32_t>(picks.size()),
      [&](int32_t n) {
        return static_cast<int>(picks[static_cast<size_t>(n)]);
      },
      [&](int32_t n) { out.push_back(n); });
  return out;
}

// The reference: every picked index, in order.
std::vector<int32_t> Expected(const std::vector<uint8_t>& picks) {
  std::vector<int32_t> out;
  for (size_t n = 0; n < picks.size(); ++n) {
    if (picks[n] != 0) out.push_back(static_cast<int32_t>(n));
  }
  return out;
}

void ExpectAllAgree(const std::vector<uint8_t>& picks) {
  const std::vector<int32_t> expected = Expected(picks);
  EXPECT_EQ(Visited<1>(picks), expected) << picks.size();
  EXPECT_EQ(Visited<4>(picks), expected) << picks.size();
  EXPECT_EQ(Visited<8>(picks), expected) << picks.size();
  EXPECT_EQ(Visited<16>(picks), expected) << picks.size();
}

TEST(VisitPickedTest, PerTurnAnswersAsOneAtATime) {
  std::mt19937 rng(20261127);
  const int32_t sizes[] = {0,   1,   2,   3,   4,   5,   7,   8,
                           9,   15,  16,  17,  31,  33,  255, 256,
                           257, 271, 511, 512, 513, 600, 769, 1000};
  for (int32_t size : sizes) {
    const size_t n = static_cast<size_t>(size);
    ExpectAllAgree(std::vector<uint8_t>(n, 0));
    ExpectAllAgree(std::vector<uint8_t>(n, 1));
    std::vector<uint8_t> ends(n, 0);
    if (n > 0) ends.front() = ends.back() = 1;
    ExpectAllAgree(ends);
    for (int density : {2, 10, 50}) {
      std::vector<uint8_t> picks(n);
      for (uint8_t& p : picks) p = rng() % 100 < static_cast<unsigned>(density);
      ExpectAllAgree(picks);
    }
  }
}

}  // namespace
}  // namespace chorus::rules
