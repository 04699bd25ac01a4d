// XMP metadata of a Factur-X PDF: written on embed, read back on check.
#ifndef CHORUS_SRC_FACTURX_XMP_INTERNAL_H_
#define CHORUS_SRC_FACTURX_XMP_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>

#include "chorus/facturx/facturx.h"

namespace chorus::facturx::internal {

inline constexpr std::string_view kFxNamespace =
    "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

struct XmpFields {
  std::string title;
  std::string author;    // empty: no dc:creator
  std::string producer;  // pdf:Producer
  std::string creator_tool;
  std::string create_date;  // XMP date form
  std::string modify_date;
  Profile profile = Profile::kEn16931;
  std::string file_name{kXmlFileName};
};

// The whole packet (xpacket wrapper included): pdfaid part 3 / B, dc, xmp,
// pdf, the PDF/A extension schema describing fx:, and the fx: values.
std::string BuildXmp(const XmpFields& fields);

// What a check needs from someone else's XMP. Each field is nullopt when
// the property is absent (as element or as attribute of rdf:Description).
struct XmpFacts {
  bool parsed = false;
  std::optional<std::string> pdfa_part;
  std::optional<std::string> pdfa_conformance;
  bool fx_schema_described = false;  // pdfaSchema:namespaceURI == fx ns
  std::optional<std::string> fx_document_type;
  std::optional<std::string> fx_document_file_name;
  std::optional<std::string> fx_version;
  std::optional<std::string> fx_conformance_level;
};
XmpFacts ReadXmp(std::string_view packet);

}  // namespace chorus::facturx::internal

#endif  // CHORUS_SRC_FACTURX_XMP_INTERNAL_H_
