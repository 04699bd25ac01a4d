#include "chorus/sandbox/sandbox.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <thread>

#include "sandbox/connection.h"
#include "sandbox/gateway.h"
#include "sandbox/platform.h"
#include "sandbox/tls_material.h"

namespace chorus::sandbox {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kJson = "application/json;charset=utf-8";
constexpr std::size_t kMaxBody = 40u
                                 << 20;  // a 10 MB file in base64, with room

const std::string& Header(const httplib::Request& req, const char* name) {
  static const std::string kEmpty;
  auto it =
      req.headers.find(name);  // httplib compares names case-insensitively
  return it != req.headers.end() ? it->second : kEmpty;
}

// Parses a request body. A deposit carries up to ~14 MB of base64 in
// fichierFlux: that one string is cut out before parsing and put back
// after, since a JSON lexer walks it byte by byte (seconds in a debug
// build) although base64 holds no quote or escape. Anything unusual
// (escapes, a nested key of that name) takes the plain path.
json ParseBody(const std::string& body) {
  if (body.empty()) return json::object();
  constexpr std::string_view kKey = "\"fichierFlux\"";
  std::size_t key = body.find(kKey);
  if (key != std::string::npos && body.size() > (1u << 16) &&
      (key == 0 || body[key - 1] != '\\')) {
    std::size_t p = body.find_first_not_of(" \t\r\n", key + kKey.size());
    if (p != std::string::npos && body[p] == ':')
      p = body.find_first_not_of(" \t\r\n", p + 1);
    if (p != std::string::npos && body[p] == '"') {
      std::size_t end = body.find('"', p + 1);
      if (end != std::string::npos &&
          std::string_view(body).substr(p + 1, end - p - 1).find('\\') ==
              std::string::npos) {
        std::string rest = body.substr(0, p + 1) + body.substr(end);
        json j = json::parse(rest, nullptr, false);
        if (j.is_object() && j.value("fichierFlux", json()) == "") {
          j["fichierFlux"] = body.substr(p + 1, end - p - 1);
          return j;
        }
      }
    }
  }
  return json::parse(body, nullptr, false);
}

void Reply(httplib::Response& res, const Answer& a) {
  res.status = a.status;
  res.set_content(
      a.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      kJson);
}

}  // namespace

struct Sandbox::Impl {
  explicit Impl(SandboxOptions o)
      : opt(std::move(o)),
        platform(opt.state_file, opt.processing_step),
        tokens(opt.token_ttl),
        limiter(opt.rate_limit),
        dice(opt.seed) {}

  void Handle(const httplib::Request& req, httplib::Response& res);
  // The request after the fault injectors; returns false when the
  // connection was cut instead of answered.
  bool Serve(const httplib::Request& req, httplib::Response& res);
  void ServeApi(const httplib::Request& req, httplib::Response& res, bool* cut);
  std::string RateKey(const httplib::Request& req);
  void Work();

  SandboxOptions opt;
  SandboxInfo info;
  Platform platform;
  TokenStore tokens;
  RateLimiter limiter;
  FaultDice dice;
  std::unique_ptr<httplib::Server> server;
  std::thread listener, worker;
  std::mutex worker_mu;
  std::condition_variable worker_cv;
  bool stopping = false;
  bool running = false;
};

std::string Sandbox::Impl::RateKey(const httplib::Request& req) {
  if (req.path == "/api/oauth/token" && req.has_param("client_id")) {
    return "client:" + req.get_param_value("client_id");
  }
  const std::string& auth = Header(req, "Authorization");
  std::string client;
  if (auth.rfind("Bearer ", 0) == 0 &&
      tokens.Find(auth.substr(7), &client) == TokenStore::Check::kOk) {
    return "client:" + client;
  }
  return "addr:" + req.remote_addr;
}

