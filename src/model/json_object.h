// The reader's view of JSON objects: type-checked getters that read members
// into the model and collect a diagnostic, with the member's JSON path, for
// every problem instead of stopping at the first.
#ifndef CHORUS_SRC_MODEL_JSON_OBJECT_H_
#define CHORUS_SRC_MODEL_JSON_OBJECT_H_

#include <algorithm>
#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/model/invoice.h"
#include "chorus/util/result.h"
#include "model/json_keys.h"
#include "model/json_tree.h"

namespace chorus::json {

using Type = Node::Type;

inline std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

class Reader {
 public:
  void Problem(std::string location, std::string message) {
    diags_.push_back(
        JsonDiagnostic(std::move(location), std::move(message)));
  }
  std::vector<Diagnostic>& diags() { return diags_; }

  std::optional<std::string> String(const Node& n, const std::string& path) {
    if (n.type == Type::kString) return n.text;
    Problem(path, std::string("expected a string, got ") + TypeName(n.type));
    return std::nullopt;
  }

  std::optional<bool> Boolean(const Node& n, const std::string& path) {
    if (n.type == Type::kBoolean) return n.boolean;
    Problem(path, std::string("expected true or false, got ") +
                      TypeName(n.type));
    return std::nullopt;
  }

  std::optional<Decimal> Number(const Node& n, const std::string& path,
                                KeyType type) {
    const char* noun = type == KeyType::kQuantity     ? "quantity"
                       : type == KeyType::kPercentage ? "percentage"
                                                      : "amount";
    if (n.type != Type::kString && n.type != Type::kNumber) {
      Problem(path, std::string("expected a decimal ") + noun +
                        " (a string such as \"12.50\" or a number), got " +
                        TypeName(n.type));
      return std::nullopt;
    }
    std::optional<Decimal> d = n.type == Type::kNumber
                                   ? Decimal::ParseWithExponent(n.text)
                                   : Decimal::Parse(n.text);
    if (d) return d;
    const std::string shown = n.type == Type::kString ? Quoted(n.text) : n.text;
    std::string message = shown + " is not a decimal " + noun;
    std::string dotted = n.text;
    for (char& c : dotted) {
      if (c == ',') c = '.';
    }
    if (n.type == Type::kString && dotted != n.text && Decimal::Parse(dotted)) {
      message += " (use a dot as decimal separator: " + Quoted(dotted) + ")";
    } else if (n.type == Type::kNumber) {
      message += " (out of range)";
    }
    Problem(path, std::move(message));
    return std::nullopt;
  }

  std::optional<Date> Day(const Node& n, const std::string& path) {
    if (n.type != Type::kString) {
      Problem(path, std::string("expected a date string (YYYY-MM-DD), got ") +
                        TypeName(n.type));
      return std::nullopt;
    }
    std::optional<Date> d = Date::ParseIso(n.text);
    if (!d) Problem(path, Quoted(n.text) + " is not a valid date (YYYY-MM-DD)");
    return d;
  }

  bool IsObject(const Node& n, const std::string& path) {
    if (n.type == Type::kObject) return true;
    Problem(path, std::string("expected an object, got ") + TypeName(n.type));
    return false;
  }

  std::optional<Identifier> Id(const Node& n, const std::string& path);

 private:
  std::vector<Diagnostic> diags_;
};

// One JSON object checked against its allowed keys; typed getters read the
// members into the model and report problems at the member's path.
class Obj {
 public:
  using Schemas = std::vector<std::string_view>;

  // Keys from the table rows under each of `schemas` (usually one).
  Obj(Reader* r, const Node& node, std::string path, const Schemas& schemas)
      : r_(r), node_(node), path_(std::move(path)) {
    for (std::string_view schema : schemas) {
      for (const KeyInfo* k : ChildKeys(schema)) {
        const std::string_view name =
            k->path.substr(schema.empty() ? 0 : schema.size() + 1);
        rows_.emplace_back(name, k);
        allowed_.push_back(name);
        if (k->required) required_.push_back(name);
      }
    }
    Check();
  }
  // Keys given explicitly (identifier objects, which the table does not
  // list per use).
  Obj(Reader* r, const Node& node, std::string path,
      std::vector<std::string_view> allowed,
      std::vector<std::string_view> required)
      : r_(r), node_(node), path_(std::move(path)),
        allowed_(std::move(allowed)), required_(std::move(required)) {
    Check();
  }

