// ParseToml: a line-oriented reader of the subset described in toml.h.
#include <cctype>
#include <charconv>
#include <set>
#include <string_view>

#include "chorus/config/toml.h"

namespace chorus::config {
namespace {

bool IsBareKeyChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads one line of the document; `pos` walks it. Every failure is a
// message without the location, which Parse adds.
class LineReader {
 public:
  explicit LineReader(std::string_view line) : s_(line) {}

  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ >= s_.size() || s_[pos_] == '#';
  }
  bool Consume(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

  Result<std::string> Key() {
    SkipSpace();
    if (Peek() == '"' || Peek() == '\'') return String();
    std::size_t start = pos_;
    while (pos_ < s_.size() && IsBareKeyChar(s_[pos_])) ++pos_;
    if (pos_ == start) {
      return MakeError(Error::Kind::kUsage,
                       "expected a key (letters, digits, '_' or '-')");
    }
    return std::string(s_.substr(start, pos_ - start));
  }

  Result<TomlValue> Value() {
    SkipSpace();
    char c = Peek();
    if (c == '"' || c == '\'') {
      auto s = String();
      if (!s) return s.take_error();
      return TomlValue(std::move(*s));
    }
    std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ' ' && s_[pos_] != '\t' &&
           s_[pos_] != '#')
      ++pos_;
    std::string_view word = s_.substr(start, pos_ - start);
    if (word == "true") return TomlValue(true);
    if (word == "false") return TomlValue(false);
    if (word.empty()) return MakeError(Error::Kind::kUsage, "missing value");
    if (c == '[' || c == '{') {
      return MakeError(Error::Kind::kUsage,
                       "arrays and inline tables are not supported here");
    }
    return Integer(word);
  }

 private:
  static Result<TomlValue> Integer(std::string_view word) {
    std::string digits;
    bool last_digit = false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      char ch = word[i];
      if (i == 0 && (ch == '+' || ch == '-')) {
        digits += ch;
      } else if (std::isdigit(static_cast<unsigned char>(ch))) {
        digits += ch;
        last_digit = true;
        continue;
      } else if (ch == '_' && last_digit && i + 1 < word.size()) {
        // TOML allows 1_000; an underscore must sit between digits.
      } else {
        // The value itself is not quoted back: it may be a secret
        // written without quotes.
        return MakeError(Error::Kind::kUsage,
                         "the value is not a string, integer or boolean "
                         "(strings need quotes)");
      }
      last_digit = false;
    }
    std::int64_t v = 0;
    const char* b = digits.data() + (digits[0] == '+' ? 1 : 0);
    auto [end, ec] = std::from_chars(b, digits.data() + digits.size(), v);
    if (ec == std::errc::result_out_of_range) {
      return MakeError(Error::Kind::kUsage, "the integer is out of range");
    }
    if (ec != std::errc() || end != digits.data() + digits.size()) {
      return MakeError(Error::Kind::kUsage, "the value is not a valid integer");
    }
    return TomlValue(v);
  }

  Result<std::string> String() {
    char quote = s_[pos_++];
    if (s_.substr(pos_, 2) == std::string(2, quote)) {
      return MakeError(Error::Kind::kUsage,
                       "multi-line strings are not supported here");
    }
    std::string out;
    while (pos_ < s_.size()) {
      char ch = s_[pos_++];
      if (ch == quote) return out;
      if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') {
        return MakeError(Error::Kind::kUsage,
                         "control character inside a string");
      }
      if (ch != '\\' || quote == '\'') {
        out += ch;
        continue;
      }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case 'b':
          out += '\b';
          break;
        case 't':
          out += '\t';
          break;
        case 'n':
          out += '\n';
          break;
        case 'f':
          out += '\f';
          break;
        case 'r':
          out += '\r';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case 'u':
        case 'U': {
          std::size_t n = e == 'u' ? 4 : 8;
          std::uint32_t cp = 0;
          auto hex = s_.substr(pos_, n);
          auto [end, ec] =
              std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
          if (hex.size() != n || ec != std::errc() ||
              end != hex.data() + hex.size() || cp > 0x10FFFF ||
              (cp >= 0xD800 && cp <= 0xDFFF)) {
            return MakeError(Error::Kind::kUsage,
                             "bad \\" + std::string(1, e) + " escape");
          }
          pos_ += n;
          AppendUtf8(out, cp);
          break;
        }
        default:
          return MakeError(Error::Kind::kUsage,
                           "unknown escape \\" + std::string(1, e));
      }
    }
    return MakeError(Error::Kind::kUsage, "unterminated string");
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

Result<std::string> TableHeader(LineReader& r) {
  if (r.Consume('[')) {
    return MakeError(Error::Kind::kUsage,
                     "arrays of tables ([[...]]) are not supported here");
  }
  std::string name;
  for (;;) {
    auto part = r.Key();
    if (!part) return part.take_error();
    name += *part;
    if (r.Consume(']')) break;
    if (!r.Consume('.')) {
      return MakeError(Error::Kind::kUsage,
                       "expected '.' or ']' in the table header");
    }
    name += '.';
  }
  if (!r.AtEnd()) {
    return MakeError(Error::Kind::kUsage,
                     "unexpected text after the table header");
  }
  return name;
}

}  // namespace

Result<TomlDocument> ParseToml(const std::string& text,
                               const std::string& name) {
  TomlDocument doc;
  std::set<std::string> seen_tables{""};
  TomlTable* current = &doc.tables.front();
  int line_no = 0;
  std::size_t start = 0;
  auto fail = [&](const Error& e) {
    return MakeError(Error::Kind::kUsage,
                     name + ":" + std::to_string(line_no) + ": " + e.message);
  };
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + start, nl - start);
    start = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    LineReader r(line);
    if (r.AtEnd()) {
      if (nl == text.size()) break;
      continue;
    }
    if (r.Consume('[')) {
      auto table = TableHeader(r);
      if (!table) return fail(table.error());
      if (!seen_tables.insert(*table).second) {
        return fail(Error{
            Error::Kind::kUsage, "table [" + *table + "] defined twice", {}});
      }
      current = &doc.GetOrAdd(*table);
      current->line = line_no;
    } else {
      auto key = r.Key();
      if (!key) return fail(key.error());
      if (r.Peek() == '.') {
        return fail(Error{Error::Kind::kUsage,
                          "dotted keys are not supported here; use a [table]",
                          {}});
      }
      if (!r.Consume('=')) {
        return fail(
            Error{Error::Kind::kUsage, "expected '=' after " + *key, {}});
      }
      auto value = r.Value();
      if (!value) return fail(value.error());
      if (!r.AtEnd()) {
        return fail(Error{Error::Kind::kUsage,
                          "unexpected text after the value of " + *key,
                          {}});
      }
      if (current->Find(*key)) {
        return fail(
            Error{Error::Kind::kUsage, "key " + *key + " set twice", {}});
      }
      current->entries.push_back({*key, std::move(*value), line_no});
    }
    if (nl == text.size()) break;
  }
  return doc;
}

}  // namespace chorus::config
