#include "tools/aidcsim/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <unistd.h>

namespace aidcsim::cli {
namespace {

// "%*": the level's name and a colon for anything but info, whose lines read as plain messages.
class LevelPrefix : public spdlog::custom_flag_formatter {
public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    if (msg.level == spdlog::level::info)
      return;
    const auto name = msg.level == spdlog::level::warn ? spdlog::string_view_t("warning")
                                                       : spdlog::level::to_string_view(msg.level);
    dest.append(name.data(), name.data() + name.size());
    dest.append(std::string_view(": "));
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<LevelPrefix>(); }
};

} // namespace

bool setup_logging(const LogArgs& args) {
  spdlog::level::level_enum level = spdlog::level::info;
  if (args.quiet)
    level = spdlog::level::warn;
  else if (args.verbose == 1)
    level = spdlog::level::debug;
  else if (args.verbose >= 2)
    level = spdlog::level::trace;
  if (!args.level.empty()) {
    const std::string name = args.level == "warn" ? "warning" : args.level;
    level = spdlog::level::from_str(name == "warning" ? "warn" : name);
    // from_str answers "off" for any name it does not know: tell a typo from a request.
    if (level == spdlog::level::off && name != "off") {
      std::fprintf(stderr, "aidcsim: --log-level '%s': expected trace, debug, info, warning, error or off\n",
                   args.level.c_str());
      return false;
    }
  }
  // Unbuffered stderr, one thread: a forked simulation process logs through the same sink.
  auto logger = spdlog::stderr_logger_st("aidcsim");
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<LevelPrefix>('*').set_pattern("%*%v");
  logger->set_formatter(std::move(formatter));
  logger->set_level(level);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  return true;
}

bool info_enabled() {
  return spdlog::should_log(spdlog::level::info);
}

bool progress_enabled() {
  return info_enabled() && ::isatty(STDERR_FILENO) != 0;
}

} // namespace aidcsim::cli
