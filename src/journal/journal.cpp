// The deposit journal on SQLite.
#include "chorus/journal/journal.h"

#include <openssl/evp.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "chorus/util/files.h"

namespace chorus::journal {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS deposits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  invoice_number TEXT NOT NULL,
  seller TEXT NOT NULL,
  buyer TEXT NOT NULL,
  env TEXT NOT NULL,
  syntaxe TEXT NOT NULL,
  attempted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  flow_number TEXT NOT NULL DEFAULT '',
  date_depot TEXT NOT NULL DEFAULT '',
  flow_state TEXT NOT NULL DEFAULT '',
  flow_state_at TEXT NOT NULL DEFAULT '',
  flow_detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS deposits_file ON deposits(sha256, env);
CREATE INDEX IF NOT EXISTS deposits_flow ON deposits(flow_number, env);
CREATE TABLE IF NOT EXISTS recipients (
  env TEXT NOT NULL,
  siret TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (env, siret)
);
PRAGMA user_version = 1;
)sql";

constexpr const char* kColumns =
    "id, sha256, path, invoice_number, seller, buyer, env, syntaxe, "
    "attempted_at, updated_at, outcome, reason, flow_number, date_depot, "
    "flow_state, flow_state_at, flow_detail";

std::string NowIso() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                now.time_since_epoch()) %
            1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(ms.count()));
  return buf;
}

Outcome OutcomeFromName(const std::string& s) {
  if (s == "deposited") return Outcome::kDeposited;
  if (s == "unknown") return Outcome::kUnknown;
  if (s == "failed") return Outcome::kFailed;
  return Outcome::kSending;
}

}  // namespace

// One connection plus a tiny prepared-statement helper.
struct Journal::Db {
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close(handle); }

  Error Fail(const std::string& what) const {
    return MakeError(Error::Kind::kUsage,
                     "journal: " + what + ": " + sqlite3_errmsg(handle));
  }

  class Stmt {
   public:
    Stmt(sqlite3* db, const char* sql) {
      sqlite3_prepare_v2(db, sql, -1, &s_, nullptr);
    }
    ~Stmt() { sqlite3_finalize(s_); }
    bool ok() const { return s_ != nullptr; }
    Stmt& Bind(const std::string& v) {
      sqlite3_bind_text(s_, ++n_, v.data(), static_cast<int>(v.size()),
                        SQLITE_TRANSIENT);
      return *this;
    }
    Stmt& Bind(std::int64_t v) {
      sqlite3_bind_int64(s_, ++n_, v);
      return *this;
    }
    int Step() { return sqlite3_step(s_); }
    std::string Text(int col) const {
      const auto* p = sqlite3_column_text(s_, col);
      return p ? std::string(
                     reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(s_, col)))
               : std::string();
    }
    std::int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }

   private:
    sqlite3_stmt* s_ = nullptr;
    int n_ = 0;
  };

  // Runs a statement expected to finish in one step (no rows).
  Status Exec(Stmt& st, const std::string& what) {
    if (!st.ok() || st.Step() != SQLITE_DONE) return Fail(what);
    return Ok{};
  }

  static DepositRecord Row(const Stmt& st) {
    DepositRecord r;
    r.id = st.Int(0);
    r.attempt = {st.Text(1), st.Text(2), st.Text(3), st.Text(4),
                 st.Text(5), st.Text(6), st.Text(7)};
    r.attempted_at = st.Text(8);
    r.updated_at = st.Text(9);
    r.outcome = OutcomeFromName(st.Text(10));
    r.reason = st.Text(11);
    r.flow_number = st.Text(12);
    r.date_depot = st.Text(13);
    r.flow_state = st.Text(14);
    r.flow_state_at = st.Text(15);
    r.flow_detail = st.Text(16);
    return r;
  }
};

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kSending:
      return "sending";
    case Outcome::kDeposited:
      return "deposited";
    case Outcome::kUnknown:
      return "unknown";
    case Outcome::kFailed:
      return "failed";
  }
  return "sending";
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Journal::Journal(std::string path, std::unique_ptr<Db> db)
    : path_(std::move(path)), db_(std::move(db)) {}
