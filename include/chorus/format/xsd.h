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
#include "chorus/format/facturx_profile.h"
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
const char* SchemaName(
    SchemaId id);  // "UBL 2.1 Invoice", "Factur-X BASIC WL", ...

// The schema folder: $CHORUS_SCHEMA_DIR, else an error saying how to set it.
Result<std::string> SchemaDir();

// The Factur-X XSD of a profile (EN16931 -> Factur-X EN16931).
SchemaId FacturXSchema(FacturXProfile profile);

// Picks the schema for a loaded document: UBL by root; a Factur-X
// (IsFacturXDocument) by its profile (FacturXProfileOf); any other CII D16B,
// or D22B with `prefer_d22b` or for the French EXTENDED-CTC-FR.
SchemaId ChooseSchema(const XmlDocument& doc, bool prefer_d22b = false);

// Validates and returns one Diagnostic (rule "XSD", severity kFatal, location
// "line N") per schema error. Fails (kUsage) when the schema cannot be found
// or loaded, with a message naming the path and CHORUS_SCHEMA_DIR.
Result<std::vector<Diagnostic>> ValidateXsd(const XmlDocument& doc,
                                            SchemaId schema);

}  // namespace chorus

#endif  // CHORUS_FORMAT_XSD_H_
