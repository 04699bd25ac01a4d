// Pieces of the embedding step that live in their own files.
#ifndef CHORUS_SRC_FACTURX_EMBED_INTERNAL_H_
#define CHORUS_SRC_FACTURX_EMBED_INTERNAL_H_

#include <string>

namespace chorus::facturx::internal {

// An sRGB v2 ICC profile (3 components), built once per process. Empty only
// if lcms2 failed.
const std::string& SrgbIccProfile();

// "chorus <version>", for /Producer and pdf:Producer.
std::string ProducerName();

}  // namespace chorus::facturx::internal

#endif  // CHORUS_SRC_FACTURX_EMBED_INTERNAL_H_
