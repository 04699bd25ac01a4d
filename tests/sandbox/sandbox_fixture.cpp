#include "sandbox/sandbox_fixture.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <chrono>
#include <thread>

#include "support/test_env.h"

namespace chorus::sandbox::testing {

// OpenSSL's codec, independent of the sandbox's own.
std::string B64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string Unb64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return "<invalid base64>";
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::string Reply::Header(const char* name) const {
  auto it = headers.find(name);
  return it != headers.end() ? it->second : std::string();
}

SandboxOptions FastOptions() {
  SandboxOptions o;
  o.tls = true;
  o.cert_dir = (chorus::testing::TempDir() / "certs").string();
  o.processing_step = std::chrono::milliseconds(15);
  o.seed = 42;
  return o;
}

Running::Running(SandboxOptions options)
    : sandbox_(std::make_unique<Sandbox>(std::move(options))) {
  auto info = sandbox_->Start();
  if (!info) {
    ADD_FAILURE() << "sandbox did not start: " << info.error().message;
    return;
  }
  info_ = *info;
}

Running::~Running() { sandbox_->Stop(); }

std::unique_ptr<httplib::Client> Running::Client(bool client_cert) const {
  std::unique_ptr<httplib::Client> c =
      client_cert ? std::make_unique<httplib::Client>(
                        info_.url, info_.client_cert, info_.client_key)
                  : std::make_unique<httplib::Client>(info_.url);
  if (!info_.ca.empty()) {
    c->set_ca_cert_path(info_.ca);
    c->enable_server_certificate_verification(true);
  }
  c->set_read_timeout(10, 0);
  return c;
}

namespace {
Reply ToReply(const httplib::Result& res) {
  Reply r;
  if (!res) return r;
  r.answered = true;
  r.status = res->status;
  r.headers = res->headers;
  r.body = nlohmann::json::parse(res->body, nullptr, false);
  return r;
}
}  // namespace

Reply Running::Token(const std::string& id, const std::string& secret,
                     const std::string& grant) {
  httplib::Params form{{"grant_type", grant},
                       {"client_id", id},
                       {"client_secret", secret},
                       {"scope", "openid"}};
  return ToReply(Client(with_client_cert)->Post("/api/oauth/token", form));
}

Reply Running::Raw(const std::string& method, const std::string& path,
                   const std::string& bearer, const std::string& account,
                   const std::string& body) {
  httplib::Headers h;
  if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
  if (!account.empty()) h.emplace("cpro-account", account);
  auto c = Client(with_client_cert);
  const char* type = "application/json;charset=utf-8";
  if (method == "GET") return ToReply(c->Get(("/cpro/" + path).c_str(), h));
  return ToReply(c->Post(("/cpro/" + path).c_str(), h, body, type));
}

Reply Running::Api(const std::string& path, const nlohmann::json& body,
                   const std::string& client_id) {
  std::string& token = tokens_[client_id];
  if (token.empty()) {
    Reply t = Token(client_id);
    EXPECT_EQ(t.status, 200);
    if (t.status != 200) return t;
    token = t.body["access_token"].get<std::string>();
  }
  return Raw("POST", path, token, Account(), body.dump());
}

std::string Running::Deposit(const std::string& bytes, const std::string& name,
                             const std::string& syntaxe) {
  Reply r = Api("factures/v1/deposer/flux", {{"idUtilisateurCourant", 0},
                                             {"fichierFlux", B64(bytes)},
                                             {"nomFichier", name},
                                             {"syntaxeFlux", syntaxe},
                                             {"avecSignature", false}});
  EXPECT_EQ(r.status, 200) << r.body.dump();
  return r.status == 200 ? r.body.value("numeroFluxDepot", "") : "";
}

nlohmann::json Running::WaitFinal(const std::string& numero) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  nlohmann::json last;
  while (std::chrono::steady_clock::now() < deadline) {
    Reply r = Api("transverses/v1/consulterCRDetaille",
                  {{"numeroFluxDepot", numero}});
    last = r.body;
    std::string etat = r.body.value("etatCourantDepotFlux", "");
    if (etat == "IN_INTEGRE" || etat == "IN_REJETE" ||
        etat == "IN_INTEGRE_PARTIEL")
      return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "flow " << numero << " not final after 5 s: " << last.dump();
  return last;
}

std::string Account(const std::string& login, const std::string& password) {
  return B64(login + ":" + password);
}

std::string Sample(const std::string& name) {
  return chorus::testing::ReadFile(chorus::testing::SourceDir() / "samples" /
                                   "generated" / name);
}

std::string Replace(std::string text, const std::string& from,
                    const std::string& to) {
  std::size_t pos = 0;
  int count = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
    ++count;
  }
  EXPECT_GT(count, 0) << "\"" << from << "\" not found in the sample";
  return text;
}

}  // namespace chorus::sandbox::testing
