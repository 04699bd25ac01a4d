// chorus sandbox: a local Chorus Pro (PISTE gateway included) for tests,
// demos and trying the client without an account.
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "chorus/sandbox/sandbox.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

struct SandboxCliOptions {
  sandbox::SandboxOptions sandbox;
  std::string ready_file;
  std::string format = "text";
  int latency_ms = 0;
  int token_ttl_s = 3600;
  int processing_ms = 200;
};

int RunSandbox(SandboxCliOptions& opt) {
  sandbox::SandboxOptions& s = opt.sandbox;
  sandbox::ApplyEnvironment(s);
  s.latency = std::chrono::milliseconds(opt.latency_ms);
  s.token_ttl = std::chrono::seconds(opt.token_ttl_s);
  s.processing_step = std::chrono::milliseconds(opt.processing_ms);
  // stdout carries only the listening line: the request log goes to stderr,
  // at info level unless -v/-vv asked for more.
  auto level = spdlog::get_level();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "chorus", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  spdlog::set_level(level == spdlog::level::warn ? spdlog::level::info : level);

  // Blocked before any thread starts, so every thread inherits the mask and
  // the signals reach only the sigwait below: shutdown runs in order.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const bool generated_dir = s.tls && s.cert_dir.empty();
  sandbox::Sandbox server(s);
  auto info = server.Start();
  if (!info) return ReportError(info.error());
  if (generated_dir) {
    std::cerr << "chorus sandbox: TLS files in " << info->cert_dir
              << " (ca.pem, client.pem, client-key.pem, client.p12)\n";
  }
  if (!opt.ready_file.empty()) {
    if (Status w = sandbox::WriteReadyFile(opt.ready_file, *info); !w) {
      server.Stop();
      return ReportError(w.error());
    }
  }
  if (opt.format == "json") {
    std::cout << info->ToJson().dump() << std::endl;
  } else {
    std::cout << "chorus sandbox listening on " << info->url << std::endl;
  }

  int sig = 0;
  sigwait(&signals, &sig);
  server.Stop();
  if (!opt.ready_file.empty()) {
    std::error_code ec;
    std::filesystem::remove(opt.ready_file, ec);
  }
  std::cerr << "chorus sandbox: stopped ("
            << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ")"
            << (s.state_file.empty() ? "" : ", state saved to " + s.state_file)
            << "\n";
  return kExitOk;
}

}  // namespace

void AddSandboxCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<SandboxCliOptions>();
  sandbox::SandboxOptions& s = opt->sandbox;
  CLI::App* cmd = parent.add_subcommand(
      "sandbox",
      "Run a local Chorus Pro emulator (OAuth, gateway, factures, structures)");
  cmd->footer(
      "Runs until SIGINT/SIGTERM; prints one line 'chorus sandbox listening on "
      "URL'.\n"
      "Credentials: PISTE client sandbox-client / sandbox-secret "
      "(sandbox-nofactures is\n"
      "not subscribed to Factures), technical account TECH_1_SANDBOX@cpro.fr "
      "/\n"
      "sandbox-password; override with CHORUS_SANDBOX_CLIENT_ID, "
      "_CLIENT_SECRET,\n"
      "_TECH_LOGIN, _TECH_PASSWORD; client.p12 password: "
      "CHORUS_SANDBOX_P12_PASSWORD\n"
      "(default sandbox).\n\n"
      "Examples:\n"
      "  chorus sandbox --tls --port 0 --ready-file /tmp/sandbox.json\n"
      "  chorus sandbox --tls --cert-dir certs --client-ca certs/ca.pem "
      "--state sb.json\n"
      "  chorus sandbox --fail-rate 0.2 --rate-limit 30 --drop-after-receive "
      "0.1 --seed 7");
  cmd->add_option("--host", s.host, "Address to listen on")
      ->capture_default_str();
  cmd->add_option("--port", s.port, "Port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_flag(
      "--tls", s.tls,
      "Serve HTTPS (certificates generated unless --cert-dir has them)");
  cmd->add_option(
      "--cert-dir", s.cert_dir,
      "Folder of ca.pem, server.pem, server-key.pem (reused or generated); "
      "default: a new temporary folder");
  cmd->add_option(
      "--client-ca", s.client_ca,
      "Require client certificates signed by this CA (PEM); may be the ca.pem "
      "generated in --cert-dir by this run");
  cmd->add_option("--state", s.state_file,
                  "JSON file keeping flows and invoices across runs");
  cmd->add_option(
      "--ready-file", opt->ready_file,
      "Write {url, port, token_url, api_base, ca, client_cert, client_key, "
      "client_p12} here once listening");
  cmd->add_option("--fail-rate", s.fail_rate,
                  "Probability of an injected 500/502/503")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--latency", opt->latency_ms,
                  "Milliseconds added to every answer")
      ->check(CLI::Range(0, 600000));
  cmd->add_option("--rate-limit", s.rate_limit,
                  "Requests per minute per client, then 429 + Retry-After (0 = "
                  "no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--drop-after-receive", s.drop_after_receive,
                  "Probability that deposer/flux records the flow and cuts the "
                  "connection")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--token-ttl", opt->token_ttl_s,
                  "Access token lifetime in seconds")
      ->check(CLI::Range(1, 86400 * 365))
      ->capture_default_str();
  cmd->add_option("--processing-ms", opt->processing_ms,
                  "Milliseconds per processing step of a flow")
      ->check(CLI::Range(0, 3600000))
      ->capture_default_str();
  cmd->add_option("--seed", s.seed,
                  "Seed of the fault injection randomness (0 = random)");
  AddFormatOption(*cmd, &opt->format);
  cmd->callback([opt, exit_code] { *exit_code = RunSandbox(*opt); });
}

}  // namespace chorus::cli
