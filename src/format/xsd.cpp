// XSD validation with libxml2.
//
// Safety: one process-wide external entity loader admits local files only
// (what schema imports need) and nothing at all while a document is being
// parsed or validated, so neither an invoice nor a schema can reach the
// network or read other files. Documents are parsed without NOENT/DTDLOAD.
//
// Speed: a parsed schema is immutable, so each one is parsed once and then
// shared; only the validation context is per call.
#include "chorus/format/xsd.h"

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <sys/stat.h>

#include <cctype>
#include <climits>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

#include "chorus/format/facturx_profile.h"
#include "format/xml_guard.h"

namespace chorus {
namespace {

// Past this many schema errors the rest are only counted: a hostile or
// badly broken file must not produce an unbounded report.
constexpr std::size_t kMaxDiagnostics = 500;

// -------------------------------------------------------------------------
// libxml2 setup

xmlExternalEntityLoader g_default_loader = nullptr;
thread_local bool t_refuse_all_entities = false;

// True for plain paths and file: URLs; false for any other URL scheme.
bool IsLocalFile(std::string_view url) {
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon < 2) return true;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = url[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' &&
        c != '.') {
      return true;  // a colon later in a path, not a scheme
    }
  }
  std::string scheme(url.substr(0, colon));
  for (char& c : scheme) c = static_cast<char>(std::tolower(c));
  return scheme == "file";
}

xmlParserInputPtr GuardedEntityLoader(const char* url, const char* id,
                                      xmlParserCtxtPtr ctxt) {
  if (t_refuse_all_entities || url == nullptr || !IsLocalFile(url)) {
    return nullptr;
  }
  return g_default_loader(url, id, ctxt);
}

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    // libxml2 builds its table of built-in schema types lazily, in the
    // first schema parse, without a lock: two threads parsing their first
    // schemas at once (validate -j 2 on UBL and CII) could both build it,
    // and one table was lost (LeakSanitizer saw it). Built once here.
    xmlSchemaInitTypes();
    g_default_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(GuardedEntityLoader);
  });
}

// Collects libxml2 errors of one operation as diagnostics.
struct ErrorSink {
  std::vector<Diagnostic> diagnostics;
  std::size_t dropped = 0;
  const char* rule = "XSD";
};

std::string Trim(const char* text) {
  std::string_view s = text ? text : "";
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  return std::string(s);
}

void CollectError(void* data, xmlErrorPtr error) {
  auto* sink = static_cast<ErrorSink*>(data);
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  if (sink->diagnostics.size() >= kMaxDiagnostics) {
    ++sink->dropped;
    return;
  }
  std::string location;
  if (error->line > 0) location = "line " + std::to_string(error->line);
  sink->diagnostics.push_back(
      Diagnostic{sink->rule, Severity::kFatal, Trim(error->message), location});
}

void IgnoreGenericError(void*, const char*, ...) {}

// Routes this thread's libxml2 error output into `sink` (nothing reaches
// stderr) and scopes the entity policy; both are restored on exit.
class LibxmlScope {
 public:
  LibxmlScope(ErrorSink* sink, bool refuse_entities)
      : saved_structured_(xmlStructuredError),
        saved_structured_ctx_(xmlStructuredErrorContext),
        saved_generic_(xmlGenericError),
        saved_generic_ctx_(xmlGenericErrorContext),
        saved_refuse_(t_refuse_all_entities) {
    xmlSetStructuredErrorFunc(sink, CollectError);
    xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
    t_refuse_all_entities = refuse_entities;
  }
  LibxmlScope(const LibxmlScope&) = delete;
  LibxmlScope& operator=(const LibxmlScope&) = delete;
  ~LibxmlScope() {
    xmlSetStructuredErrorFunc(saved_structured_ctx_, saved_structured_);
    xmlSetGenericErrorFunc(saved_generic_ctx_, saved_generic_);
    t_refuse_all_entities = saved_refuse_;
  }

 private:
  xmlStructuredErrorFunc saved_structured_;
  void* saved_structured_ctx_;
  xmlGenericErrorFunc saved_generic_;
  void* saved_generic_ctx_;
  bool saved_refuse_;
};

// -------------------------------------------------------------------------
// Schema files and cache

