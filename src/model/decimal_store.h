// Writing a result into a Decimal's fields, shared by the arithmetic
// (decimal.cpp) and the parser (decimal_parse.cpp). Internal to src/model.
#ifndef CHORUS_SRC_MODEL_DECIMAL_STORE_H_
#define CHORUS_SRC_MODEL_DECIMAL_STORE_H_

#include <array>
#include <cstdint>

#include "chorus/model/decimal.h"
#include "model/decimal_wide.h"

namespace chorus::decimal_internal {

using Limbs = std::array<uint32_t, Decimal::kLimbs>;

// Writes the result into a Decimal's fields, dropping fraction trailing zeros
// only when needed to fit; flags overflow when even that is not enough.
void Store(Wide w, Limbs& limbs, uint8_t& used, int16_t& scale, bool& neg,
           bool& ovf);

// A value below 2^64 at `scale`: one or two limbs, without Wide.
[[gnu::always_inline]] inline void StoreSmall(uint64_t v, int scale,
                                              bool negative, Limbs& limbs,
                                              uint8_t& used, int16_t& out_scale,
                                              bool& neg, bool& ovf) {
  limbs.fill(0);
  int n = 0;
  if (v < kBase) {
    // One limb (values below 10^9: most amounts), no division.
    limbs[0] = static_cast<uint32_t>(v);
    n = v > 0 ? 1 : 0;
  } else {
    while (v > 0) {
      limbs[n++] = static_cast<uint32_t>(v % kBase);
      v /= kBase;
    }
  }
  used = static_cast<uint8_t>(n);
  out_scale = static_cast<int16_t>(scale);
  neg = negative && n > 0;
  ovf = false;
}

}  // namespace chorus::decimal_internal

#endif  // CHORUS_SRC_MODEL_DECIMAL_STORE_H_
