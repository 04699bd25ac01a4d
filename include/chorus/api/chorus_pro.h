// The Chorus Pro client (PISTE gateway), written against
// ../shared/docs/platform-apis.md §1: OAuth2 client credentials with a
// cached token, the cpro-account header, retries with backoff, and typed
// requests/answers. Unknown fields and states are kept (`raw`), never dropped.
#ifndef CHORUS_API_CHORUS_PRO_H_
#define CHORUS_API_CHORUS_PRO_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chorus/api/http.h"
#include "chorus/util/result.h"

namespace chorus::api {

// ---------------------------------------------------------------- errors --

enum class ApiErrorKind {
  kUnreachable,     // transport failure (resolve/connect/TLS) after retries
  kDeadline,        // the total deadline passed while retrying
  kUnknownOutcome,  // a deposit was sent and no answer came: it may exist
  kBadClient,       // token endpoint refused the PISTE client id/secret
  kUnauthorized,    // 401 from the gateway: token or technical account
  kNotSubscribed,   // 403: the API is not in the application's subscription
  kRateLimited,     // 429 still after retries
  kServer,          // 5xx still after retries
  kFunctional,      // codeRetour != 0 (HTTP 200 or 400): libelle says why
  kNotFound,        // 404
  kBadAnswer,       // answer not JSON / not the documented shape
};

const char* ApiErrorKindName(ApiErrorKind kind);  // "unreachable", ...

struct ApiError {
  ApiErrorKind kind = ApiErrorKind::kBadAnswer;
  int http_status = 0;     // 0 when no answer
  int code_retour = 0;     // Chorus Pro codeRetour when present
  std::string libelle;     // Chorus Pro libelle / OAuth error code
  std::string message;     // one readable line; never contains a secret
  std::string operation;   // "deposer/flux", "token", ...

  // Exit-code mapping at the CLI: kUnreachable, kDeadline, kUnknownOutcome,
  // kRateLimited, kServer -> kNetwork (3); kFunctional -> kInvalidInput (1);
  // kBadClient, kUnauthorized, kNotSubscribed, kNotFound, kBadAnswer -> kUsage (2).
  Error ToError() const;
};

template <typename T>
using ApiResult = Result<T, ApiError>;

// ----------------------------------------------------------- connection --

struct Endpoints {
  std::string token_url;  // https://oauth.piste.gouv.fr/api/oauth/token
  std::string api_base;   // https://api.piste.gouv.fr  (paths /cpro/<api>/v1/..)
};

struct Credentials {
  std::string client_id;      // PISTE application
  std::string client_secret;  // secret
  std::string tech_login;     // Chorus Pro technical account, TECH_1_...@cpro.fr
  std::string tech_password;  // secret
};

// Time seam: tests run retries and token expiry without sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::steady_clock::time_point Now() = 0;
  virtual void SleepFor(std::chrono::milliseconds d) = 0;
};
Clock& SystemClock();