void Sandbox::Impl::Handle(const httplib::Request& req,
                           httplib::Response& res) {
  auto start = Clock::now();
  bool answered = Serve(req, res);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() -
                                                                  start)
                .count();
  // Method, path, outcome, time: never a header value or a body.
  if (answered) {
    spdlog::info("sandbox: {} {} -> {} ({} ms)", req.method, req.path,
                 res.status, ms);
  } else {
    spdlog::info("sandbox: {} {} -> connection cut after recording ({} ms)",
                 req.method, req.path, ms);
  }
}

bool Sandbox::Impl::Serve(const httplib::Request& req, httplib::Response& res) {
  if (opt.latency.count() > 0) std::this_thread::sleep_for(opt.latency);
  if (dice.Roll(opt.fail_rate)) {
    int status = dice.ServerErrorStatus();
    Reply(res, {status,
                {{"error", "server_error"},
                 {"error_description",
                  "injected failure (--fail-rate): nothing was done"}}});
    return true;
  }
  if (int wait = limiter.Admit(RateKey(req)); wait > 0) {
    Reply(res, {429,
                {{"error", "too_many_requests"},
                 {"error_description", "rate limit of " +
                                           std::to_string(opt.rate_limit) +
                                           " requests per minute reached"}}});
    res.set_header("Retry-After", std::to_string(wait));
    return true;
  }
  if (req.path == "/api/oauth/token") {
    if (req.method != "POST") {
      Reply(res, {405,
                  {{"error", "invalid_request"},
                   {"error_description", "use POST"}}});
      res.set_header("Allow", "POST");
      return true;
    }
    auto field = [&](const char* name) {
      return req.has_param(name) ? req.get_param_value(name) : std::string();
    };
    Reply(res, IssueToken(field, Header(req, "Authorization"), opt.credentials,
                          tokens));
    res.set_header("Cache-Control", "no-store");
    return true;
  }
  if (req.path.rfind("/cpro/", 0) == 0) {
    bool cut = false;
    ServeApi(req, res, &cut);
    return !cut;
  }
  Reply(res, {404,
              {{"error", "not_found"},
               {"error_description", "no such path: " + req.path}}});
  return true;
}

void Sandbox::Impl::ServeApi(const httplib::Request& req,
                             httplib::Response& res, bool* cut) {
  std::string client_id;
  if (auto refusal =
          Authorize(Header(req, "Authorization"), Header(req, "cpro-account"),
                    opt.credentials, tokens, &client_id)) {
    Reply(res, refusal->answer);
    if (refusal->token_problem) {
      res.set_header(
          "WWW-Authenticate",
          "Bearer realm=\"chorus-sandbox\", error=\"invalid_token\"");
    }
    return;
  }
  const Route* route = FindRoute(req.path);
  if (route == nullptr) {
    Reply(res, {404,
                {{"error", "not_found"},
                 {"error_description", "no such operation: " + req.path}}});
    return;
  }
  if (!Subscribed(opt.credentials, client_id, route->api)) {
    std::string api(route->api);
    Reply(res,
          {403,
           {{"error", "access_denied"},
            {"error_description", "the application is not subscribed to the " +
                                      api + " API (" + api + " v1)"}}});
    return;
  }
  if (req.method != "POST") {
    Reply(res, {405,
                {{"error", "method_not_allowed"},
                 {"error_description", "use POST"}}});
    res.set_header("Allow", "POST");
    return;
  }
  json body = ParseBody(req.body);
  if (body.is_discarded()) {
    Reply(res, FunctionalError(
                   10000, "Le corps de la requête n'est pas un JSON valide"));
    return;
  }
  Answer answer = route->run(platform, body, client_id);
  Reply(res, answer);
  if (route->operation == "deposer/flux" && answer.status == 200 &&
      dice.Roll(opt.drop_after_receive)) {
    *cut = CutConnection(req);
  }
}

void Sandbox::Impl::Work() {
  auto tick = std::max(opt.processing_step / 4, std::chrono::milliseconds(5));
  std::unique_lock lock(worker_mu);
  while (!stopping) {
    lock.unlock();
    platform.Tick();
    lock.lock();
    worker_cv.wait_for(lock, tick, [&] { return stopping; });
  }
}

