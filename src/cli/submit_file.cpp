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

// Every fatal finding of the XSD and the rules, as `validate` reports them
// (for a Factur-X PDF also its PDF side); warnings do not stop a deposit.
Result<std::vector<Diagnostic>> FatalFindings(const PreparedFile& f,
                                              const XmlDocument& doc,
                                              const ReadResult& read) {
  auto dir = SchemaDir();
  if (!dir) {
    Error e = dir.take_error();
    e.message += " (or submit with --no-validate)";
    return e;
  }
  std::vector<Diagnostic> all;
  if (doc.syntax == Syntax::kFacturX) {
    all = facturx::Validate(f.bytes, f.path).diagnostics;
  } else {
    auto xsd = ValidateXsd(doc, ChooseSchema(doc));
    if (!xsd) return xsd.take_error();
    all = std::move(*xsd);
    auto rules = CheckRules(doc, read);
    all.insert(all.end(), rules.begin(), rules.end());
  }
  std::vector<Diagnostic> fatal;
  for (auto& d : all) {
    if (d.severity != Severity::kWarning) fatal.push_back(std::move(d));
  }
  return fatal;
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
  // A Factur-X PDF loads as its embedded CII (syntax kFacturX).
  auto doc = LoadDocumentBuffer(f.bytes, path);
  if (!doc) return doc.take_error();
  f.kind = SyntaxName((*doc)->syntax);
  f.syntaxe_flux = api::SyntaxeFluxFor(f.kind);
  ReadResult read = ReadInvoice(**doc);
  if (validate) {
    auto fatal = FatalFindings(f, **doc, read);
    if (!fatal) return fatal.take_error();
    if (!fatal->empty()) {
      return MakeError(Error::Kind::kInvalidInput,
                       path + ": invalid (" + std::to_string(fatal->size()) +
                           " finding" + (fatal->size() > 1 ? "s" : "") +
                           "); not deposited (--no-validate to deposit anyway)",
                       std::move(*fatal));
    }
  }
  f.invoice = std::move(read.invoice);
  f.number = f.invoice.number.value_or("");
  f.seller = api::SellerIdOf(f.invoice);
  f.buyer = api::RecipientIdOf(f.invoice);
  return f;
}

}  // namespace chorus::cli
