// The chorus JSON invoice format (docs/json-format.md): human key names, one
// per EN 16931 term, mapped to the model and back.
#ifndef CHORUS_MODEL_JSON_H_
#define CHORUS_MODEL_JSON_H_

#include <string>
#include <string_view>

#include "chorus/model/invoice.h"
#include "chorus/util/result.h"

namespace chorus {

// Parses a JSON invoice. Errors (kInvalidInput) name the JSON path of the
// offending value: unknown key (with a did-you-mean suggestion), wrong type,
// bad date, bad amount, missing required key. `source` names the file.
Result<Invoice> InvoiceFromJson(std::string_view json_text,
                                const std::string& source);

// The model as chorus JSON (the exact inverse of InvoiceFromJson).
std::string InvoiceToJson(const Invoice& invoice, int indent = 2);

// The JSON key used for a BT/BG id and back, for documentation and messages
// ("BT-10" -> "buyer_reference"). Empty when unknown.
std::string JsonKeyForTerm(std::string_view term);

}  // namespace chorus

#endif  // CHORUS_MODEL_JSON_H_
