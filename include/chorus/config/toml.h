// The small TOML subset chorus's configuration file uses: comments, bare
// keys, `[table]` and `[dotted.table]` headers, and three value types —
// strings (basic "..." with escapes, literal '...'), integers and booleans.
// Arrays, inline tables, floats, dates and multi-line strings are refused
// with a message naming the line, never silently skipped: a setting that
// chorus does not understand must not be mistaken for one it ignored.
#ifndef CHORUS_CONFIG_TOML_H_
#define CHORUS_CONFIG_TOML_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "chorus/util/result.h"

namespace chorus::config {

using TomlValue = std::variant<std::string, std::int64_t, bool>;

struct TomlEntry {
  std::string key;
  TomlValue value;
  int line = 0;  // 1-based, 0 for entries built in memory
};

struct TomlTable {
  std::string name;  // "" for the root table, "env.sandbox" for [env.sandbox]
  std::vector<TomlEntry> entries;
  int line = 0;

  const TomlEntry* Find(const std::string& key) const;
  // Replaces the value of `key` or appends it.
  void Set(const std::string& key, TomlValue value);
};

struct TomlDocument {
  std::vector<TomlTable> tables;  // the root table first, always present

  TomlDocument();
  const TomlTable* Find(const std::string& name) const;
  TomlTable& GetOrAdd(const std::string& name);
};

// Parses `text`; errors (kUsage) read "<name>:<line>: <what is wrong>".
// Duplicate keys and duplicate tables are errors, as in TOML.
Result<TomlDocument> ParseToml(const std::string& text,
                               const std::string& name);

// Writes the document back; strings always as basic strings, escaped, so
// ParseToml(WriteToml(d)) == d for every value.
std::string WriteToml(const TomlDocument& doc);

// "string", "integer", "boolean".
const char* TomlTypeName(const TomlValue& v);

}  // namespace chorus::config

#endif  // CHORUS_CONFIG_TOML_H_
