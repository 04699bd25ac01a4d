// Factur-X: PDF/A-3b invoices carrying their UN/CEFACT CII as an embedded
// file named factur-x.xml (Factur-X 1.0.x, the same format as ZUGFeRD 2.x).
//
// Three jobs, all native:
// - render a readable invoice page (cairo PDF surface, DejaVu Sans embedded)
//   from the EN 16931 model;
// - embed a CII into a PDF and make it PDF/A-3b + Factur-X (libqpdf): the
//   attachment with its MIME type, size, dates and checksum, the catalog's
//   /AF and /EmbeddedFiles, XMP metadata with pdfaid and the fx: extension
//   schema, an sRGB OutputIntent (lcms2), a document /ID;
// - read one back: extract factur-x.xml byte for byte and check the PDF side
//   with the FX-PDF-nn rules.
// The XML side (XSD, EN 16931 rules) is validated by the format and rules
// modules once the XML is extracted.
#ifndef CHORUS_FACTURX_FACTURX_H_
#define CHORUS_FACTURX_FACTURX_H_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/facturx_profile.h"
#include "chorus/format/syntax.h"
#include "chorus/model/invoice.h"
#include "chorus/rules/rules.h"
#include "chorus/util/result.h"

namespace chorus::facturx {

// The Factur-X profiles (chorus/format/facturx_profile.h tells them from
// BT-24: FacturXProfileFromId, FacturXProfileOf, IsFullInvoice).
using Profile = FacturXProfile;

// The XMP fx:ConformanceLevel spelling: "MINIMUM", "BASIC WL", "BASIC",
// "EN 16931", "EXTENDED".
const char* ConformanceLevel(Profile p);
// The BT-24 value a CII of this profile carries.
const char* SpecificationId(Profile p);
// A profile as a user types it: "minimum", "basicwl", "basic-wl",
// "BASIC WL", "en16931", "EN 16931", "extended" (case-insensitive).
std::optional<Profile> ParseProfile(std::string_view name);

// The file specification's /AFRelationship values Factur-X allows.
enum class Relationship { kData, kSource, kAlternative };
const char* RelationshipName(
    Relationship r);  // "Data", "Source", "Alternative"
std::optional<Relationship> ParseRelationship(std::string_view name);
// /Data for MINIMUM and BASIC WL (the PDF is the invoice), /Alternative
// otherwise (the XML is an equivalent representation).
Relationship DefaultRelationship(Profile p);

// The attachment name Factur-X requires.
inline constexpr std::string_view kXmlFileName = "factur-x.xml";

// ---- Rendering -----------------------------------------------------------

enum class Language { kFrench, kEnglish };

struct RenderOptions {
  Language language = Language::kFrench;
};

// A readable invoice (parties, lines, VAT breakdown, totals, payment
// details) as a PDF with every font embedded; as many A4 pages as the lines
// need. Fails (kUsage) only when the font or cairo is unusable.
Result<std::string> RenderInvoice(const Invoice& invoice,
                                  const RenderOptions& options = {});

// ---- Embedding -----------------------------------------------------------

struct EmbedOptions {
  // When set, must equal the profile the XML's BT-24 names (else kUsage).
  std::optional<Profile> profile;
  // Default: DefaultRelationship(profile).
  std::optional<Relationship> relationship;
  std::string title;   // dc:title and /Title; default "Invoice"
  std::string author;  // dc:creator and /Author; omitted when empty
  // "2026-01-31T10:00:00+00:00"; default: now (UTC). Tests pin it.
  std::string timestamp;
};

struct EmbedResult {
  std::string pdf;
  Profile profile = Profile::kEn16931;
  Relationship relationship = Relationship::kAlternative;
  // About the input PDF: fonts it does not embed (the result is then not
  // PDF/A), a replaced factur-x.xml. Severity kWarning.
  std::vector<Diagnostic> warnings;
};

// Makes `pdf` a Factur-X carrying `xml` (a CII whose BT-24 names a profile).
// Refuses (kInvalidInput) an encrypted or unreadable PDF, an XML that is not
// a CII or names no Factur-X profile; a --profile mismatch is kUsage.
Result<EmbedResult> Embed(std::string_view pdf, std::string_view xml,
                          const EmbedOptions& options = {});

// The whole build from the model: the CII (WriteCii), the rendered page,
// then Embed. The profile comes from the model's BT-24; the title and author
// from BT-1 and the seller. kInvalidInput when CII cannot carry a datum.
Result<EmbedResult> CreateFromInvoice(const Invoice& invoice,
                                      const RenderOptions& render = {},
                                      EmbedOptions embed = {});

// ---- Reading -------------------------------------------------------------

// The rules of the PDF side, FX-PDF-01.., sorted by id. `syntax` is kCii.
std::span<const RuleInfo> PdfRules();
const RuleInfo* FindPdfRule(std::string_view id);  // case-insensitive

struct PdfReport {
  // The invoice XML as stored (decoded stream bytes), when one was found.
  std::optional<std::string> xml;
  std::string xml_name;  // its attachment name ("factur-x.xml")
  // The profile fx:ConformanceLevel declares (nullopt if absent/unknown).
  std::optional<Profile> declared_profile;
  // FX-PDF diagnostics; locations "PDF object 12", "XMP metadata".
  std::vector<Diagnostic> diagnostics;
  // True when the PDF could not be read at all (not a PDF, encrypted,
  // beyond repair): the diagnostics then have severity kError or kFatal and
  // `xml` is empty.
  bool unreadable = false;
};

// Reads a PDF and checks its Factur-X side. `name` is used in messages.
// The XML-dependent checks (UBL instead of CII, ConformanceLevel against
// BT-24, AFRelationship for the profile) run here too, on the extracted
// bytes. Never throws.
PdfReport CheckPdf(std::string_view pdf, const std::string& name);

// Only the attachment: the bytes of factur-x.xml (or the legacy ZUGFeRD /
// XRechnung names). kInvalidInput when there is none or the PDF is
// encrypted; kUsage when it is not a readable PDF.
Result<std::string> ExtractXml(std::string_view pdf, const std::string& name);

// ---- Full validation -----------------------------------------------------

struct ValidateOptions {
  bool xsd = true;  // the profile's Factur-X XSD (needs CHORUS_SCHEMA_DIR)
  // The rule sets, chosen by RuleOptionsFor on the extracted XML (by
  // default: EN 16931 for complete invoices, and the profile's rules).
  RuleRequest rules;
};

struct Validation {
  std::optional<Profile> profile;       // from the XML's BT-24
  std::vector<Diagnostic> diagnostics;  // FX-PDF, XML loading, XSD, rules
  // False when no XML could be read: the PDF checks are all there is.
  bool xml_checked = false;
  // The embedded CII as loaded (syntax kFacturX) and read, when xml_checked:
  // a caller that goes on with the invoice need not parse the PDF again.
  std::unique_ptr<XmlDocument> document;
  std::optional<ReadResult> read;
};

// CheckPdf, then the extracted XML: loaded like any document, validated
// against its profile's XSD (EN 16931 profile -> Factur-X EN16931 XSD) and
// the rules. XML locations read "factur-x.xml line N"; PDF ones "PDF object
// N". A missing schema folder is a kError diagnostic (rule CHORUS-XSD).
Validation Validate(std::string_view pdf, const std::string& name,
                    const ValidateOptions& options = {});

// True when the bytes look like a PDF: a "%PDF-" header in the first KiB,
// with no '<' before it (an XML document mentioning "%PDF-" stays XML).
bool LooksLikePdf(std::string_view bytes);

}  // namespace chorus::facturx

#endif  // CHORUS_FACTURX_FACTURX_H_