Sandbox::Sandbox(SandboxOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

Sandbox::~Sandbox() { Stop(); }

Result<SandboxInfo> Sandbox::Start() {
  Impl& im = *impl_;
  if (im.running) return im.info;
  const SandboxOptions& opt = im.opt;
  if (Status loaded = im.platform.Load(); !loaded) return loaded.error();
  // A cut connection (--drop-after-receive) must not kill the process when
  // a write to it follows.
  std::signal(SIGPIPE, SIG_IGN);

  SandboxInfo info;
  if (!opt.tls && !opt.client_ca.empty()) {
    return MakeError(Error::Kind::kUsage, "sandbox: --client-ca needs --tls");
  }
  if (opt.tls) {
    auto files = EnsureTlsMaterial(opt.cert_dir, opt.p12_password);
    if (!files) return files.error();
    // Checked after generation: the CA just generated may be the one named.
    if (!opt.client_ca.empty() && !std::filesystem::exists(opt.client_ca)) {
      return MakeError(Error::Kind::kUsage,
                       opt.client_ca + ": client CA file not found");
    }
    auto ssl = std::make_unique<httplib::SSLServer>(
        files->server_cert.c_str(), files->server_key.c_str(),
        opt.client_ca.empty() ? nullptr : opt.client_ca.c_str());
    if (!ssl->is_valid()) {
      return MakeError(Error::Kind::kUsage,
                       "sandbox TLS: cannot load " + files->server_cert +
                           " / server-key.pem or the client CA");
    }
    // With client verification on, OpenSSL refuses to resume a session
    // (libcurl offers one on every new connection) unless the context has
    // a session id context: the handshake fails with an internal-error alert.
    static const unsigned char kSessionContext[] = "chorus-sandbox";
    SSL_CTX_set_session_id_context(ssl->ssl_context(), kSessionContext,
                                   sizeof kSessionContext - 1);
    im.server = std::move(ssl);
    info.cert_dir = files->dir;
    info.ca = files->ca;
    info.client_cert = files->client_cert;
    info.client_key = files->client_key;
    info.client_p12 = files->client_p12;
  } else {
    im.server = std::make_unique<httplib::Server>();
  }
  httplib::Server& svr = *im.server;
  svr.set_payload_max_length(kMaxBody);
  auto handler = [&im](const httplib::Request& req, httplib::Response& res) {
    im.Handle(req, res);
  };
  svr.Get(".*", handler);
  svr.Post(".*", handler);
  svr.Put(".*", handler);
  svr.Patch(".*", handler);
  svr.Delete(".*", handler);
  svr.Options(".*", handler);

  int port = opt.port;
  if (port == 0) {
    port = svr.bind_to_any_port(opt.host);
  } else if (!svr.bind_to_port(opt.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return MakeError(Error::Kind::kUsage, "sandbox: cannot listen on " +
                                              opt.host + ":" +
                                              std::to_string(opt.port));
  }
  im.listener = std::thread([&svr] { svr.listen_after_bind(); });
  // stop() only works once the accept loop runs.
  for (int i = 0; i < 500 && !svr.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  im.stopping = false;
  im.worker = std::thread([&im] { im.Work(); });
  im.running = true;

  std::string host =
      opt.host.find(':') != std::string::npos ? "[" + opt.host + "]" : opt.host;
  info.port = port;
  info.url = std::string(opt.tls ? "https://" : "http://") + host + ":" +
             std::to_string(port);
  info.token_url = info.url + "/api/oauth/token";
  info.api_base = info.url;
  im.info = info;
  return info;
}

void Sandbox::Stop() {
  Impl& im = *impl_;
  if (!im.running) return;
  im.server->stop();
  if (im.listener.joinable()) im.listener.join();
  {
    std::lock_guard lock(im.worker_mu);
    im.stopping = true;
  }
  im.worker_cv.notify_all();
  if (im.worker.joinable()) im.worker.join();
  im.platform.Save();
  im.running = false;
}

}  // namespace chorus::sandbox
