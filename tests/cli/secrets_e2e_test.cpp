// No secret ever leaves chorus: every command run at -vv, successful and
// failing, against a sandbox whose credentials are unique strings; every
// stdout, stderr, the sandbox log, the journal and the config file's
// `config show` are searched for them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chorus/api/base64.h"
#include "cli/e2e_support.h"

namespace chorus::testing {
namespace {

namespace fs = std::filesystem;

const char* const kClientSecret = "Cs-7f3kQ9-client-secret";
const char* const kTechPassword = "Tp-2m8xW4-tech-password";
const char* const kP12Password = "Pk-5v1zR7-p12-password";

TEST(SecretsE2e, NoSecretInAnyOutputLogJournalOrConfigShow) {
  SandboxProcess sandbox(
      {"--token-ttl", "2"},
      {std::string("CHORUS_SANDBOX_CLIENT_SECRET=") + kClientSecret,
       std::string("CHORUS_SANDBOX_TECH_PASSWORD=") + kTechPassword,
       std::string("CHORUS_SANDBOX_P12_PASSWORD=") + kP12Password});
  ASSERT_TRUE(sandbox.ok());
  std::string p12 = sandbox.ready()["client_p12"];
  // Secrets reach chorus three ways: environment, config file, stdin.
  auto env = sandbox.Env(
      {"CHORUS_CERT=" + p12,
       "CHORUS_KEY=", std::string("CHORUS_KEY_PASSWORD=") + kP12Password,
       std::string("CHORUS_CLIENT_SECRET=") + kClientSecret,
       std::string("CHORUS_TECH_PASSWORD=") + kTechPassword});
  fs::path config = sandbox.dir() / "chorus.toml";
  auto file_env =
      WithEnv(env, {"CHORUS_CONFIG=" + config.string(), "CHORUS_CLIENT_SECRET=",
                    "CHORUS_TECH_PASSWORD=", "CHORUS_KEY_PASSWORD="});
  std::string stdin_secrets = std::string("client_secret=") + kClientSecret +
                              "\ntech_password=" + kTechPassword +
                              "\nkey_password=" + kP12Password + "\n";
  std::string sample =
      (SourceDir() / "samples/generated/b2g-service-code.cii.xml").string();
  std::string rejected =
      (SourceDir() / "samples/generated/b2g-missing-engagement.ubl.xml")
          .string();

  std::vector<CommandResult> runs;
  auto run = [&](std::vector<std::string> args,
                 const std::vector<std::string>& e,
                 const std::string& in = "") {
    args.insert(args.begin(), "-vv");
    runs.push_back(RunChorus(args, e, in));
    return runs.back();
  };
  EXPECT_EQ(run({"config", "init", "--env", "local", "--url", sandbox.url(),
                 "--secrets-stdin"},
                file_env, stdin_secrets)
                .exit_code,
            0);
  EXPECT_EQ(run({"config", "show"}, file_env).exit_code, 0);
  EXPECT_EQ(run({"config", "show", "--format", "json"}, file_env).exit_code, 0);
  EXPECT_EQ(
      run({"config", "show", "--secrets-stdin"}, env, stdin_secrets).exit_code,
      0);
  EXPECT_EQ(run({"auth", "check"}, file_env).exit_code, 0);
  EXPECT_EQ(
      run({"auth", "check", "--format", "json", "--secrets-stdin"},
          WithEnv(env, {"CHORUS_CLIENT_SECRET=", "CHORUS_TECH_PASSWORD="}),
          stdin_secrets)
          .exit_code,
      0);
  auto sub = run(
      {"submit", "--wait", "--interval", "300ms", "--format", "json", sample},
      env);
  EXPECT_EQ(sub.exit_code, 0) << sub.out << sub.err;
  std::string flow = JsonOut(sub)["results"][0]["flow"];
  run({"submit", "--no-lookup-check", "--wait", "--interval", "300ms",
       rejected},
      file_env);
  run({"submit", sample}, env);  // already deposited
  EXPECT_EQ(run({"status", flow, "--format", "json"}, env).exit_code, 0);
  run({"status", "--pending"}, env);
  run({"invoices", "search", "--format", "json"}, env);
  run({"lookup", "26690318600010", "--no-cache"}, env);
  run({"inbox"}, env);
  // Failures carry the most detail: bad secret, bad password, bad p12.
  run({"auth", "check"},
      WithEnv(env, {"CHORUS_TECH_PASSWORD=x" + std::string(kTechPassword)}));
  run({"auth", "check"},
      WithEnv(env, {"CHORUS_CLIENT_SECRET=x" + std::string(kClientSecret)}));
  run({"auth", "check"},
      WithEnv(env, {"CHORUS_KEY_PASSWORD=x" + std::string(kP12Password)}));
  run({"status", "CPP999"},
      WithEnv(env, {"CHORUS_RETRIES=2", "CHORUS_URL=https://127.0.0.1:" +
                                            std::to_string(ClosedPort())}));

  std::vector<std::string> needles = {
      kClientSecret, kTechPassword, kP12Password,
      api::Base64Encode(std::string("TECH_1_SANDBOX@cpro.fr:") +
                        kTechPassword)};
  std::vector<std::pair<std::string, std::string>> haystacks;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    haystacks.push_back({"run " + std::to_string(i) + " stdout", runs[i].out});
    haystacks.push_back({"run " + std::to_string(i) + " stderr", runs[i].err});
    // -vv really was verbose: debug lines are there to be searched.
    EXPECT_THAT(runs[i].err + runs[i].out,
                ::testing::Not(::testing::HasSubstr("Bearer ")));
  }
  haystacks.push_back({"sandbox log", sandbox.Log()});
  haystacks.push_back({"journal", ReadFile(sandbox.dir() / "journal.db")});
  EXPECT_THAT(runs[4].err, ::testing::HasSubstr("[debug]"));
  for (const auto& [where, text] : haystacks) {
    for (const auto& secret : needles) {
      EXPECT_EQ(text.find(secret), std::string::npos)
          << where << " holds a secret";
    }
  }
  // The file written by config init holds them, private.
  std::string written = ReadFile(config);
  EXPECT_NE(written.find(kClientSecret), std::string::npos);
  EXPECT_THAT(runs[1].out, ::testing::HasSubstr("****"));
}

}  // namespace
}  // namespace chorus::testing