  Reader* reader() const { return r_; }
  const std::string& path() const { return path_; }
  uint32_t line() const { return node_.line; }
  std::string PathOf(std::string_view key) const {
    return AppendKey(path_, key);
  }
  // The member, or nullptr when absent or null (null means "not given").
  const Node* Get(std::string_view key) const {
    assert(IsAllowed(key));
    const Node* n = node_.Find(key);
    return n != nullptr && n->type != Type::kNull ? n : nullptr;
  }
  bool Has(std::string_view key) const { return Get(key) != nullptr; }

  void Str(std::string_view key, std::string* out) {
    if (const Node* n = Get(key)) {
      if (auto s = r_->String(*n, PathOf(key))) *out = std::move(*s);
    }
  }
  void Txt(std::string_view key, Text* out) {
    if (const Node* n = Get(key)) *out = r_->String(*n, PathOf(key));
  }
  void Amt(std::string_view key, Amount* out) {
    if (const Node* n = Get(key)) {
      *out = r_->Number(*n, PathOf(key), TypeOf(key));
    }
  }
  void Day(std::string_view key, std::optional<Date>* out) {
    if (const Node* n = Get(key)) *out = r_->Day(*n, PathOf(key));
  }
  void Id(std::string_view key, OptId* out) {
    if (const Node* n = Get(key)) *out = r_->Id(*n, PathOf(key));
  }
  void Ids(std::string_view key, std::vector<Identifier>* out) {
    Each(key, [&](const Node& n, const std::string& path) {
      if (auto id = r_->Id(n, path)) out->push_back(std::move(*id));
    });
  }

  // fn(element, path) for each element of the array at `key`.
  template <typename Fn>
  void Each(std::string_view key, Fn&& fn) {
    const Node* n = Get(key);
    if (n == nullptr) return;
    if (n->type != Type::kArray) {
      r_->Problem(PathOf(key),
                  std::string("expected an array, got ") + TypeName(n->type));
      return;
    }
    for (size_t i = 0; i < n->items.size(); ++i) {
      fn(n->items[i], AppendIndex(PathOf(key), i));
    }
  }
  // fn(Obj&) for each element of the array at `key`, which must be objects.
  template <typename Fn>
  void EachObject(std::string_view key, const Schemas& schemas, Fn&& fn) {
    Each(key, [&](const Node& n, const std::string& path) {
      if (!r_->IsObject(n, path)) return;
      Obj element(r_, n, path, schemas);
      fn(element);
    });
  }
  // fn(Obj&) with the object at `key`; false when absent or not an object.
  template <typename Fn>
  bool Child(std::string_view key, std::string_view schema, Fn&& fn) {
    const Node* n = Get(key);
    if (n == nullptr || !r_->IsObject(*n, PathOf(key))) return false;
    Obj child(r_, *n, PathOf(key), Schemas{schema});
    fn(child);
    return true;
  }

 private:
  bool IsAllowed(std::string_view key) const {
    return std::find(allowed_.begin(), allowed_.end(), key) != allowed_.end();
  }
  KeyType TypeOf(std::string_view key) const {
    for (const auto& [name, info] : rows_) {
      if (name == key) return info->type;
    }
    return KeyType::kAmount;
  }
  void Check() {
    for (const auto& member : node_.members) {
      const std::string& key = member.first;
      if (IsAllowed(key)) continue;
      std::string message = "unknown key " + Quoted(key);
      const std::string hint = SuggestKey(key, allowed_);
      if (!hint.empty()) message += " (did you mean " + Quoted(hint) + "?)";
      r_->Problem(PathOf(key), std::move(message));
    }
    for (std::string_view key : required_) {
      if (!Has(key)) {
        r_->Problem(PathOf(key), "missing required key " + Quoted(key));
      }
    }
  }

  Reader* r_;
  const Node& node_;
  std::string path_;
  std::vector<std::pair<std::string_view, const KeyInfo*>> rows_;
  std::vector<std::string_view> allowed_;
  std::vector<std::string_view> required_;
};

inline std::optional<Identifier> Reader::Id(const Node& n, const std::string& path) {
  if (n.type == Type::kString) return Identifier{n.text, {}, {}};
  if (n.type != Type::kObject) {
    Problem(path, std::string("expected an identifier (a string or an object "
                              "{\"id\", \"scheme\"}), got ") +
                      TypeName(n.type));
    return std::nullopt;
  }
  Obj o(this, n, path, {"id", "scheme", "scheme_version"}, {"id"});
  Identifier id;
  o.Str("id", &id.value);
  o.Txt("scheme", &id.scheme);
  o.Txt("scheme_version", &id.scheme_version);
  return id;
}

}  // namespace chorus::json

#endif  // CHORUS_SRC_MODEL_JSON_OBJECT_H_
