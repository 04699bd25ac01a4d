// The chorus JSON key table: every key of the JSON invoice format with the
// EN 16931 term it carries. The reader takes the allowed and required keys of
// each object from it, JsonKeyForTerm answers from it, and
// docs/json-format.md documents exactly these rows.
#ifndef CHORUS_SRC_MODEL_JSON_KEYS_H_
#define CHORUS_SRC_MODEL_JSON_KEYS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::json {

// What a key holds; drives both the reader's type checks and the docs.
enum class KeyType {
  kString,       // free text
  kCode,         // a code from a code list, still a JSON string
  kDate,         // "YYYY-MM-DD"
  kAmount,       // decimal: JSON string or number, taken digit for digit
  kQuantity,     // decimal
  kPercentage,   // decimal (VAT rates, allowance percentages)
  kBoolean,
  kIdentifier,   // "value" or {"id": "value", "scheme": "0009"}
  kObject,
  kObjectArray,
  kIdentifierArray,
  kTextOrObjectArray,  // elements are a string shorthand or an object
  kKind,         // "invoice" | "credit_note"
};

struct KeyInfo {
  // Dotted path from the root; array elements are "name[]", so the item
  // name of a line is "lines[].item.name".
  std::string_view path;
  // BT/BG id, "" for keys chorus adds (kind, is_charge, ...).
  std::string_view term;
  KeyType type;
  bool required;  // within its parent object, when that object is present
  // For identifiers: the BT-n-1 scheme term (and BT-158-2 for the version).
  std::string_view scheme_term;
  std::string_view description;
};

// The whole table, in the order InvoiceToJson writes the keys.
std::span<const KeyInfo> KeyTable();

// The row for `path` ("seller.name"), nullptr when there is none.
const KeyInfo* FindKey(std::string_view path);

// Rows whose parent is `parent` ("" for the root, "lines[]" for a line).
std::vector<const KeyInfo*> ChildKeys(std::string_view parent);

// Best suggestion for a misspelt `key` among `allowed`, "" when none is
// close enough. Also knows a few synonyms ("iban" -> "account_id").
std::string SuggestKey(std::string_view key,
                       std::span<const std::string_view> allowed);

// "string", "date (YYYY-MM-DD)", ... as the docs name the types.
std::string_view KeyTypeName(KeyType type);

}  // namespace chorus::json

#endif  // CHORUS_SRC_MODEL_JSON_KEYS_H_
