// A JSON syntax tree that keeps what the invoice reader needs and
// nlohmann::json drops: each number's literal text (so "0.1" stays exactly
// 0.1), the line of each object, and duplicate keys.
#ifndef CHORUS_SRC_MODEL_JSON_TREE_H_
#define CHORUS_SRC_MODEL_JSON_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/util/result.h"

namespace chorus::json {

struct Member;

struct Node {
  enum class Type { kNull, kBoolean, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  std::string text;      // string value, or the number as written
  bool boolean = false;
  uint32_t line = 0;     // 1-based line where the value starts
  std::vector<Node> items;                             // array elements
  std::vector<Member> members;                          // in source order

  // First member named `key`, nullptr when absent.
  const Node* Find(std::string_view key) const;
};

// An object member. Not std::pair: a pair of an incomplete Node may not be
// instantiated inside Node (clang's libstdc++ checks rejects it).
struct Member {
  std::string first;  // key
  Node second;        // value
};

// "a string", "an object", ... for messages.
const char* TypeName(Node::Type type);

// Parses `text` into `root`. Returns false on a syntax error, which is then
// the one diagnostic added (location "line L, column C"). Duplicate keys do
// not stop parsing; each adds a diagnostic and the first occurrence wins.
bool ParseTree(std::string_view text, Node* root,
               std::vector<Diagnostic>* diags);

// `path` extended by an object key: "$.seller", or `$["odd key"]` for keys
// that are not plain identifiers.
std::string AppendKey(const std::string& path, std::string_view key);
// `path` extended by an array index: "$.lines[2]".
std::string AppendIndex(const std::string& path, size_t index);

// The diagnostic every JSON problem becomes.
Diagnostic JsonDiagnostic(std::string location, std::string message);

}  // namespace chorus::json

#endif  // CHORUS_SRC_MODEL_JSON_TREE_H_
