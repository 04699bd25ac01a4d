// One file on its way to Chorus Pro: read, recognised (UBL, CII, Factur-X)
// with its syntaxeFlux, validated like `chorus validate` does (XSD + EN 16931
// rules), and the facts the journal and the recipient check need.
#ifndef CHORUS_SRC_CLI_SUBMIT_FILE_H_
#define CHORUS_SRC_CLI_SUBMIT_FILE_H_

#include <string>

#include "chorus/model/invoice.h"
#include "chorus/util/result.h"
#include "cli/recipient.h"

namespace chorus::cli {

// Chorus Pro's limit for one file in a flow.
inline constexpr std::size_t kMaxDepositBytes = 10u << 20;

struct PreparedFile {
  std::string path;
  std::string file_name;  // nomFichier: the base name
  std::string bytes;
  std::string sha256;
  std::string kind;          // "ubl", "cii", "facturx"
  std::string syntaxe_flux;  // IN_DP_E1_UBL_INVOICE, ...
  Invoice invoice;
  std::string number;  // BT-1
  std::string seller;
  RecipientId buyer;
};

// Fails kUsage when the file cannot be read or parsed (a PDF without a
// readable Factur-X XML included), kInvalidInput when it is too large or invalid
// (details: the fatal findings), unless `validate` is false.
Result<PreparedFile> PrepareFile(const std::string& path, bool validate);

}  // namespace chorus::cli

#endif  // CHORUS_SRC_CLI_SUBMIT_FILE_H_
