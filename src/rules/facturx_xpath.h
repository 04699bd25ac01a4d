// A small XPath 2.0 evaluator, enough for the Factur-X profile Schematron
// files: paths (child, descendant, parent, self, attribute steps,
// predicates), for/some/every, general and value comparisons, arithmetic on
// exact decimals, "cast as", and the functions those files call (plus
// fx:code(N, $v), the code-list lookup the generator puts in place of
// document('..._codedb.xml')/codedb/cl[@id=N]/enumeration[@value=$v]).
// Runs over its own index of the pugixml DOM (FxTree), which resolves the
// namespace of every element once. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_FACTURX_XPATH_H_
#define CHORUS_SRC_RULES_FACTURX_XPATH_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <pugixml.hpp>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chorus/util/result.h"
#include "facturx_number.h"  // relative: tests include this header too

namespace chorus::rules::fx {

// A name's hash, compared before the name itself in name tests.
std::uint32_t NameHash(std::string_view name);

// The namespaces the rules name. kOther: any other URI (or none).
enum class Ns : std::uint8_t { kNone, kRsm, kRam, kUdt, kQdt, kOther };

// The document as flat arrays in document order: index 0 is the document
// node, then each element followed by its attributes, then its children.
class FxTree {
 public:
  enum class Kind : std::uint8_t { kDocument, kElement, kAttribute };
  struct Node {
    Kind kind;
    Ns ns;
    std::string_view local;  // local name (elements, attributes)
    int parent;              // -1 for the document
    int first_child;         // first child element, -1 if none
    int next_sibling;        // next sibling element, -1 if none
    int first_attr;          // attributes are [first_attr, first_attr + n)
    int attr_count;
    int end;                   // one past the last descendant (preorder range)
    std::uint32_t hash;        // NameHash(local)
    pugi::xml_node element;    // the element (kElement), the owner (kAttr)
    pugi::xml_attribute attr;  // kAttribute only
  };

  // `source`: the bytes `dom` was parsed from, if at hand. pugixml drops
  // whitespace-only text, which XPath sees ("<ram:Name>  </ram:Name>" is
  // not empty); the source gives it back to leaf elements.
  explicit FxTree(const pugi::xml_document& dom, std::string_view source = {});
  const Node& at(int i) const { return nodes_[static_cast<std::size_t>(i)]; }
  int size() const { return static_cast<int>(nodes_.size()); }
  // XPath string value: text of all descendant text nodes (comments out).
  std::string StringValue(int i) const;
  // "/rsm:CrossIndustryInvoice/.../ram:X[2]/@schemeID", conventional
  // prefixes, "[n]" only where siblings share the name.
  std::string Path(int i) const;
  // Elements named (ns, NameHash(local)), in document order; nullptr if
  // none. Callers compare the name too (hashes can collide).
  const std::vector<int>* Named(Ns ns, std::uint32_t hash) const;

 private:
  void Add(pugi::xml_node element, int parent,
           std::vector<std::string>* scopes);
  std::string WhitespaceContent(pugi::xml_node element) const;
  std::vector<Node> nodes_;
  std::unordered_map<std::uint64_t, std::vector<int>> by_name_;
  std::string_view source_;
};

enum class ItemKind : std::uint8_t {
  kNode,
  kString,
  kUntyped,
  kNumber,
  kBoolean
};

struct Item {
  ItemKind kind = ItemKind::kBoolean;
  int node = -1;    // kNode
  std::string str;  // kString, kUntyped
  Number num;       // kNumber
  bool b = false;   // kBoolean
};
using Seq = std::vector<Item>;

struct Expr;  // parsed expression; defined in facturx_xpath_internal.h

struct ExprDeleter {
  void operator()(Expr* e) const;
};
using ExprPtr = std::unique_ptr<Expr, ExprDeleter>;

// Parses an expression; the error names the position and what was wrong.
Result<ExprPtr> ParseXPath(std::string_view text);

// Code list lookup for fx:code(N, $v): is `value` in list N?
using CodeListFn = std::function<bool(int list, std::string_view value)>;

struct Variable {
  std::string_view name;
  Seq value;
};

class Evaluator {
 public:
  Evaluator(const FxTree& tree, CodeListFn codes)
      : tree_(tree), codes_(std::move(codes)) {}

  // Evaluates `e` with the context node `context`; variables in scope are
  // `vars`. A dynamic error (bad cast, type error) returns an error.
  Result<Seq> Eval(const Expr& e, int context,
                   const std::vector<Variable>& vars);
  // The nodes a rule context `e` matches, from the document node, with XSLT
  // pattern semantics: a predicate that raises an error on a node is false
  // for that node (its siblings are still matched).
  Result<Seq> Match(const Expr& e);
  // Effective boolean value of `e`.
  Result<bool> Test(const Expr& e, int context,
                    const std::vector<Variable>& vars);

  const FxTree& tree() const { return tree_; }
  bool InCodeList(int list, std::string_view value) const {
    return codes_(list, value);
  }

  // Results of rooted, variable-free subexpressions, which every rule
  // context would otherwise recompute ("all lines with category S").
  // Rule contexts (Match) keep their own: their predicates forgive errors.
  std::unordered_map<const Expr*, Seq>& memo(bool lenient) const {
    return lenient ? memo_lenient_ : memo_;
  }

 private:
  const FxTree& tree_;
  CodeListFn codes_;
  mutable std::unordered_map<const Expr*, Seq> memo_;
  mutable std::unordered_map<const Expr*, Seq> memo_lenient_;
};

}  // namespace chorus::rules::fx

#endif  // CHORUS_SRC_RULES_FACTURX_XPATH_H_