struct RetryPolicy {
  int max_attempts = 6;                              // per call, first included
  std::chrono::milliseconds base_delay{500};          // doubled each attempt
  std::chrono::milliseconds max_delay{30'000};        // cap of one wait
  std::chrono::milliseconds deadline{120'000};        // whole call, waits included
  // Full jitter: each wait is uniform in [0, min(max_delay, base*2^n)];
  // a Retry-After (seconds or HTTP date) replaces it when larger.
  std::uint64_t jitter_seed = 0;                     // 0 = random
};

// -------------------------------------------------------------- answers --

struct DepositRequest {
  std::string file_bytes;   // raw file; the client base64-encodes it
  std::string file_name;    // nomFichier
  std::string syntaxe_flux; // IN_DP_E1_UBL_INVOICE, IN_DP_E1_CII_16B, IN_DP_E2_CII_FACTURX...
  bool avec_signature = false;
};

struct DepositAnswer {
  std::string numero_flux_depot;
  std::string date_depot;
  std::string syntaxe_flux;
  nlohmann::json raw;
};

struct TechnicalError {
  std::string code, libelle, nature;
};
struct InvoiceError {  // listeErreurDP
  std::string numero_dp, identifiant_fournisseur, identifiant_destinataire,
      libelle;
};

struct FlowReport {  // consulterCRDetaille (and consulterCR, fewer fields)
  std::string etat;  // etatCourantDepotFlux / etatCourantFlux, kept verbatim
  std::string date_depot;
  std::string date_heure_etat;
  std::string nom_fichier;
  std::string code_interface;
  std::vector<TechnicalError> erreurs_techniques;
  std::vector<InvoiceError> erreurs_dp;
  std::string fichier_cr;  // decoded bytes of the PDF report (consulterCR)
  nlohmann::json raw;
};

enum class FlowOutcome { kPending, kIntegrated, kPartial, kRejected };
// IN_INTEGRE -> kIntegrated, IN_INTEGRE_PARTIEL -> kPartial, IN_REJETE ->
// kRejected, anything else (including unknown states) -> kPending.
FlowOutcome FlowOutcomeOf(const std::string& etat);

struct InvoiceSearch {
  std::string numero_flux_depot, numero_facture;
  std::vector<std::string> statuts;
  std::string date_du, date_au;  // YYYY-MM-DD
  int page = 1, per_page = 50;
};

struct InvoiceSummary {
  std::int64_t identifiant_facture_cpp = 0;
  std::string numero_facture, statut, numero_flux_depot, date_depot;
  nlohmann::json raw;
};

struct InvoiceSearchAnswer {
  std::vector<InvoiceSummary> factures;
  int page = 0, pages = 0, total = 0, per_page = 0;
  nlohmann::json raw;
};

struct InvoiceHistory {
  std::string statut_courant;
  struct Entry {
    std::string code, date;
  };
  std::vector<Entry> entries;
  nlohmann::json raw;
};

struct Structure {
  std::int64_t id_structure_cpp = 0;
  std::string identifiant, designation, statut;
  nlohmann::json raw;
};

struct StructureDetail {
  std::int64_t id_structure_cpp = 0;
  bool service_code_required = false;     // codeServiceDoitEtreRenseigne
  bool engagement_required = false;       // numeroEJDoitEtreRenseigne
  bool engagement_or_service = false;     // gestionNumeroEJOuCodeService
  nlohmann::json raw;
};

struct Service {
  std::int64_t id_service = 0;
  std::string code, libelle;
  bool actif = false;
  nlohmann::json raw;
};

// --------------------------------------------------------------- client --

// Thread-compatible: one client (and one HttpClient) per thread.
class ChorusProClient {
 public:
  // `http` and `clock` must outlive the client.
  ChorusProClient(HttpClient& http, Endpoints endpoints, Credentials creds,
                  RetryPolicy retry = {}, Clock& clock = SystemClock());
  ~ChorusProClient();

  // Gets (or reuses) a token; refreshed 60 s before expires_in ends, and
  // once more on a 401 from the gateway before giving up.
  ApiResult<Ok> Authenticate();

  // Deposits are never retried once the request may have reached the
  // server: a kSentNoAnswer/timeout after sending yields kUnknownOutcome,
  // and so do HTTP 500, 502, 504 (the backend may have stored the flow).
  // Failures before sending (connect refused, 429, 503 with no side
  // effect) are retried.
  ApiResult<DepositAnswer> DeposerFlux(const DepositRequest& request);
  ApiResult<FlowReport> ConsulterCR(const std::string& numero_flux_depot);
  ApiResult<FlowReport> ConsulterCRDetaille(const std::string& numero_flux_depot);

  ApiResult<InvoiceSearchAnswer> RechercherFournisseur(const InvoiceSearch& q);
  ApiResult<InvoiceSearchAnswer> RechercherRecipiendaire(const InvoiceSearch& q);
  ApiResult<nlohmann::json> ConsulterFournisseur(std::int64_t id_facture_cpp);
  ApiResult<InvoiceHistory> ConsulterHistorique(std::int64_t id_facture_cpp);
  // Returns the decoded bytes of fichierResultat.
  ApiResult<std::string> TelechargerGroupe(
      const std::vector<std::int64_t>& ids, const std::string& format,
      bool avec_pieces_jointes);

  ApiResult<std::vector<Structure>> RechercherStructure(const std::string& siret);
  ApiResult<StructureDetail> ConsulterStructure(std::int64_t id_structure_cpp);
  ApiResult<std::vector<Service>> RechercherServices(std::int64_t id_structure_cpp);

  // Raw call for anything not typed above: POST /cpro/<path> with `body`
  // ("factures/v1/x", "/factures/v1/x" and "/cpro/factures/v1/x" alike).
  // It may have a side effect, so like a deposit it is sent at most once.
  ApiResult<nlohmann::json> Call(const std::string& path,
                                 const nlohmann::json& body);

  ChorusProClient(const ChorusProClient&) = delete;
  ChorusProClient& operator=(const ChorusProClient&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The syntaxeFlux for a document: "ubl" -> IN_DP_E1_UBL_INVOICE,
// "cii" -> IN_DP_E1_CII_16B, "facturx" -> IN_DP_E2_CII_FACTURX; "" otherwise.
const char* SyntaxeFluxFor(std::string_view kind);

}  // namespace chorus::api

#endif  // CHORUS_API_CHORUS_PRO_H_
