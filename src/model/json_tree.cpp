#include "model/json_tree.h"

#include <cstddef>
#include <exception>
#include <iterator>
#include <nlohmann/json.hpp>

namespace chorus::json {
namespace {

// Deeper documents are not invoices; the limit also bounds the recursion of
// Node's destructor.
constexpr size_t kMaxDepth = 128;

// Feeds nlohmann's lexer while counting the newlines it has consumed, which
// tells the SAX handler on which line each object starts.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, uint32_t* newlines)
      : p_(p), newlines_(newlines) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    if (*p_ == '\n') ++*newlines_;
    ++p_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p_ == o.p_; }

 private:
  const char* p_;
  uint32_t* newlines_;
};

class TreeBuilder {
 public:
  using Json = nlohmann::json;

  TreeBuilder(Node* root, std::vector<Diagnostic>* diags,
              const uint32_t* newlines)
      : root_(root), diags_(diags), newlines_(newlines) {}

  bool null() { return Add(Node::Type::kNull) != nullptr; }
  bool boolean(bool v) {
    Node* n = Add(Node::Type::kBoolean);
    n->boolean = v;
    return true;
  }
  bool number_integer(Json::number_integer_t v) {
    Add(Node::Type::kNumber)->text = std::to_string(v);
    return true;
  }
  bool number_unsigned(Json::number_unsigned_t v) {
    Add(Node::Type::kNumber)->text = std::to_string(v);
    return true;
  }
  bool number_float(Json::number_float_t /*value*/, const Json::string_t& s) {
    // The lexer swaps '.' for the C locale's decimal point before strtod;
    // put it back so the literal is the one in the file.
    std::string literal = s;
    for (char& c : literal) {
      const bool keep = (c >= '0' && c <= '9') || c == '-' || c == '+' ||
                        c == 'e' || c == 'E';
      if (!keep) c = '.';
    }
    Add(Node::Type::kNumber)->text = std::move(literal);
    return true;
  }
  bool string(Json::string_t& v) {
    Add(Node::Type::kString)->text = std::move(v);
    return true;
  }
  bool binary(Json::binary_t& /*v*/) { return false; }  // never from JSON

  bool start_object(size_t /*elements*/) { return Open(Node::Type::kObject); }
  bool key(Json::string_t& k) {
    Node* obj = stack_.back();
    if (obj->Find(k) != nullptr) {
      diags_->push_back(JsonDiagnostic(AppendKey(PathOfTop(), k),
                                       "duplicate key \"" + k +
                                           "\" (the first one is used)"));
    }
    key_ = std::move(k);
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(size_t /*elements*/) { return Open(Node::Type::kArray); }
  bool end_array() {
    stack_.pop_back();
    return true;
  }

  bool parse_error(size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    diags_->push_back(SyntaxDiagnostic(ex.what()));
    return false;
  }

 private:
  Node* Add(Node::Type type) {
    Node* n;
    if (stack_.empty()) {
      n = root_;
    } else if (stack_.back()->type == Node::Type::kArray) {
      n = &stack_.back()->items.emplace_back();
    } else {
      n = &stack_.back()->members.emplace_back(Member{std::move(key_), Node()}).second;
    }
    n->type = type;
    n->line = *newlines_ + 1;
    return n;
  }

  bool Open(Node::Type type) {
    if (stack_.size() >= kMaxDepth) {
      diags_->push_back(JsonDiagnostic(
          "line " + std::to_string(*newlines_ + 1),
          "invalid JSON: nested deeper than " + std::to_string(kMaxDepth) +
              " levels"));
      return false;
    }
    // Children are appended only to the innermost open container, so the
    // pointers to its ancestors on the stack stay valid.
    stack_.push_back(Add(type));
    return true;
  }

  std::string PathOfTop() const {
    std::string path = "$";
    for (size_t i = 1; i < stack_.size(); ++i) {
      const Node* parent = stack_[i - 1];
      const Node* child = stack_[i];
      if (parent->type == Node::Type::kArray) {
        path = AppendIndex(path, static_cast<size_t>(child - parent->items.data()));
      } else {
        for (const auto& [k, v] : parent->members) {
          if (&v == child) path = AppendKey(path, k);
        }
      }
    }
    return path;
  }

  static Diagnostic SyntaxDiagnostic(std::string_view what) {
    // nlohmann: "[json.exception.parse_error.101] parse error at line 3,
    // column 5: syntax error while parsing ..."
    const size_t at = what.find("at line ");
    if (at == std::string_view::npos) {
      return JsonDiagnostic("", "invalid JSON: " + std::string(what));
    }
    const std::string_view rest = what.substr(at);
    const size_t colon = rest.find(": ");
    std::string location(rest.substr(3, colon == std::string_view::npos
                                             ? std::string_view::npos
                                             : colon - 3));
    return JsonDiagnostic(location, "invalid JSON " + std::string(rest));
  }

  Node* root_;
  std::vector<Diagnostic>* diags_;
  const uint32_t* newlines_;
  std::vector<Node*> stack_;
  std::string key_;
};

bool IsPlainKey(std::string_view key) {
  if (key.empty()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

}  // namespace

const Node* Node::Find(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

const char* TypeName(Node::Type type) {
  switch (type) {
    case Node::Type::kNull: return "null";
    case Node::Type::kBoolean: return "a boolean";
    case Node::Type::kNumber: return "a number";
    case Node::Type::kString: return "a string";
    case Node::Type::kArray: return "an array";
    case Node::Type::kObject: return "an object";
  }
  return "a value";
}

bool ParseTree(std::string_view text, Node* root,
               std::vector<Diagnostic>* diags) {
  uint32_t newlines = 0;
  const size_t before = diags->size();
  TreeBuilder builder(root, diags, &newlines);
  bool ok = false;
  try {
    const char* begin = text.data();
    ok = nlohmann::json::sax_parse(CountingIterator(begin, &newlines),
                                   CountingIterator(begin + text.size(),
                                                    &newlines),
                                   &builder);
  } catch (const std::exception& e) {
    // The SAX parser reports through parse_error; this is only allocation
    // failure and the like, still not something to let escape.
    diags->push_back(JsonDiagnostic("", std::string("invalid JSON: ") + e.what()));
    return false;
  }
  if (!ok && diags->size() == before) {
    diags->push_back(JsonDiagnostic("", "invalid JSON"));
  }
  return ok;
}

std::string AppendKey(const std::string& path, std::string_view key) {
  if (IsPlainKey(key)) return path + "." + std::string(key);
  std::string out = path + "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"]";
}

std::string AppendIndex(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

Diagnostic JsonDiagnostic(std::string location, std::string message) {
  Diagnostic d;
  d.rule = "JSON";
  d.severity = Severity::kError;
  d.message = std::move(message);
  d.location = std::move(location);
  return d;
}

}  // namespace chorus::json
