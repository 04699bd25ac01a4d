#include "format/leaf_text.h"

#include <cstdint>
#include <string>

namespace chorus::xml {
namespace {

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A stretch of a leaf's content that becomes a node: [begin, end) of the
// source, CDATA or text.
struct Segment {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool cdata = false;
};

// Appends `ch` as UTF-8, as pugixml's utf8_writer does (any value: four
// bytes above 0xFFFF).
void AppendUtf8(uint32_t ch, std::string& out) {
  if (ch < 0x80) {
    out += static_cast<char>(ch);
  } else if (ch < 0x800) {
    out += static_cast<char>(0xC0 | (ch >> 6));
    out += static_cast<char>(0x80 | (ch & 0x3F));
  } else if (ch < 0x10000) {
    out += static_cast<char>(0xE0 | (ch >> 12));
    out += static_cast<char>(0x80 | ((ch >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (ch & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (ch >> 18));
    out += static_cast<char>(0x80 | ((ch >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((ch >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (ch & 0x3F));
  }
}

// A character reference "&#...;" or "&#x...;" at s[0]: its end, with the
// code point appended to `out`; npos (nothing appended) when malformed,
// which pugixml leaves as written.
std::size_t CharReference(std::string_view s, std::string& out) {
  bool hex = s.size() > 2 && s[2] == 'x';
  std::size_t k = hex ? 3 : 2;
  if (k < s.size() && s[k] == ';') return std::string_view::npos;
  uint32_t code = 0;
  for (; k < s.size() && s[k] != ';'; ++k) {
    char c = s[k];
    auto lower = static_cast<char>(c | ' ');
    if (c >= '0' && c <= '9') {
      code = code * (hex ? 16 : 10) + static_cast<uint32_t>(c - '0');
    } else if (hex && lower >= 'a' && lower <= 'f') {
      code = code * 16 + static_cast<uint32_t>(lower - 'a' + 10);
    } else {
      return std::string_view::npos;
    }
  }
  if (k >= s.size()) return std::string_view::npos;
  AppendUtf8(code, out);
  return k + 1;
}

// The character data of a text segment as pugixml decodes it
// (parse_escapes, parse_eol).
std::string DecodeText(std::string_view s) {
  static constexpr std::string_view kNamed[][2] = {
      {"&amp;", "&"}, {"&apos;", "'"},  {"&gt;", ">"},
      {"&lt;", "<"},  {"&quot;", "\""},
  };
  std::string out;
  for (std::size_t k = 0; k < s.size();) {
    char c = s[k];
    if (c == '\r') {
      out += '\n';
      k += k + 1 < s.size() && s[k + 1] == '\n' ? 2 : 1;
      continue;
    }
    if (c != '&') {
      out += c;
      ++k;
      continue;
    }
    std::string_view rest = s.substr(k);
    if (rest.size() > 1 && rest[1] == '#') {
      std::size_t end = CharReference(rest, out);
      if (end != std::string_view::npos) {
        k += end;
        continue;
      }
    } else {
      bool named = false;
      for (const auto& [entity, value] : kNamed) {
        if (rest.starts_with(entity)) {
          out += value;
          k += entity.size();
          named = true;
          break;
        }
      }
      if (named) continue;
    }
    out += c;  // an unknown or malformed reference stays as written
    ++k;
  }
  return out;
}

// CDATA keeps its characters; only line ends are normalized.
std::string DecodeCdata(std::string_view s) {
  std::string out;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s[k] != '\r') {
      out += s[k];
    } else {
      out += '\n';
      if (k + 1 < s.size() && s[k + 1] == '\n') ++k;
    }
  }
  return out;
}

// The nodes of the content starting at `at` (after the start tag), up to
// the end tag. False when the content holds something a leaf cannot.
bool Scan(std::string_view src, std::size_t at, std::vector<Segment>& out) {
  auto skip_past = [&](std::string_view end, std::size_t from) {
    std::size_t e = src.find(end, from);
    return e == std::string_view::npos ? src.size() : e + end.size();
  };
  while (at < src.size()) {
    std::string_view rest = src.substr(at);
    if (rest.starts_with("</")) return true;
    if (rest.starts_with("<!--")) {
      at = skip_past("-->", at + 4);
    } else if (rest.starts_with("<![CDATA[")) {
      std::size_t end = src.find("]]>", at + 9);
      if (end == std::string_view::npos) return false;
      out.push_back(Segment{at + 9, end, true});
      at = end + 3;
    } else if (rest.starts_with("<?")) {
      at = skip_past("?>", at + 2);
    } else if (rest[0] == '<') {
      return false;
    } else {
      std::size_t end = src.find('<', at);
      if (end == std::string_view::npos) end = src.size();
      bool blank = true;
      for (std::size_t k = at; k < end && blank; ++k)
        blank = IsXmlSpace(src[k]);
      // pugixml drops text made of whitespace only.
      if (!blank) out.push_back(Segment{at, end, false});
      at = end;
    }
  }
  return false;
}

// Just past the '>' of the start tag whose name is at `at` (quoted
// attribute values may hold '>').
std::size_t AfterStartTag(std::string_view src, std::size_t at) {
  while (at < src.size() && src[at] != '>') {
    char c = src[at];
    if (c == '"' || c == '\'') {
      std::size_t close = src.find(c, at + 1);
      if (close == std::string_view::npos) return src.size();
      at = close;
    }
    ++at;
  }
  return at < src.size() ? at + 1 : src.size();
}

}  // namespace

std::vector<LeafTextNode> LeafTextNodes(std::string_view source,
                                        std::size_t name_offset,
                                        std::string_view raw) {
  std::size_t start = AfterStartTag(source, name_offset);
  std::vector<Segment> segments;
  bool scanned = Scan(source, start, segments);
  if (scanned && segments.size() == 1) {
    return {LeafTextNode{segments[0].begin, raw}};
  }
  std::vector<LeafTextNode> nodes;
  if (scanned && !segments.empty()) {
    std::size_t used = 0;
    for (const Segment& s : segments) {
      std::string_view text = source.substr(s.begin, s.end - s.begin);
      std::string decoded = s.cdata ? DecodeCdata(text) : DecodeText(text);
      std::string_view piece = raw.substr(used, decoded.size());
      if (piece != decoded) break;
      nodes.push_back(LeafTextNode{s.begin, piece});
      used += decoded.size();
    }
    if (nodes.size() == segments.size() && used == raw.size()) return nodes;
  }
  std::size_t first = segments.empty() ? start : segments[0].begin;
  return {LeafTextNode{first, raw}};
}

}  // namespace chorus::xml
