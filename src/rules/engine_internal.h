// What the rule families share: the run context and how a failed assertion
// becomes a Diagnostic. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_ENGINE_INTERNAL_H_
#define CHORUS_SRC_RULES_ENGINE_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "doc_index.h"  // relative: tests include this header

namespace chorus::rules {

namespace cii {
struct NameInfo;  // cii_syntax_names.h
}  // namespace cii

struct RunContext {
  const XmlDocument& doc;
  const ReadResult& read;
  Syntax syntax;  // kUbl or kCii (Factur-X documents arrive as kCii)
  std::vector<Diagnostic>* out;
  // The flattened document the families share; CheckRules builds it once.
  // Left empty (e.g. by tests calling one family), Index() builds it on
  // first use.
  mutable std::shared_ptr<const DocIndex> index = nullptr;

  const DocIndex& Index() const {
    if (!index) {
      index = MakeDocIndex(doc);
    }
    return *index;
  }

  // Records a failed assertion of rule `id` with the official flag and text
  // for this syntax. `location` is "<path> (line N)" or "" when unknown.
  void Fail(std::string_view id, std::string location) const;
  // Same, located at entry `entry` of Index(): path with conventional
  // prefixes + line ("" for -1).
  void Fail(std::string_view id, int32_t entry) const;
};

// The families. Each appends the failures it finds.
void CheckUblSyntaxRules(
    const RunContext& ctx);  // UBL-SR-*, UBL-DT-*, UBL-CR-*
void CheckCiiSyntaxRules(const RunContext& ctx);  // CII-SR-*, CII-DT-*
void CheckBusinessRules(
    const RunContext& ctx);  // BR-*, BR-CO-*, BR-DEC-*, VAT categories
// The same, given the UBL syntax walk's interned name per entry (its
// `names`; empty: none), which spares the UBL VAT walk its name hashing.
void CheckBusinessRules(const RunContext& ctx,
                        std::span<const int32_t> ubl_names);
// The same, given the CII syntax walk's NameInfo per entry (its `names`;
// empty: none), which spares the CII VAT walk its name hashing.
void CheckBusinessRules(const RunContext& ctx,
                        std::span<const cii::NameInfo> cii_names);
void CheckCodeListRules(const RunContext& ctx);  // BR-CL-*

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_ENGINE_INTERNAL_H_