Journal::~Journal() = default;

Result<std::unique_ptr<Journal>> Journal::Open(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(path).parent_path();
  std::error_code ec;
  if (auto made = MakePrivateDirs(dir); !made) {
    return MakeError(Error::Kind::kUsage, "journal: " + made.error().message);
  }
  auto db = std::make_unique<Db>();
  int rc = sqlite3_open_v2(
      path.c_str(), &db->handle,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db->handle ? sqlite3_errmsg(db->handle) : "out of memory";
    return MakeError(Error::Kind::kUsage,
                     "journal: cannot open " + path + ": " + why);
  }
  ::chmod(path.c_str(), 0600);
  // Two chorus processes may share the journal (a cron job and a user).
  sqlite3_busy_timeout(db->handle, 10'000);
  char* err = nullptr;
  if (sqlite3_exec(db->handle, "PRAGMA journal_mode=WAL;", nullptr, nullptr,
                   &err) != SQLITE_OK ||
      sqlite3_exec(db->handle, kSchema, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    return MakeError(
        Error::Kind::kUsage,
        "journal: " + path + " is not a usable chorus journal: " + why);
  }
  return std::unique_ptr<Journal>(new Journal(path, std::move(db)));
}

Result<std::int64_t> Journal::RecordAttempt(const DepositAttempt& a) {
  Db::Stmt st(db_->handle,
              "INSERT INTO deposits (sha256, path, invoice_number, seller, "
              "buyer, env, syntaxe, attempted_at, updated_at, outcome) "
              "VALUES (?,?,?,?,?,?,?,?,?, 'sending')");
  std::string now = NowIso();
  st.Bind(a.sha256).Bind(a.path).Bind(a.invoice_number).Bind(a.seller);
  st.Bind(a.buyer).Bind(a.env).Bind(a.syntaxe).Bind(now).Bind(now);
  if (auto ok = db_->Exec(st, "cannot record the attempt"); !ok) {
    return ok.take_error();
  }
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_->handle));
}

Status Journal::SetOutcome(std::int64_t id, Outcome outcome,
                           const std::string& reason,
                           const std::string* flow_number,
                           const std::string* date_depot) {
  const char* sql =
      flow_number
          ? "UPDATE deposits SET outcome = ?, reason = ?, updated_at = ?, "
            "flow_number = ?, date_depot = ? WHERE id = ?"
          : "UPDATE deposits SET outcome = ?, reason = ?, updated_at = ? "
            "WHERE id = ?";
  Db::Stmt st(db_->handle, sql);
  st.Bind(std::string(OutcomeName(outcome))).Bind(reason).Bind(NowIso());
  if (flow_number) st.Bind(*flow_number).Bind(*date_depot);
  st.Bind(id);
  if (auto ok = db_->Exec(st, "cannot update attempt " + std::to_string(id));
      !ok) {
    return ok;
  }
  if (sqlite3_changes(db_->handle) == 0) {
    return MakeError(Error::Kind::kUsage,
                     "journal: no attempt " + std::to_string(id));
  }
  return Ok{};
}

Status Journal::MarkDeposited(std::int64_t id, const std::string& flow_number,
                              const std::string& date_depot,
                              const std::string& note) {
  return SetOutcome(id, Outcome::kDeposited, note, &flow_number, &date_depot);
}

Status Journal::MarkUnknown(std::int64_t id, const std::string& reason) {
  return SetOutcome(id, Outcome::kUnknown, reason, nullptr, nullptr);
}

Status Journal::MarkFailed(std::int64_t id, const std::string& reason) {
  return SetOutcome(id, Outcome::kFailed, reason, nullptr, nullptr);
}

