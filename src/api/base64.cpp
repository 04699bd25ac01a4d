#include "chorus/api/base64.h"

#include <openssl/evp.h>

#include <cctype>

namespace chorus::api {

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  if (bytes.empty()) return out;
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) compact.push_back(c);
  }
  if (compact.size() % 4 != 0) return std::nullopt;
  if (compact.empty()) return std::string();
  // EVP_DecodeBlock accepts '=' anywhere and counts padding as zero bytes;
  // only a trailing "=" or "==" is base64.
  std::size_t pad = 0;
  while (pad < 2 && compact[compact.size() - 1 - pad] == '=') ++pad;
  if (compact.find('=') < compact.size() - pad) return std::nullopt;
  std::string out(compact.size() / 4 * 3, '\0');
  int n =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(compact.data()),
                      static_cast<int>(compact.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

}  // namespace chorus::api
