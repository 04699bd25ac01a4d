// chorus config init/show through the binary: file mode, refusal to
// overwrite, precedence and origins, masking, refusal of readable secrets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace chorus::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// A private HOME with nothing set.
std::vector<std::string> CleanEnv(const fs::path& home) {
  return {"HOME=" + home.string(), "XDG_CONFIG_HOME=",
          "XDG_STATE_HOME=",       "CHORUS_CONFIG=",
          "CHORUS_ENV=",           "CHORUS_URL=",
          "CHORUS_CLIENT_ID=",     "CHORUS_CLIENT_SECRET=",
          "CHORUS_TECH_LOGIN=",    "CHORUS_TECH_PASSWORD=",
          "CHORUS_CERT=",          "CHORUS_KEY=",
          "CHORUS_KEY_PASSWORD=",  "CHORUS_CA=",
          "CHORUS_JOURNAL=",       "CHORUS_REQUEST_TIMEOUT=",
          "CHORUS_RETRIES=",       "CHORUS_DEADLINE=",
          "CHORUS_LOOKUP_TTL=",    "CHORUS_TOKEN_URL=",
          "CHORUS_API_BASE=",      "CHORUS_CONNECT_TIMEOUT="};
}

std::vector<std::string> With(std::vector<std::string> env,
                              const std::string& kv) {
  auto name = kv.substr(0, kv.find('='));
  for (auto& e : env) {
    if (e.substr(0, e.find('=')) == name) {
      e = kv;
      return env;
    }
  }
  env.push_back(kv);
  return env;
}

TEST(ConfigCli, InitWritesAPrivateFileAndRefusesToOverwrite) {
  fs::path home = TempDir();
  auto env = CleanEnv(home);
  auto r = RunChorus(
      {"config", "init", "--env", "production", "--client-id", "prod-id",
       "--tech-login", "TECH_1_P@cpro.fr", "--secrets-stdin"},
      env, "client_secret=prod-secret-1\ntech_password=prod-pw-1\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::path file = home / ".config/chorus/config.toml";
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("prod-secret-1")));

  auto again = RunChorus({"config", "init", "--env", "local"}, env);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("--force"));

  // --force adds an environment and keeps the others and the default.
  auto add = RunChorus({"config", "init", "--force", "--env", "local", "--url",
                        "https://127.0.0.1:1", "--client-id", "local-id"},
                       env);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  auto show = RunChorus({"config", "show", "--format", "json"}, env);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  auto j = nlohmann::json::parse(show.out);
  EXPECT_EQ(j["env"], "production");
  EXPECT_EQ(j["settings"]["client_id"]["value"], "prod-id");
  EXPECT_EQ(j["settings"]["client_secret"]["value"], "****");
  EXPECT_EQ(j["settings"]["client_secret"]["source"], "config");
  EXPECT_THAT(show.out, Not(HasSubstr("prod-secret-1")));
  EXPECT_THAT(show.out, Not(HasSubstr("prod-pw-1")));
  EXPECT_EQ(j["effective_api_base"], "https://api.piste.gouv.fr");

  // Precedence: flag > environment variable > file.
  auto local =
      RunChorus({"config", "show", "--format", "json", "--env", "local"},
                With(env, "CHORUS_CLIENT_ID=env-id"));
  auto jl = nlohmann::json::parse(local.out);
  EXPECT_EQ(jl["settings"]["client_id"]["value"], "env-id");
  EXPECT_EQ(jl["settings"]["client_id"]["origin"], "CHORUS_CLIENT_ID");
  EXPECT_EQ(jl["settings"]["url"]["source"], "config");
  EXPECT_EQ(jl["effective_token_url"], "https://127.0.0.1:1/api/oauth/token");
  auto flag = RunChorus({"config", "show", "--format", "json", "--env", "local",
                         "--client-id", "flag-id"},
                        With(env, "CHORUS_CLIENT_ID=env-id"));
  EXPECT_EQ(nlohmann::json::parse(flag.out)["settings"]["client_id"]["value"],
            "flag-id");
  // Text output names origins too.
  auto text = RunChorus({"config", "show"}, env);
  EXPECT_THAT(text.out, HasSubstr("client_secret"));
  EXPECT_THAT(text.out, HasSubstr("****"));
  EXPECT_THAT(text.out, HasSubstr("config.toml:"));
}