Status Journal::RecordFlowState(const std::string& env,
                                const std::string& flow_number,
                                const std::string& state,
                                const std::string& detail) {
  Db::Stmt st(db_->handle,
              "UPDATE deposits SET flow_state = ?, flow_state_at = ?, "
              "flow_detail = ?, updated_at = ? "
              "WHERE flow_number = ? AND env = ?");
  std::string now = NowIso();
  st.Bind(state).Bind(now).Bind(detail).Bind(now).Bind(flow_number).Bind(env);
  return db_->Exec(st, "cannot record the state of flow " + flow_number);
}

Result<std::optional<DepositRecord>> Journal::FindBlocking(
    const std::string& sha256, const std::string& env) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM deposits WHERE sha256 = ? AND env = ? "
                    "ORDER BY id DESC LIMIT 1";
  Db::Stmt st(db_->handle, sql.c_str());
  if (!st.ok()) return db_->Fail("cannot query");
  st.Bind(sha256).Bind(env);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<DepositRecord>();
  if (rc != SQLITE_ROW) return db_->Fail("cannot query");
  DepositRecord r = Db::Row(st);
  if (r.outcome == Outcome::kFailed) return std::optional<DepositRecord>();
  return std::optional<DepositRecord>(std::move(r));
}

Result<std::optional<DepositRecord>> Journal::FindByFlow(
    const std::string& env, const std::string& flow_number) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM deposits WHERE flow_number = ? AND env = ? "
                    "ORDER BY id DESC LIMIT 1";
  Db::Stmt st(db_->handle, sql.c_str());
  if (!st.ok()) return db_->Fail("cannot query");
  st.Bind(flow_number).Bind(env);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<DepositRecord>();
  if (rc != SQLITE_ROW) return db_->Fail("cannot query");
  return std::optional<DepositRecord>(Db::Row(st));
}

Result<std::vector<DepositRecord>> Journal::Recent(int limit) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM deposits ORDER BY id DESC LIMIT ?";
  Db::Stmt st(db_->handle, sql.c_str());
  if (!st.ok()) return db_->Fail("cannot query");
  st.Bind(static_cast<std::int64_t>(limit));
  std::vector<DepositRecord> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(Db::Row(st));
  if (rc != SQLITE_DONE) return db_->Fail("cannot query");
  return out;
}

Result<std::optional<DepositRecord>> Journal::Get(std::int64_t id) {
  std::string sql =
      std::string("SELECT ") + kColumns + " FROM deposits WHERE id = ?";
  Db::Stmt st(db_->handle, sql.c_str());
  if (!st.ok()) return db_->Fail("cannot query");
  st.Bind(id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<DepositRecord>();
  if (rc != SQLITE_ROW) return db_->Fail("cannot query");
  return std::optional<DepositRecord>(Db::Row(st));
}

Result<std::optional<std::string>> Journal::CachedRecipient(
    const std::string& env, const std::string& siret, std::int64_t max_age_s,
    std::int64_t now_unix) {
  Db::Stmt st(db_->handle,
              "SELECT data, fetched_at FROM recipients "
              "WHERE env = ? AND siret = ?");
  if (!st.ok()) return db_->Fail("cannot query the recipient cache");
  st.Bind(env).Bind(siret);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return db_->Fail("cannot query the recipient cache");
  std::int64_t age = now_unix - st.Int(1);
  // A clock that went backwards makes the entry stale rather than eternal.
  if (age < 0 || age >= max_age_s) return std::optional<std::string>();
  return std::optional<std::string>(st.Text(0));
}

Status Journal::StoreRecipient(const std::string& env, const std::string& siret,
                               const std::string& json, std::int64_t now_unix) {
  Db::Stmt st(
      db_->handle,
      "INSERT OR REPLACE INTO recipients (env, siret, fetched_at, data) "
      "VALUES (?,?,?,?)");
  st.Bind(env).Bind(siret).Bind(now_unix).Bind(json);
  return db_->Exec(st, "cannot store the recipient " + siret);
}

}  // namespace chorus::journal
