// Base64 (RFC 4648, standard alphabet, padded) for the platform APIs, which
// carry files as base64 text inside JSON.
#ifndef CHORUS_API_BASE64_H_
#define CHORUS_API_BASE64_H_

#include <optional>
#include <string>
#include <string_view>

namespace chorus::api {

// One line, no line breaks.
std::string Base64Encode(std::string_view bytes);

// Decoded bytes, or nullopt when `text` is not base64. ASCII whitespace
// (line breaks of MIME-style encoders) is ignored.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace chorus::api

#endif  // CHORUS_API_BASE64_H_