const char* RelativePath(SchemaId id) {
  switch (id) {
    case SchemaId::kUblInvoice:
      return "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd";
    case SchemaId::kUblCreditNote:
      return "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd";
    case SchemaId::kCiiD16B:
      return "cii-d16b/CrossIndustryInvoice_100pD16B.xsd";
    case SchemaId::kCiiD22B:
      return "cii-d22b/CrossIndustryInvoice_100pD22B.xsd";
    case SchemaId::kFacturXMinimum:
      return "facturx-1.09/minimum/Factur-X_MINIMUM.xsd";
    case SchemaId::kFacturXBasicWl:
      return "facturx-1.09/basicwl/Factur-X_BASICWL.xsd";
    case SchemaId::kFacturXBasic:
      return "facturx-1.09/basic/Factur-X_BASIC.xsd";
    case SchemaId::kFacturXEn16931:
      return "facturx-1.09/en16931/Factur-X_EN16931.xsd";
    case SchemaId::kFacturXExtended:
      return "facturx-1.09/extended/Factur-X_EXTENDED.xsd";
  }
  return "";
}

struct CachedSchema {
  std::mutex mutex;  // held while parsing, so a schema is parsed only once
  xmlSchemaPtr schema = nullptr;
  std::string error;  // a parse failure is final for the process
};

// Keyed by absolute file path, so a changed CHORUS_SCHEMA_DIR selects other
// entries. Never freed: schemas live as long as the process.
CachedSchema& CacheEntry(const std::string& path) {
  static std::mutex mutex;
  static auto* cache = new std::map<std::string, std::unique_ptr<CachedSchema>>;
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<CachedSchema>& slot = (*cache)[path];
  if (!slot) slot = std::make_unique<CachedSchema>();
  return *slot;
}

Result<xmlSchemaPtr> LoadSchema(SchemaId id) {
  Result<std::string> dir = SchemaDir();
  if (!dir) return dir.take_error();
  std::string path = *dir + "/" + RelativePath(id);

  CachedSchema& entry = CacheEntry(path);
  std::lock_guard<std::mutex> lock(entry.mutex);
  if (entry.schema != nullptr) return entry.schema;
  if (!entry.error.empty()) return MakeError(Error::Kind::kUsage, entry.error);

  // A missing file is not remembered: it may be installed later.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return MakeError(Error::Kind::kUsage,
                     std::string(SchemaName(id)) + " schema not found: " +
                         path + " (CHORUS_SCHEMA_DIR=" + *dir +
                         " must hold the schema set: ubl-2.1/, cii-d16b/, "
                         "cii-d22b/, facturx-1.09/)");
  }

  ErrorSink sink;
  LibxmlScope scope(&sink, /*refuse_entities=*/false);
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path.c_str());
  if (parser != nullptr) {
    xmlSchemaSetParserStructuredErrors(parser, CollectError, &sink);
    entry.schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
  }
  if (entry.schema == nullptr) {
    entry.error = "cannot load the " + std::string(SchemaName(id)) +
                  " schema " + path + ": " +
                  (sink.diagnostics.empty() ? std::string("unknown error")
                                            : sink.diagnostics[0].message);
    return MakeError(Error::Kind::kUsage, entry.error);
  }
  return entry.schema;
}

}  // namespace

const char* SchemaName(SchemaId id) {
  switch (id) {
    case SchemaId::kUblInvoice:
      return "UBL 2.1 Invoice";
    case SchemaId::kUblCreditNote:
      return "UBL 2.1 CreditNote";
    case SchemaId::kCiiD16B:
      return "CII D16B";
    case SchemaId::kCiiD22B:
      return "CII D22B";
    case SchemaId::kFacturXMinimum:
      return "Factur-X MINIMUM";
    case SchemaId::kFacturXBasicWl:
      return "Factur-X BASIC WL";
    case SchemaId::kFacturXBasic:
      return "Factur-X BASIC";
    case SchemaId::kFacturXEn16931:
      return "Factur-X EN16931";
    case SchemaId::kFacturXExtended:
      return "Factur-X EXTENDED";
  }
  return "unknown schema";
}

