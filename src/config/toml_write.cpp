// The TOML document model and its writer.
#include <cctype>
#include <cstdio>

#include "chorus/config/toml.h"

namespace chorus::config {
namespace {

bool IsBareKey(const std::string& key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-')
      return false;
  }
  return true;
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X",
                        static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string KeyText(const std::string& key) {
  return IsBareKey(key) ? key : Quote(key);
}

std::string TableName(const std::string& name) {
  // Table names chorus writes are dotted bare keys; quote any odd part.
  std::string out;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = name.find('.', start);
    out += KeyText(name.substr(start, dot - start));
    if (dot == std::string::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out;
}

}  // namespace

const TomlEntry* TomlTable::Find(const std::string& key) const {
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

void TomlTable::Set(const std::string& key, TomlValue value) {
  for (auto& e : entries) {
    if (e.key == key) {
      e.value = std::move(value);
      return;
    }
  }
  entries.push_back({key, std::move(value), 0});
}

TomlDocument::TomlDocument() { tables.push_back(TomlTable{}); }

const TomlTable* TomlDocument::Find(const std::string& name) const {
  for (const auto& t : tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

TomlTable& TomlDocument::GetOrAdd(const std::string& name) {
  for (auto& t : tables) {
    if (t.name == name) return t;
  }
  tables.push_back(TomlTable{name, {}, 0});
  return tables.back();
}

const char* TomlTypeName(const TomlValue& v) {
  switch (v.index()) {
    case 0:
      return "string";
    case 1:
      return "integer";
    default:
      return "boolean";
  }
}

std::string WriteToml(const TomlDocument& doc) {
  std::string out;
  for (const auto& table : doc.tables) {
    if (!table.name.empty()) {
      if (!out.empty()) out += '\n';
      out += "[" + TableName(table.name) + "]\n";
    }
    for (const auto& e : table.entries) {
      out += KeyText(e.key) + " = ";
      if (const auto* s = std::get_if<std::string>(&e.value)) {
        out += Quote(*s);
      } else if (const auto* i = std::get_if<std::int64_t>(&e.value)) {
        out += std::to_string(*i);
      } else {
        out += std::get<bool>(e.value) ? "true" : "false";
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace chorus::config
