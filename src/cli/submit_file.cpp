#include "cli/submit_file.h"

#include <filesystem>

#include "chorus/api/chorus_pro.h"
#include "chorus/facturx/facturx.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/format/xsd.h"
#include "chorus/journal/journal.h"
#include "chorus/rules/rules.h"

namespace chorus::cli {
namespace {

// Fatal findings stop a deposit; warnings do not.
std::vector<Diagnostic> FatalOnly(std::vector<Diagnostic> all) {
  std::vector<Diagnostic> fatal;
  for (auto& d : all) {
    if (d.severity != Severity::kWarning) fatal.push_back(std::move(d));
  }
  return fatal;
}

// The XSD and the rules `validate` runs (RuleOptionsFor) on an XML file.
Result<std::vector<Diagnostic>> XmlFindings(const XmlDocument& doc,
                                            const ReadResult& read) {
  auto xsd = ValidateXsd(doc, ChooseSchema(doc));
  if (!xsd) return xsd.take_error();
  std::vector<Diagnostic> all = std::move(*xsd);
  auto rules = CheckRules(doc, read, RuleOptionsFor(doc));
  all.insert(all.end(), std::make_move_iterator(rules.begin()),
             std::make_move_iterator(rules.end()));
  return all;
}

struct Loaded {
  std::unique_ptr<XmlDocument> doc;
  ReadResult read;
  std::vector<Diagnostic> fatal;  // empty when not validated
};

// A Factur-X PDF is parsed once: facturx::Validate checks its PDF side and
// hands back the XML it loaded.
Result<Loaded> LoadPdf(const PreparedFile& f, bool validate) {
  facturx::ValidateOptions options;
  options.xsd = validate;
  if (!validate) options.rules = RuleRequest{false, false, false};
  facturx::Validation v = facturx::Validate(f.bytes, f.path, options);
  if (!v.document) {
    std::vector<Diagnostic> why = FatalOnly(std::move(v.diagnostics));
    return MakeError(
        Error::Kind::kUsage,
        f.path + ": is a PDF but no Factur-X invoice can be read from it" +
            (why.empty() ? "" : ": " + why.front().message),
        std::move(why));
  }
  Loaded out{std::move(v.document), std::move(*v.read), {}};
  if (validate) out.fatal = FatalOnly(std::move(v.diagnostics));
  return out;
}

Result<Loaded> LoadXml(const PreparedFile& f, bool validate) {
  auto doc = LoadDocumentBuffer(f.bytes, f.path);
  if (!doc) return doc.take_error();
  Loaded out{std::move(*doc), {}, {}};
  out.read = ReadInvoice(*out.doc);
  if (validate) {
    auto all = XmlFindings(*out.doc, out.read);
    if (!all) return all.take_error();
    out.fatal = FatalOnly(std::move(*all));
  }
  return out;
}

}  // namespace

Result<PreparedFile> PrepareFile(const std::string& path, bool validate) {
  PreparedFile f;
  f.path = path;
  f.file_name = std::filesystem::path(path).filename().string();
  // Read with a margin above the platform's limit so the message can say
  // the file is too large rather than unreadable.
  auto bytes = ReadFileBounded(path, kMaxDepositBytes + 1);
  if (!bytes) return bytes.take_error();
  if (bytes->size() > kMaxDepositBytes) {
    return MakeError(Error::Kind::kInvalidInput,
                     path + ": larger than Chorus Pro's 10 MB limit per file");
  }
  f.bytes = std::move(*bytes);
  f.sha256 = journal::Sha256Hex(f.bytes);
  if (validate) {
    if (auto dir = SchemaDir(); !dir) {
      Error e = dir.take_error();
      e.message += " (or submit with --no-validate)";
      return e;
    }
  }
  auto loaded = facturx::LooksLikePdf(f.bytes) ? LoadPdf(f, validate)
                                               : LoadXml(f, validate);
  if (!loaded) return loaded.take_error();
  f.kind = SyntaxName(loaded->doc->syntax);
  f.syntaxe_flux = api::SyntaxeFluxFor(f.kind);
  if (!loaded->fatal.empty()) {
    std::size_t n = loaded->fatal.size();
    return MakeError(Error::Kind::kInvalidInput,
                     path + ": invalid (" + std::to_string(n) + " finding" +
                         (n > 1 ? "s" : "") +
                         "); not deposited (--no-validate to deposit anyway)",
                     std::move(loaded->fatal));
  }
  f.invoice = std::move(loaded->read.invoice);
  f.number = f.invoice.number.value_or("");
  f.seller = api::SellerIdOf(f.invoice);
  f.buyer = api::RecipientIdOf(f.invoice);
  return f;
}

}  // namespace chorus::cli