Result<std::string> SchemaDir() {
  static constexpr const char* kHow =
      "point it at the folder holding the XSD schemas (ubl-2.1/, cii-d16b/, "
      "cii-d22b/, facturx-1.09/), e.g. export "
      "CHORUS_SCHEMA_DIR=../shared/schemas as the tests and scripts do";
  const char* env = std::getenv("CHORUS_SCHEMA_DIR");
  if (env == nullptr || *env == '\0') {
    return MakeError(Error::Kind::kUsage,
                     std::string("CHORUS_SCHEMA_DIR is not set: ") + kHow);
  }
  std::string dir = env;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return MakeError(Error::Kind::kUsage, "CHORUS_SCHEMA_DIR=" + dir +
                                              " is not a directory: " + kHow);
  }
  return dir;
}

SchemaId FacturXSchema(FacturXProfile profile) {
  switch (profile) {
    case FacturXProfile::kMinimum:
      return SchemaId::kFacturXMinimum;
    case FacturXProfile::kBasicWl:
      return SchemaId::kFacturXBasicWl;
    case FacturXProfile::kBasic:
      return SchemaId::kFacturXBasic;
    case FacturXProfile::kEn16931:
      return SchemaId::kFacturXEn16931;
    case FacturXProfile::kExtended:
      break;
  }
  return SchemaId::kFacturXExtended;
}

SchemaId ChooseSchema(const XmlDocument& doc, bool prefer_d22b) {
  if (doc.root == RootKind::kUblInvoice) return SchemaId::kUblInvoice;
  if (doc.root == RootKind::kUblCreditNote) return SchemaId::kUblCreditNote;
  // Plain EN 16931 and CIUS such as XRechnung use the CII schema.
  std::optional<FacturXProfile> profile = FacturXProfileOf(doc);
  if (profile && IsFacturXDocument(doc)) return FacturXSchema(*profile);
  // The French EXTENDED-CTC-FR profile is defined on CII D22B.
  std::string id = SpecificationIdOf(doc);
  for (char& c : id) c = static_cast<char>(std::tolower(c));
  bool french_extended = id.find("extended-ctc-fr") != std::string::npos;
  return prefer_d22b || french_extended ? SchemaId::kCiiD22B
                                        : SchemaId::kCiiD16B;
}

Result<std::vector<Diagnostic>> ValidateXsd(const XmlDocument& doc,
                                            SchemaId schema_id) {
  InitLibxml();
  Result<xmlSchemaPtr> schema = LoadSchema(schema_id);
  if (!schema) return schema.take_error();

  std::vector<Diagnostic> out;
  // LoadDocument already refuses these; XmlDocument can be built by hand.
  if (internal::FindDoctype(doc.bytes) != std::string_view::npos) {
    out.push_back(Diagnostic{"CHORUS-XML", Severity::kFatal,
                             "DTDs are not allowed in invoices (entity "
                             "expansion / external entities are refused)",
                             ""});
    return out;
  }
  if (doc.bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    out.push_back(Diagnostic{"CHORUS-XML", Severity::kFatal,
                             "document too large for schema validation", ""});
    return out;
  }

  ErrorSink sink;
  LibxmlScope scope(&sink, /*refuse_entities=*/true);
  sink.rule = "CHORUS-XML";
  xmlDocPtr xml = xmlReadMemory(
      doc.bytes.data(), static_cast<int>(doc.bytes.size()), nullptr, nullptr,
      XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);
  if (xml == nullptr) {
    if (sink.diagnostics.empty()) {
      sink.diagnostics.push_back(Diagnostic{
          "CHORUS-XML", Severity::kFatal, "the document cannot be parsed", ""});
    }
    return std::move(sink.diagnostics);
  }
  // Well-formedness complaints libxml2 recovered from still count.
  sink.rule = "XSD";
  xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(*schema);
  int rc = -1;
  if (validator != nullptr) {
    xmlSchemaSetValidStructuredErrors(validator, CollectError, &sink);
    rc = xmlSchemaValidateDoc(validator, xml);
    xmlSchemaFreeValidCtxt(validator);
  }
  xmlFreeDoc(xml);

  out = std::move(sink.diagnostics);
  if (sink.dropped > 0) {
    out.push_back(Diagnostic{
        "XSD", Severity::kFatal,
        std::to_string(sink.dropped) + " more schema errors not shown", ""});
  }
  if (rc != 0 && out.empty()) {
    out.push_back(Diagnostic{"XSD", Severity::kFatal,
                             rc < 0 ? "internal error of the schema validator"
                                    : "the document does not conform to the " +
                                          std::string(SchemaName(schema_id)) +
                                          " schema",
                             ""});
  }
  return out;
}

}  // namespace chorus
