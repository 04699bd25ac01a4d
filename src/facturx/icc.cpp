// The sRGB ICC profile of the PDF/A OutputIntent, made by lcms2 rather than
// shipped as a binary blob.
#include <lcms2.h>

#include <mutex>

#include "facturx/embed_internal.h"

namespace chorus::facturx::internal {

const std::string& SrgbIccProfile() {
  static const std::string profile = [] {
    std::string bytes;
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    if (srgb == nullptr) return bytes;
    cmsUInt32Number size = 0;
    if (cmsSaveProfileToMem(srgb, nullptr, &size) && size > 0) {
      bytes.resize(size);
      if (!cmsSaveProfileToMem(srgb, bytes.data(), &size)) bytes.clear();
    }
    cmsCloseProfile(srgb);
    return bytes;
  }();
  return profile;
}

}  // namespace chorus::facturx::internal
