// XSD validation with libxml2, schemas located under CHORUS_SCHEMA_DIR.
//
// Each schema is parsed once per process and shared (thread-safe) by every
// validation after it. Documents are parsed with network access and entity
// substitution disabled.
#ifndef CHORUS_FORMAT_XSD_H_
#define CHORUS_FORMAT_XSD_H_

#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/util/result.h"

namespace chorus {

enum class SchemaId {
  kUblInvoice,
  kUblCreditNote,
  kCiiD16B,
  kCiiD22B,
  kFacturXMinimum,
  kFacturXBasicWl,
  kFacturXBasic,
  kFacturXEn16931,
  kFacturXExtended,
};
const char* SchemaName(SchemaId id);  // "UBL 2.1 Invoice", "Factur-X BASIC WL", ...

// The schema folder: $CHORUS_SCHEMA_DIR, else an error saying how to set it.
Result<std::string> SchemaDir();

// Picks the schema for a loaded document: UBL by root; CII by BT-24
// (Factur-X profile URNs select the Factur-X XSD of that profile, anything
// else CII D16B); `prefer_d22b` selects D22B for non-Factur-X CII.
SchemaId ChooseSchema(const XmlDocument& doc, bool prefer_d22b = false);

// Validates and returns one Diagnostic (rule "XSD", severity kFatal, location
// "line N") per schema error. Fails (kUsage) when the schema cannot be found
// or loaded, with a message naming the path and CHORUS_SCHEMA_DIR.
Result<std::vector<Diagnostic>> ValidateXsd(const XmlDocument& doc,
                                            SchemaId schema);

}  // namespace chorus

#endif  // CHORUS_FORMAT_XSD_H_