TEST(ConfigCli, XdgConfigHomeIsHonoured) {
  fs::path home = TempDir();
  auto env = With(CleanEnv(home), "XDG_CONFIG_HOME=" + (home / "xdg").string());
  ASSERT_EQ(
      RunChorus({"config", "init", "--env", "sandbox", "--client-id", "x"}, env)
          .exit_code,
      0);
  EXPECT_TRUE(fs::exists(home / "xdg/chorus/config.toml"));
  EXPECT_FALSE(fs::exists(home / ".config/chorus/config.toml"));
}

TEST(ConfigCli, SecretsReadableByOthersAreRefusedWithTheFix) {
  fs::path home = TempDir();
  fs::path file = home / "c.toml";
  std::ofstream(file) << "[env.sandbox]\nclient_secret = \"shh-123456\"\n";
  ::chmod(file.c_str(), 0644);
  auto env = With(CleanEnv(home), "CHORUS_CONFIG=" + file.string());
  for (std::vector<std::string> args :
       {std::vector<std::string>{"config", "show"},
        {"auth", "check"},
        {"status", "X"},
        {"lookup", "26690318600010"}}) {
    auto r = RunChorus(args, env);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_THAT(r.err, HasSubstr("chmod 600 " + file.string())) << args[0];
    EXPECT_THAT(r.err, Not(HasSubstr("shh-123456")));
  }
  ::chmod(file.c_str(), 0600);
  EXPECT_EQ(RunChorus({"config", "show"}, env).exit_code, 0);
}

TEST(ConfigCli, FileErrorsNameTheLineAndExitTwo) {
  fs::path home = TempDir();
  fs::path file = home / "c.toml";
  std::ofstream(file) << "env = \"local\"\n\n[env.local]\nurl = https://x\n";
  auto r = RunChorus({"config", "show"},
                     With(CleanEnv(home), "CHORUS_CONFIG=" + file.string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(file.string() + ":4:"));
  auto missing =
      RunChorus({"config", "show", "--config", (home / "nope.toml").string()},
                CleanEnv(home));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("nope.toml"));
}

TEST(ConfigCli, EveryPlatformCommandHasHelpWithExampleAndConnectionFlags) {
  for (std::vector<std::string> cmd : {std::vector<std::string>{"submit"},
                                       {"status"},
                                       {"invoices", "search"},
                                       {"invoices", "show"},
                                       {"invoices", "history"},
                                       {"invoices", "download"},
                                       {"inbox"},
                                       {"lookup"},
                                       {"auth", "check"},
                                       {"config", "init"},
                                       {"config", "show"}}) {
    cmd.push_back("--help");
    auto r = RunChorus(cmd);
    EXPECT_EQ(r.exit_code, 0) << cmd[0];
    EXPECT_THAT(r.out, HasSubstr("Example")) << cmd[0];
    EXPECT_THAT(r.out, HasSubstr("--env")) << cmd[0];
    EXPECT_THAT(r.out, HasSubstr("--secrets-stdin")) << cmd[0];
    EXPECT_THAT(r.out, Not(HasSubstr("--client-secret"))) << cmd[0];
  }
  EXPECT_EQ(RunChorus({"status"}).exit_code, 2);
  EXPECT_EQ(RunChorus({"submit"}).exit_code, 2);
  EXPECT_EQ(RunChorus({"status", "X", "--timeout", "soon"}).exit_code, 2);
}

TEST(ConfigCli, SecretsStdinRejectsOtherKeysWithoutEchoingThem) {
  fs::path home = TempDir();
  auto r = RunChorus({"config", "show", "--secrets-stdin"}, CleanEnv(home),
                     "client_id=visible\npassword=hunter2-xyz\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("line 1"));
  EXPECT_THAT(r.err, Not(HasSubstr("hunter2-xyz")));
}

}  // namespace
}  // namespace chorus::testing
