// The parts of the HTTP seam that do not depend on libcurl.
#include "chorus/api/http.h"

#include <cctype>

namespace chorus::api {

const char* TransportFailureName(TransportFailure f) {
  switch (f) {
    case TransportFailure::kResolve:
      return "resolve";
    case TransportFailure::kConnect:
      return "connect";
    case TransportFailure::kTls:
      return "tls";
    case TransportFailure::kTimeout:
      return "timeout";
    case TransportFailure::kSentNoAnswer:
      return "sent-no-answer";
    case TransportFailure::kOther:
      return "other";
  }
  return "other";
}

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// RFC 3986 unreserved characters stay; everything else is %XX, and a space
// is %20 rather than '+', which every form parser reads the same way.
void AppendFormComponent(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0F]);
    }
  }
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

std::string FormEncode(const Headers& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out.push_back('&');
    AppendFormComponent(out, key);
    out.push_back('=');
    AppendFormComponent(out, value);
  }
  return out;
}

}  // namespace chorus::api
