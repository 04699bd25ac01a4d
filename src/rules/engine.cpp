#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/rules/rules.h"
#include "rules/cii_syntax_internal.h"
#include "rules/cii_syntax_names.h"
#include "rules/code_lists.h"
#include "rules/engine_internal.h"
#include "rules/facturx_rules.h"
#include "rules/ubl_syntax_internal.h"
#include "rules/xml_path.h"

namespace chorus {
namespace {

constexpr std::string_view kUnknownRule = "internal: unknown rule id";

// The N of a trailing "(line N)" or a bare "line N"; 0 when absent, so
// findings without a line come first.
int LineFromLocation(std::string_view location) {
  std::size_t at = location.rfind("line ");
  if (at == std::string_view::npos) return 0;
  int line = 0;
  for (std::size_t i = at + 5; i < location.size(); ++i) {
    char c = location[i];
    if (c < '0' || c > '9') break;
    if (line > 100'000'000) break;  // absurd; stops overflow
    line = line * 10 + (c - '0');
  }
  return line;
}

// Natural order of ids, so BR-2 sorts before BR-10 as in the catalogue.
bool IdLess(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t i0 = i, j0 = j;
      while (i0 < a.size() && a[i0] == '0') ++i0;
      while (j0 < b.size() && b[j0] == '0') ++j0;
      std::size_t ie = i0, je = j0;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      if (ie - i0 != je - j0) return ie - i0 < je - j0;
      std::string_view na = a.substr(i0, ie - i0), nb = b.substr(j0, je - j0);
      if (na != nb) return na < nb;
      i = ie;
      j = je;
      continue;
    }
    // A number sorts before text at the same position: BR-2 < BR-AE-01.
    if (digit(a[i]) != digit(b[j])) return digit(a[i]);
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return a.size() - i < b.size() - j;
  return a < b;  // "04" vs "004": any fixed tie-break
}

}  // namespace

namespace rules {

void RunContext::Fail(std::string_view id, std::string location) const {
  const RuleInfo* rule = FindRule(id, syntax);
  if (rule == nullptr) {
    // A rule family used an id the catalogue lacks: a bug in chorus, kept
    // visible instead of crashing or inventing a flag.
    out->push_back(Diagnostic{std::string(id), Severity::kError,
                              std::string(kUnknownRule), std::move(location)});
    return;
  }
  out->push_back(Diagnostic{std::string(rule->id), rule->flag,
                            std::string(rule->message), std::move(location)});
}

void RunContext::Fail(std::string_view id, int32_t entry) const {
  Fail(id, EntryLocation(doc, Index(), entry));
}

}  // namespace rules

std::vector<Diagnostic> CheckRules(const XmlDocument& doc,
                                   const ReadResult& read,
                                   const RuleOptions& options) {
  std::vector<Diagnostic> out;
  if (options.facturx) out = CheckFacturXRules(doc);
  if (!options.en16931 && out.empty()) return out;
  Syntax syntax = doc.syntax == Syntax::kUbl ? Syntax::kUbl : Syntax::kCii;
  // The index lives here, for this run only (it outlives ctx): an
  // owner-less shared_ptr hands it to the families without a heap block
  // per document.
  std::optional<rules::DocIndex> index;
  rules::RunContext ctx{doc, read, syntax, &out};
  if (options.en16931) {
    index.emplace(doc.tree());
    ctx.index = std::shared_ptr<const rules::DocIndex>(
        std::shared_ptr<const rules::DocIndex>(), &*index);
    if (syntax == Syntax::kUbl) {
      // The syntax walk first: the business and code-list walks reuse the
      // element names it interned. Families share no rule id, so the sort
      // below restores the same order whichever runs first.
      std::span<const int32_t> names;
      rules::CheckUblSyntaxRules(ctx, &names);
      rules::CheckBusinessRules(ctx, names);
      rules::CheckCodeListRules(ctx, names);
    } else {
      // Likewise: the VAT and code-list walks pick elements by the syntax
      // walk's name ids.
      std::span<const rules::cii::NameInfo> names;
      rules::CheckCiiSyntaxRules(ctx, &names);
      rules::CheckBusinessRules(ctx, names);
      rules::CheckCodeListRules(ctx, names);
    }
  }

  std::vector<std::pair<int, std::size_t>> keys;
  keys.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    keys.emplace_back(LineFromLocation(out[i].location), i);
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [&out](const auto& x, const auto& y) {
                     if (x.first != y.first) return x.first < y.first;
                     return IdLess(out[x.second].rule, out[y.second].rule);
                   });
  std::vector<Diagnostic> sorted;
  sorted.reserve(out.size());
  for (const auto& key : keys) sorted.push_back(std::move(out[key.second]));
  return sorted;
}

}  // namespace chorus
